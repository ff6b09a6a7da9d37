import { describe, expect, it } from "vitest";
import { TORCH_LOOP } from "../../../testing/learner-code.js";
import { reviewTree } from "../../../testing/memory-fs.js";
import { ipynbLine, jupyterJson } from "../../../testing/notebook.js";
import { accuracyOnlyOnClassification } from "./accuracy-only-on-classification.js";

const RULE = "ml-methodology/accuracy-only-on-classification";
const py = (...lines: string[]) => lines.join("\n");

const HF_TRAIN = py(
  "from transformers import Trainer",
  "def compute_metrics(eval_pred):",
  "    logits, labels = eval_pred",
  "    preds = np.argmax(logits, axis=-1)",
  '    return {"accuracy": float((preds == labels).mean())}',
  "trainer = Trainer(model=model, train_dataset=train, eval_dataset=test, compute_metrics=compute_metrics)",
  "trainer.train()",
  "print(trainer.evaluate())",
);

describe("ml-methodology/accuracy-only-on-classification", () => {
  it("fires once per repository, at the first accuracy in the first file that computes it", async () => {
    const report = await reviewTree(
      {
        "a_load.py": "import pandas as pd\ndf = pd.read_csv('emails.csv')\n",
        "b_train.py": py(
          "from sklearn.metrics import accuracy_score",
          "model.fit(X_train, y_train)",
          "print(accuracy_score(y_test, model.predict(X_test)))",
        ),
        "c_eval.py": "from sklearn.metrics import accuracy_score\nacc = accuracy_score(y_val, p)\n",
      },
      [accuracyOnlyOnClassification],
    );
    expect(report.findings.map((f) => [f.ruleId, f.file, f.line, f.level])).toEqual([
      [RULE, "b_train.py", 3, "informative"],
    ]);
    expect(report.findings[0]!.message).toBe(
      "Accuracy (`accuracy_score`) is the only classification metric in the project: no precision, recall, F1 or confusion matrix was found.",
    );
  });

  it.each([
    [
      "model.compile(optimizer='adam', loss='binary_crossentropy', metrics=['accuracy'])",
      'metrics=["accuracy"]',
    ],
    ["metric = torchmetrics.Accuracy(task='multiclass', num_classes=3)", "Accuracy"],
    ["metric = evaluate.load('accuracy')", 'evaluate.load("accuracy")'],
  ])("fires on `%s`", async (line, label) => {
    const report = await reviewTree({ "train.py": `import x\n${line}\n` }, [accuracyOnlyOnClassification]);
    expect(report.findings.map((f) => [f.ruleId, f.line])).toEqual([[RULE, 2]]);
    expect(report.findings[0]!.message).toContain(`(\`${label}\`)`);
  });

  it("fires on a Hugging Face Trainer whose compute_metrics hook reports accuracy, at the hook's entry", async () => {
    const report = await reviewTree({ "train.py": HF_TRAIN }, [accuracyOnlyOnClassification]);
    expect(report.findings.map((f) => [f.file, f.line, f.message])).toEqual([
      [
        "train.py",
        5,
        'Accuracy (`{"accuracy": ...}`) is the only classification metric in the project: no precision, recall, F1 or confusion matrix was found.',
      ],
    ]);
  });

  it("fires in a notebook and names the cell", async () => {
    const notebook = jupyterJson({
      cells: [
        { cell_type: "code", source: "clf.fit(X_train, y_train)", outputs: [] },
        {
          cell_type: "code",
          source: ["pred = clf.predict(X_test)\n", "accuracy_score(y_test, pred)"],
          outputs: [],
        },
      ],
    });
    const report = await reviewTree({ "model.ipynb": notebook }, [accuracyOnlyOnClassification]);
    expect(report.findings.map((f) => [f.file, f.line])).toEqual([
      ["model.ipynb", ipynbLine(notebook, "accuracy_score(y_test, pred)")],
    ]);
    expect(report.findings[0]!.assistantPrompt).toContain("cell 2, line 2");
  });

  it("stays quiet when any file of the repo looks past accuracy", async () => {
    for (const other of [
      "print(classification_report(y_test, y_pred))",
      "cm = confusion_matrix(y_test, y_pred)",
      "f1 = f1_score(y_test, y_pred, average='macro')",
      "auc = roc_auc_score(y_test, proba)",
      "metric = torchmetrics.F1Score(task='binary')",
    ]) {
      const report = await reviewTree(
        {
          "train.py": "print(accuracy_score(y_test, model.predict(X_test)))\n",
          "report.py": `import sklearn\n${other}\n`,
        },
        [accuracyOnlyOnClassification],
      );
      expect(report.findings, other).toEqual([]);
    }
  });

  it("stays quiet on accuracy only in comments, strings and history plots, and on regression metrics", async () => {
    const report = await reviewTree(
      {
        "plot.py": py(
          "# accuracy_score(y_test, pred) was 0.93",
          "plt.plot(history.history['accuracy'])",
          "label = 'accuracy_score'",
        ),
        "regress.py": "print(mean_squared_error(y_test, pred))\n",
      },
      [accuracyOnlyOnClassification],
    );
    expect(report.findings).toEqual([]);
  });
  it("fires on accuracy counted by hand in a PyTorch loop, at the comparison (held-out corpus)", async () => {
    const report = await reviewTree({ "train.py": TORCH_LOOP }, [accuracyOnlyOnClassification]);
    expect(report.findings.map((f) => [f.ruleId, f.file, f.line])).toEqual([[RULE, "train.py", 10]]);
    expect(report.findings[0]!.message).toContain("`(preds == yb).sum()`");
    const tutorial = await reviewTree(
      { "eval.py": "import torch\nacc = (pred.argmax(1) == y).type(torch.float).mean()\n" },
      [accuracyOnlyOnClassification],
    );
    expect(tutorial.findings.map((f) => [f.file, f.line])).toEqual([["eval.py", 2]]);
  });

  it("stays quiet on counts that are not predictions against labels, and when the loop reports more", async () => {
    for (const text of [
      "import pandas as pd\nmissing = (df['city'] == 'Lisbon').sum()\n",
      "import torch\nsame = (a == b).all()\n",
      `${TORCH_LOOP}\nprint(classification_report(all_labels, all_preds))\n`,
    ]) {
      const report = await reviewTree({ "train.py": text }, [accuracyOnlyOnClassification]);
      expect(report.findings, text).toEqual([]);
    }
  });
});
