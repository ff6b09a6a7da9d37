import { describe, expect, it } from "vitest";
import { TORCH_LOOP } from "../../../testing/learner-code.js";
import { reviewTree } from "../../../testing/memory-fs.js";
import { ipynbLine, jupyterJson } from "../../../testing/notebook.js";
import { missingBaseline } from "./missing-baseline.js";

const RULE = "ml-methodology/missing-baseline";
const py = (...lines: string[]) => lines.join("\n");

const TRAIN = py(
  "from sklearn.ensemble import RandomForestClassifier",
  "model = RandomForestClassifier(random_state=0)",
  "model.fit(X_train, y_train)",
  "print(f1_score(y_test, model.predict(X_test)))",
);

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

describe("ml-methodology/missing-baseline", () => {
  it("fires once, at the first score in the first file that trains and scores", async () => {
    const report = await reviewTree(
      {
        "a_prep.py": "import pandas as pd\n",
        "b_train.py": TRAIN,
        "c_train.py": TRAIN,
        "README.md": "# Spam\n",
      },
      [missingBaseline],
    );
    expect(report.findings.map((f) => [f.ruleId, f.file, f.line, f.level])).toEqual([
      [RULE, "b_train.py", 4, "informative"],
    ]);
    expect(report.findings[0]!.message).toBe(
      "The model is scored here (`f1_score`), and nothing in the project scores a baseline, such as the most frequent class, to compare it with.",
    );
  });

  it("fires on a Hugging Face Trainer, at the first score its compute_metrics hook reports", async () => {
    const report = await reviewTree({ "train.py": HF_TRAIN }, [missingBaseline]);
    expect(report.findings.map((f) => [f.file, f.line, f.message])).toEqual([
      [
        "train.py",
        5,
        'The model is scored here (`{"accuracy": ...}`), and nothing in the project scores a baseline, such as the most frequent class, to compare it with.',
      ],
    ]);
  });

  it("fires on a PyTorch loop scored with a regression metric, in a notebook", async () => {
    const notebook = jupyterJson({
      cells: [
        { cell_type: "code", source: "import torch", outputs: [] },
        {
          cell_type: "code",
          source: ["for xb, yb in loader:\n", "    loss_fn(net(xb), yb).backward()"],
          outputs: [],
        },
        { cell_type: "code", source: "print(mean_absolute_error(y_test, preds))", outputs: [] },
      ],
    });
    const report = await reviewTree({ "train.ipynb": notebook }, [missingBaseline]);
    expect(report.findings.map((f) => [f.file, f.line])).toEqual([
      ["train.ipynb", ipynbLine(notebook, "print(mean_absolute_error(y_test, preds))")],
    ]);
    expect(report.findings[0]!.assistantPrompt).toContain("cell 3, line 1");
  });

  it("stays quiet when a baseline appears anywhere: a DummyClassifier, a variable, the README", async () => {
    const extras: Record<string, string>[] = [
      {
        "baseline.py": "from sklearn.dummy import DummyClassifier\nDummyClassifier().fit(X_train, y_train)\n",
      },
      { "compare.py": "majority_class = y_train.mode()[0]\n" },
      { "README.md": "Our baseline (always 'ham') scores 0.87.\n" },
    ];
    for (const extra of extras) {
      const report = await reviewTree({ "train.py": TRAIN, ...extra }, [missingBaseline]);
      expect(report.findings, Object.keys(extra)[0]).toEqual([]);
    }
  });

  it("fires when two real models are compared with each other but with no baseline", async () => {
    const report = await reviewTree(
      {
        "compare.py": py(
          "for model in [LogisticRegression(), RandomForestClassifier()]:",
          "    model.fit(X_train, y_train)",
          "    print(model.score(X_test, y_test))",
        ),
      },
      [missingBaseline],
    );
    expect(report.findings.map((f) => [f.file, f.line])).toEqual([["compare.py", 3]]);
  });

  it.each([
    [
      "nothing trained (the fit is a comment)",
      "# model.fit(X, y) comes later\nprint(f1_score(expected, answers))\n",
    ],
    ["only a scaler fitted", "scaler.fit(X)\nprint(r2_score(y_test, loaded_model.predict(X_test)))\n"],
  ])("stays quiet when %s", async (_, code) => {
    const report = await reviewTree({ "train.py": code }, [missingBaseline]);
    expect(report.findings).toEqual([]);
  });
  it("fires on a PyTorch loop scored by counting correct predictions, at the count (held-out corpus)", async () => {
    const report = await reviewTree({ "train.py": TORCH_LOOP }, [missingBaseline]);
    expect(report.findings.map((f) => [f.ruleId, f.file, f.line])).toEqual([[RULE, "train.py", 10]]);
    expect(report.findings[0]!.message).toContain("accuracy computed by hand");
  });

  it("stays quiet on a hand-counted accuracy when a baseline is scored too", async () => {
    const report = await reviewTree(
      { "train.py": `${TORCH_LOOP}\nprint("majority class baseline:", (yb == 0).float().mean())\n` },
      [missingBaseline],
    );
    expect(report.findings).toEqual([]);
  });
});
