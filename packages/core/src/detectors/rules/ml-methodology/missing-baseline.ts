// ml-methodology/missing-baseline: a model is trained and scored, and nothing shows what a trivial model would score.

import { calls, keywordArguments, lineOf, positionalArguments, type Syntax } from "../../../parse/syntax.js";
import type { Node } from "../../../parse/tree-sitter.js";
import { HAND_ACCURACY_TEXT, handComputedAccuracy } from "../../lib/hand-accuracy.js";
import { perRepo } from "../../lib/memo.js";
import { allTextsRead, lastPart, metricDictEntries, SKLEARN_METRICS } from "../../lib/ml-python.js";
import { literalGate } from "../../lib/needles.js";
import type { FileDetector } from "../../types.js";

/** Cheap test for a file that both trains and scores. */
const TRAINS_TEXT = /\.fit\s*\(|\.backward\s*\(|\.train\s*\(/;
const TRAINS_GATE = literalGate(TRAINS_TEXT);
const SCORES_TEXT = new RegExp(
  `${/_score\s*\(|_error\s*\(|classification_report|confusion_matrix|\.score\s*\(|\.evaluate\s*\(/.source}|${HAND_ACCURACY_TEXT.source}`,
);
/** Any sign of a baseline, anywhere in the repo's code or docs. */
const BASELINE =
  /baseline|dummy_?(classifier|regressor)|majority[ _-]?(class|vote|label)|most[ _-]frequent|zero[ _-]?rule|naive[ _-](model|forecast|predictor)|chance[ _-]level|random[ _-](guess|chance)|persistence[ _-]model/i;

function trainingCall(found: readonly { node: Node; name: string }[]): boolean {
  return found.some(({ node, name }) => {
    const last = lastPart(name);
    if (last === "backward") return true;
    if (last === "train" && /trainer/i.test(name)) return true;
    if (last !== "fit") return false;
    // A model's `fit(X, y)` has labels; a scaler's `fit(X)` does not.
    const kw = keywordArguments(node);
    return positionalArguments(node).length >= 2 || kw?.has("y") === true;
  });
}

/** The first place the file scores a model: a metric, `.score(...)`, `.evaluate(...)`, a metric hook's entry. */
function firstScore(
  found: readonly { node: Node; name: string }[],
  tree: Syntax,
  text: string,
): { node: Node; label: string } | null {
  const scores: { node: Node; label: string }[] = [];
  for (const { node, name } of found) {
    const last = lastPart(name);
    if (SKLEARN_METRICS.has(last)) scores.push({ node, label: last });
    else if ((last === "score" || last === "evaluate") && positionalArguments(node).length >= 1) {
      scores.push({ node, label: name });
    } else if (last === "evaluate" && /trainer/i.test(name)) {
      // The Hugging Face Trainer scores its own eval_dataset.
      scores.push({ node, label: name });
    }
  }
  for (const entry of metricDictEntries(tree))
    scores.push({ node: entry.node, label: `{"${entry.key}": ...}` });
  // A training loop that counts correct predictions by hand (`(preds == labels).sum()`) scores the model too.
  const byHand = handComputedAccuracy(tree, text);
  if (byHand) scores.push({ node: byHand, label: "accuracy computed by hand" });
  return scores.sort((a, b) => a.node.startIndex - b.node.startIndex)[0] ?? null;
}

export const missingBaseline: FileDetector = {
  scope: "file",
  languages: ["python"],
  // Only the first file that trains and scores can be reported: the rarer half of that test decides.
  prefilter: TRAINS_TEXT,
  meta: {
    id: "ml-methodology/missing-baseline",
    area: "ml-methodology",
    level: "informative",
    title: "The model's score has no baseline to compare with",
    why: "A score means little alone: 90% accuracy is poor when 90% of the rows are one class. A baseline (always predict the most frequent class, or the mean, or a one-line rule) shows what the data gives for free, so you can see how much the model really adds.",
    tryThis:
      "Fit `DummyClassifier(strategy='most_frequent')` (or `DummyRegressor(strategy='mean')`) on the same training split, score it on the same test split, and print its score next to your model's.",
    learnMore: [
      "https://scikit-learn.org/stable/modules/model_evaluation.html#dummy-estimators",
      "https://developers.google.com/machine-learning/guides/rules-of-ml",
    ],
    example: {
      language: "python",
      file: "train.py",
      bad: "model.fit(X_train, y_train)\nprint(model.score(X_test, y_test))",
      good: "baseline = DummyClassifier(strategy='most_frequent').fit(X_train, y_train)\nmodel.fit(X_train, y_train)\nprint('baseline', baseline.score(X_test, y_test))\nprint('model', model.score(X_test, y_test))",
    },
    goal: "Score a baseline (such as the most frequent class or the mean) on the same test split and report it next to the model's score",
  },
  check(file, { repo, syntax }) {
    // Once per repository: in the first Python file that both trains and scores.
    const first = perRepo(repo, "missing-baseline:first", () =>
      repo.files.find((f) => f.language === "python" && TRAINS_GATE.test(f) && SCORES_TEXT.test(f.text)),
    );
    if (first?.path !== file.path) return [];
    if (!allTextsRead(repo, /\.(py|ipynb|md|markdown|rst|txt)$/i)) return [];
    if (repo.files.some((f) => BASELINE.test(f.text))) return [];
    const tree = syntax();
    if (!tree) return [];
    const found = calls(tree);
    // Two real models compared with each other (LogisticRegression against a forest) still leave open what a
    // trivial model would score, so a comparison does not count as a baseline.
    if (!trainingCall(found)) return [];
    const scoring = firstScore(found, tree, file.text);
    if (!scoring) return [];
    return [
      {
        file: file.path,
        line: lineOf(scoring.node),
        message: `The model is scored here (\`${scoring.label}\`), and nothing in the project scores a baseline, such as the most frequent class, to compare it with.`,
      },
    ];
  },
};
