// ml-methodology/accuracy-only-on-classification: a classifier is judged by accuracy alone, nowhere in the repo
// by precision, recall, F1 or a confusion matrix.

import { calls, keywordArguments, lineOf, positionalArguments } from "../../../parse/syntax.js";
import type { Node } from "../../../parse/tree-sitter.js";
import { HAND_ACCURACY_TEXT, handComputedAccuracy } from "../../lib/hand-accuracy.js";
import { perRepo } from "../../lib/memo.js";
import { allTextsRead, lastPart, metricDictEntries, PYTHON_PATH } from "../../lib/ml-python.js";
import { literalGate } from "../../lib/needles.js";
import type { FileDetector } from "../../types.js";

/** Text that computes accuracy in some library: the cheap test of which file goes first. */
const ACCURACY_TEXT = /accuracy_score|\bAccuracy\s*\(|["'](accuracy|acc)["']/;
/** The same, or accuracy computed by hand (`(preds == labels).sum()`). */
const ANY_ACCURACY_TEXT = new RegExp(`${ACCURACY_TEXT.source}|${HAND_ACCURACY_TEXT.source}`);
/** Every match names accuracy, or ends in `.sum(` or `.mean(` (spaces allowed): most files hold none of these. */
const ANY_ACCURACY_GATE = literalGate(ANY_ACCURACY_TEXT);
/** Any sign of a metric that looks past accuracy, anywhere in the code (comments too: a mention is enough to stay quiet). */
const OTHER_METRICS =
  /\b(f1|fbeta|f_beta|precision|recall|confusion_?matrix|ConfusionMatrix|classification_report|roc|auc|AUROC|average_precision|balanced_accuracy|matthews|mcc|cohen_kappa|kappa|log_loss|brier|F1Score|sensitivity|specificity)/i;

/** Where this file computes accuracy: `accuracy_score`, torchmetrics' `Accuracy`, `evaluate.load("accuracy")`, Keras `metrics=["accuracy"]`. */
function accuracyCall(found: readonly { node: Node; name: string }[]): { node: Node; label: string } | null {
  for (const { node, name } of found) {
    const last = lastPart(name);
    if (last === "accuracy_score") return { node, label: "accuracy_score" };
    if (last === "Accuracy" || name === "torchmetrics.Accuracy") return { node, label: "Accuracy" };
    const [first] = positionalArguments(node);
    if (name === "evaluate.load" && first && /^["'](accuracy)["']$/.test(first.text)) {
      return { node, label: 'evaluate.load("accuracy")' };
    }
    if (last === "compile") {
      const metrics = keywordArguments(node)?.get("metrics");
      if (metrics && /["'](accuracy|acc)["']/.test(metrics.text))
        return { node, label: 'metrics=["accuracy"]' };
    }
  }
  return null;
}

export const accuracyOnlyOnClassification: FileDetector = {
  scope: "file",
  languages: ["python"],
  prefilter: ANY_ACCURACY_TEXT,
  meta: {
    id: "ml-methodology/accuracy-only-on-classification",
    area: "ml-methodology",
    level: "informative",
    title: "A classifier is judged by accuracy alone",
    why: "Accuracy hides which mistakes a model makes. With 95% of emails not spam, a model that never says spam scores 95%. Precision, recall and the confusion matrix show how each class is handled, which is what a user of the model feels.",
    tryThis:
      "Print `classification_report(y_test, y_pred)` and `confusion_matrix(y_test, y_pred)` next to the accuracy, and look at the class with the lowest recall: which examples does the model miss?",
    learnMore: [
      "https://scikit-learn.org/stable/modules/model_evaluation.html#classification-metrics",
      "https://developers.google.com/machine-learning/crash-course/classification/accuracy-precision-recall",
    ],
    example: {
      language: "python",
      file: "evaluate.py",
      bad: "print(accuracy_score(y_test, y_pred))",
      good: "print(accuracy_score(y_test, y_pred))\nprint(classification_report(y_test, y_pred))\nprint(confusion_matrix(y_test, y_pred))",
    },
    goal: "Report precision, recall and F1 per class (for example with `classification_report`) and a confusion matrix for the classifier, on the test set",
  },
  check(file, { repo, syntax }) {
    // Once per repository: in the first Python file that computes accuracy.
    const first = perRepo(repo, "accuracy-only:first", () =>
      repo.files.find((f) => f.language === "python" && ANY_ACCURACY_GATE.test(f)),
    );
    if (first?.path !== file.path) return [];
    if (!allTextsRead(repo, PYTHON_PATH)) return [];
    if (repo.files.some((f) => f.language === "python" && OTHER_METRICS.test(f.text))) return [];
    const tree = syntax();
    if (!tree) return [];
    // `def compute_metrics(...): return {"accuracy": ...}` (the Hugging Face Trainer's hook) computes it too.
    const fromHook = metricDictEntries(tree).find((e) => e.key === "accuracy" || e.key === "acc");
    const byHand = handComputedAccuracy(tree, file.text);
    const accuracy =
      accuracyCall(calls(tree)) ??
      (fromHook ? { node: fromHook.node, label: `{"${fromHook.key}": ...}` } : null) ??
      (byHand
        ? { node: byHand, label: byHand.text.length <= 60 ? byHand.text : "predictions == labels" }
        : null);
    if (!accuracy) return [];
    return [
      {
        file: file.path,
        line: lineOf(accuracy.node),
        message: `Accuracy (\`${accuracy.label}\`) is the only classification metric in the project: no precision, recall, F1 or confusion matrix was found.`,
      },
    ];
  },
};
