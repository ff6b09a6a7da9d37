import { describe, expect, it } from "vitest";
import { reviewTree } from "../../../testing/memory-fs.js";
import { metricsOnlyPrinted } from "./metrics-only-printed.js";

const RULE = "evaluation/metrics-only-printed";
const TRAIN = [
  "from sklearn.linear_model import LogisticRegression",
  "from sklearn.metrics import accuracy_score, f1_score, classification_report",
  "from sklearn.model_selection import cross_val_score",
  "",
  "model = LogisticRegression().fit(X_train, y_train)",
  "pred = model.predict(X_test)",
];

describe("evaluation/metrics-only-printed", () => {
  it("fires once per file, at the first metric, when every metric is only printed", async () => {
    const report = await reviewTree(
      {
        "train.py": [
          ...TRAIN,
          'print("accuracy", accuracy_score(y_test, pred))',
          "f1 = f1_score(y_test, pred, average='macro')",
          'print(f"f1: {f1:.3f}", round(f1, 2))',
          "print(classification_report(y_test, pred))",
          "scores = cross_val_score(model, X, y, cv=5)",
          'print("cv", scores.mean(), scores.std())',
        ].join("\n"),
      },
      [metricsOnlyPrinted],
    );
    expect(report.findings.map((f) => [f.ruleId, f.file, f.line, f.level])).toEqual([
      [RULE, "train.py", 7, "informative"],
    ]);
    expect(report.findings[0]!.message).toBe(
      "`accuracy_score` in train.py is only printed: the score is not saved to a file or checked against a threshold, so the next run cannot be compared with this one.",
    );
  });

  it("fires on module-qualified metrics printed inside a function", async () => {
    const report = await reviewTree(
      {
        "src/evaluate_model.py": [
          "from sklearn import metrics",
          "def report(y, p):",
          "    acc = metrics.accuracy_score(y, p)",
          '    print("acc={}".format(acc))',
        ].join("\n"),
      },
      [metricsOnlyPrinted],
    );
    expect(report.findings.map((f) => [f.file, f.line])).toEqual([["src/evaluate_model.py", 3]]);
  });

  it("fires on an eval script that counts correct answers and only prints the score, at the summary print", async () => {
    const report = await reviewTree(
      {
        "evaluate.py": [
          "import json",
          "from rag import answer",
          "questions = json.load(open('eval_questions.json'))",
          "correct = 0",
          "for item in questions:",
          "    reply = answer(item['question'])",
          "    ok = item['expected'].lower() in reply.lower()",
          "    correct += ok",
          "    print('correct' if ok else 'wrong', item['question'])",
          "",
          "print(f'Accuracy: {correct}/{len(questions)} = {correct / len(questions):.0%}')",
        ].join("\n"),
      },
      [metricsOnlyPrinted],
    );
    expect(report.findings.map((f) => [f.ruleId, f.file, f.line])).toEqual([[RULE, "evaluate.py", 11]]);
    expect(report.findings[0]!.message).toBe(
      "The score of the eval script evaluate.py is only printed: it is not saved to a file or checked against a threshold, so the next run cannot be compared with this one.",
    );
  });

  it("stays quiet on eval scripts that write results, assert a threshold or return the score, and on other scripts", async () => {
    const body = ["correct = sum(check(q) for q in cases)", "print(f'accuracy {correct / len(cases):.0%}')"];
    const report = await reviewTree(
      {
        "evals/run.py": [
          ...body,
          "Path('evals/results.json').write_text(json.dumps({'correct': correct}))",
        ].join("\n"),
        "eval_rag.py": [...body, "assert correct / len(cases) >= 0.8"].join("\n"),
        "benchmark.py": [
          "def run(cases):",
          "    score = sum(check(q) for q in cases)",
          "    print('score', score)",
          "    return score",
        ].join("\n"),
        "app.py": body.join("\n"),
        "evals/helpers.py": "def show(rows):\n    print(len(rows), 'rows')\n",
        "retrieval.py":
          "def search(q):\n    for doc in index.query(q):\n        print(doc.id, doc.score)\nprint('best score', best)\n",
      },
      [metricsOnlyPrinted],
    );
    expect(report.findings).toEqual([]);
  });

  it.each([
    ["written to a file", 'json.dump({"acc": acc}, open("metrics.json", "w"))'],
    ["asserted", "assert acc > 0.8"],
    ["logged to mlflow", 'mlflow.log_metric("acc", acc)'],
    ["returned", "def score():\n    return accuracy_score(y_test, pred)"],
    ["kept in a dict", 'results = {"acc": acc}'],
    ["compared", "if acc < best:\n    print('worse')"],
    ["printed to a file", 'print(acc, file=open("log.txt", "a"))'],
    ["logged", 'logger.info("acc %s", acc)'],
  ])("stays quiet when a metric is %s", async (_, line) => {
    const report = await reviewTree(
      { "train.py": [...TRAIN, "acc = accuracy_score(y_test, pred)", "print(acc)", line].join("\n") },
      [metricsOnlyPrinted],
    );
    expect(report.findings).toEqual([]);
  });

  it("stays quiet when one metric of several is kept, and on a bare or unused metric", async () => {
    const report = await reviewTree(
      {
        "a.py": [
          ...TRAIN,
          "print(accuracy_score(y_test, pred))",
          "history.append(f1_score(y_test, pred))",
        ].join("\n"),
        "b.py": [...TRAIN, "acc = accuracy_score(y_test, pred)"].join("\n"),
      },
      [metricsOnlyPrinted],
    );
    expect(report.findings).toEqual([]);
  });

  it("stays quiet in notebooks, tests, and files that do not use scikit-learn", async () => {
    const notebook = JSON.stringify({
      cells: [
        {
          cell_type: "code",
          source: [...TRAIN, "print(accuracy_score(y_test, pred))"].join("\n"),
          outputs: [],
        },
      ],
    });
    const report = await reviewTree(
      {
        "train.ipynb": notebook,
        "tests/test_model.py": [...TRAIN, "print(accuracy_score(y_test, pred))"].join("\n"),
        "mine.py": "def accuracy_score(a, b):\n    return 1\nprint(accuracy_score(1, 2))\n",
      },
      [metricsOnlyPrinted],
    );
    expect(report.findings).toEqual([]);
  });
});
