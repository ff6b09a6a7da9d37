import { describe, expect, it } from "vitest";
import { reviewTree } from "../../../testing/memory-fs.js";
import { ipynbLine, jupyterJson } from "../../../testing/notebook.js";
import { scoredOnTrainingData } from "./scored-on-training-data.js";

const RULE = "ml-methodology/scored-on-training-data";
const py = (...lines: string[]) => lines.join("\n");

describe("ml-methodology/scored-on-training-data", () => {
  it("fires when the only scores use the training split, at the first one", async () => {
    const report = await reviewTree(
      {
        "train.py": py(
          "from sklearn.metrics import accuracy_score, f1_score",
          "X_train, y_train = load()",
          "model.fit(X_train, y_train)",
          "preds = model.predict(X_train)",
          "print(accuracy_score(y_train, preds))",
          "print(f1_score(y_train, preds))",
        ),
      },
      [scoredOnTrainingData],
    );
    expect(report.findings.map((f) => [f.ruleId, f.file, f.line, f.level])).toEqual([
      [RULE, "train.py", 5, "essential"],
    ]);
    expect(report.findings[0]!.message).toBe(
      "`accuracy_score` scores the model on the rows it was trained on (`y_train`), and no score on held-out data was found.",
    );
  });

  it("fires on model.score(X, y) right after model.fit(X, y) with no split, and on Keras evaluate", async () => {
    const report = await reviewTree(
      {
        "fit.py": py("model = RandomForestClassifier()", "model.fit(X, y)", "print(model.score(X, y))"),
        "keras_model.py": py(
          "model.fit(x_train, y_train, epochs=5)",
          "loss, acc = model.evaluate(x_train, y_train)",
        ),
      },
      [scoredOnTrainingData],
    );
    expect(report.findings.map((f) => [f.file, f.line])).toEqual([
      ["fit.py", 3],
      ["keras_model.py", 2],
    ]);
    expect(report.findings[0]!.message).toContain(
      "`model.score` scores the model on the rows it was trained on (`X`)",
    );
  });

  it("fires on the model that is only scored on training rows when another model is scored on the test split", async () => {
    const report = await reviewTree(
      {
        "compare.py": py(
          "model = LogisticRegression().fit(X_train, y_train)",
          "preds = model.predict(X_test)",
          "print('logreg', accuracy_score(y_test, preds))",
          "rf = RandomForestClassifier()",
          "rf.fit(X_train, y_train)",
          "print('forest', rf.score(X_train, y_train))",
          "print('forest f1', f1_score(y_train, rf.predict(X_train)))",
        ),
      },
      [scoredOnTrainingData],
    );
    expect(report.findings.map((f) => [f.line, f.message])).toEqual([
      [
        6,
        "`rf.score` scores `rf` on the rows it was trained on (`X_train`), and `rf` is never scored on held-out data.",
      ],
    ]);
  });

  it("stays quiet when another file cross-validates the model", async () => {
    const report = await reviewTree(
      {
        "fit.py": py("model.fit(X, y)", "print(model.score(X, y))"),
        "cv.py": py(
          "from sklearn.model_selection import cross_val_score",
          "print(cross_val_score(make_model(), X, y))",
        ),
      },
      [scoredOnTrainingData],
    );
    expect(report.findings).toEqual([]);
  });

  it("fires in a notebook and names the cell", async () => {
    const notebook = jupyterJson({
      cells: [
        { cell_type: "code", source: "clf.fit(X_train, y_train)", outputs: [] },
        {
          cell_type: "code",
          source: ["y_hat = clf.predict(X_train)\n", "accuracy_score(y_train, y_hat)"],
          outputs: [],
        },
      ],
    });
    const report = await reviewTree({ "model.ipynb": notebook }, [scoredOnTrainingData]);
    expect(report.findings.map((f) => [f.ruleId, f.file, f.line])).toEqual([
      [RULE, "model.ipynb", ipynbLine(notebook, "accuracy_score(y_train, y_hat)")],
    ]);
    expect(report.findings[0]!.assistantPrompt).toContain("cell 2, line 2");
  });

  it("stays quiet when a test score sits beside the training score, or cross-validation is used", async () => {
    const report = await reviewTree(
      {
        "both.py": py(
          "model.fit(X_train, y_train)",
          "print('train', model.score(X_train, y_train))",
          "print('test', accuracy_score(y_te, model.predict(X_te)))",
        ),
        "cv.py": py(
          "model.fit(X, y)",
          "print(model.score(X, y))",
          "print(cross_val_score(model, X, y).mean())",
        ),
        "keras_model.py": py(
          "model.fit(x_train, y_train, validation_split=0.2)",
          "model.evaluate(x_train, y_train)",
        ),
      },
      [scoredOnTrainingData],
    );
    expect(report.findings).toEqual([]);
  });

  it("stays quiet when names say nothing, rows differ, or another file scores the test split", async () => {
    const report = await reviewTree(
      {
        "helpers.py": py(
          "def report(model, X, y):",
          "    print(accuracy_score(y, model.predict(X)))",
          "model.fit(X_train, y_train)",
          "print(model.score(X_train, y_train))",
        ),
        "split_elsewhere.py": py(
          "X_train, X_test, y_train, y_test = train_test_split(X, y, random_state=0)",
          "model.fit(X, y)",
          "model.score(X, y)",
        ),
        "train.py": py("model.fit(X_train, y_train)", "print(model.score(X_train, y_train))"),
        "evaluate.py": py("model = load()", "print(accuracy_score(y_test, model.predict(X_test)))"),
        "tests/test_model.py": py(
          "model.fit(X_train, y_train)",
          "assert model.score(X_train, y_train) > 0.9",
        ),
      },
      [scoredOnTrainingData],
    );
    expect(report.findings).toEqual([]);
  });
});
