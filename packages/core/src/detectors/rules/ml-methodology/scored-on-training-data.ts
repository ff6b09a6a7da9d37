// ml-methodology/scored-on-training-data: the only score a model gets is on the rows it was trained on.

import { callName, lineOf, positionalArguments } from "../../../parse/syntax.js";
import type { Node } from "../../../parse/tree-sitter.js";
import { perRepo } from "../../lib/memo.js";
import {
  allTextsRead,
  assignmentOf,
  callsNamed,
  identifiersIn,
  isHeldOutName,
  isTrainingName,
  lastPart,
  PYTHON_PATH,
  SKLEARN_METRICS,
  targetNames,
} from "../../lib/ml-python.js";
import { maskedCode, stripComment } from "../../lib/python-text.js";
import { outsideTests } from "../../repo-view.js";
import type { FileDetector } from "../../types.js";

/** Calls that evaluate on held-out folds or data by construction. */
const HELD_OUT_CALLS = new Set([
  "cross_val_score",
  "cross_validate",
  "cross_val_predict",
  "GridSearchCV",
  "RandomizedSearchCV",
  "HalvingGridSearchCV",
  "KFold",
  "StratifiedKFold",
  "GroupKFold",
  "TimeSeriesSplit",
  "LeaveOneOut",
  "learning_curve",
  "validation_curve",
]);
/** Keyword arguments that hand a model held-out data to report on while it trains. */
const HELD_OUT_KEYWORDS = /\b(validation_data|validation_split|eval_set|eval_dataset)\s*=(?!=)/g;
const SPLIT_CALLS = new Set(["train_test_split", "random_split", "ShuffleSplit", "StratifiedShuffleSplit"]);
const PREDICTS = new Set(["predict", "predict_proba", "decision_function"]);
/** Another file scores on something named test/val/holdout, or cross-validates: the project does evaluate on held-out rows. */
const HELD_OUT_ELSEWHERE =
  /(\b[a-z_]*_score|classification_report|confusion_matrix|mean_\w+_error|\.score|\.evaluate)\s*\([^)\n]*\b\w*(test|val|valid|holdout|dev)\w*|\b(cross_val_score|cross_validate|cross_val_predict|GridSearchCV|RandomizedSearchCV|KFold|StratifiedKFold)\b/i;

/** Identifiers that could say "train" (`X_train`, `y_tr`, `XTrain`): each is then split into words. */
const TRAINING_CANDIDATE = /[A-Za-z_]\w*?[Tt][Rr]\w*/g;

type Verdict = "training" | "held-out" | "unknown";

interface Evaluation {
  node: Node;
  label: string;
  /** The model scored (`rf` of `rf.score(...)` or of `rf.predict(...)` behind `y_pred`), when the code says. */
  model: string | null;
  verdict: Verdict;
  /** The training variable named, for the message. */
  evidence: string | null;
}

function verdictOf(names: readonly string[], fitted: ReadonlySet<string>): [Verdict, string | null] {
  if (names.some(isHeldOutName)) return ["held-out", null];
  const training = names.find(isTrainingName) ?? names.find((n) => fitted.has(n));
  return training ? ["training", training] : ["unknown", null];
}

export const scoredOnTrainingData: FileDetector = {
  scope: "file",
  languages: ["python"],
  appliesToPath: outsideTests,
  prefilter: /_score\s*\(|classification_report|confusion_matrix|_error\s*\(|\.score\s*\(|\.evaluate\s*\(/,
  meta: {
    id: "ml-methodology/scored-on-training-data",
    area: "ml-methodology",
    level: "essential",
    title: "The model is only scored on the data it was trained on",
    why: "A model can memorise its training rows, so its score on them says little about new data: a decision tree often scores 100% there. Only a score on rows the model never saw (a test split, a validation set or cross-validation) estimates how it will do in use.",
    tryThis:
      "Split off a test set with `train_test_split` before training, fit on the training part, and print the score on both parts side by side: a large gap between them is overfitting.",
    learnMore: [
      "https://scikit-learn.org/stable/modules/cross_validation.html",
      "https://scikit-learn.org/stable/common_pitfalls.html",
    ],
    example: {
      language: "python",
      file: "train.py",
      bad: "model.fit(X, y)\nprint(accuracy_score(y, model.predict(X)))",
      good: "X_train, X_test, y_train, y_test = train_test_split(X, y, random_state=0)\nmodel.fit(X_train, y_train)\nprint('train', accuracy_score(y_train, model.predict(X_train)))\nprint('test', accuracy_score(y_test, model.predict(X_test)))",
    },
    goal: "Report the model's score on a held-out test set (or with cross-validation) next to its training score",
  },
  check(file, { repo, syntax }) {
    // A training score needs rows known to be training rows: a `fit(...)` call, or a name that says so.
    const code = maskedCode(file);
    if (!/\bfit\s*\(/.test(code) && ![...code.matchAll(TRAINING_CANDIDATE)].some((m) => isTrainingName(m[0])))
      return [];
    const tree = syntax();
    if (!tree) return [];
    const found = callsNamed(tree, file.text, [
      ...SKLEARN_METRICS,
      ...PREDICTS,
      ...HELD_OUT_CALLS,
      ...SPLIT_CALLS,
      "fit",
      "score",
      "evaluate",
    ]);
    if (found.some((c) => HELD_OUT_CALLS.has(lastPart(c.name)))) return [];
    // `fit(..., validation_data=...)`, `Trainer(eval_dataset=...)`: the model reports on held-out data as it trains.
    for (const m of file.text.matchAll(HELD_OUT_KEYWORDS)) {
      if (tree.root.descendantForIndex(m.index)?.parent?.type === "keyword_argument") return [];
    }

    // What each fit saw (`X`, `y` of `model.fit(X, y)`): scoring on those same names re-scores the training rows.
    const fitted = new Set<string>();
    const predictions = new Map<string, { model: string | null; rows: string[] }>();
    for (const { node, name } of found) {
      const method = lastPart(name);
      if (method === "fit") {
        for (const arg of positionalArguments(node).slice(0, 2)) {
          if (arg.type === "identifier") fitted.add(arg.text);
        }
      } else if (PREDICTS.has(method)) {
        const assignment = assignmentOf(node);
        const rows = positionalArguments(node).flatMap(identifiersIn);
        const model = name.includes(".") ? name.slice(0, -method.length - 1) : null;
        if (assignment)
          for (const target of targetNames(assignment)) predictions.set(target, { model, rows });
      }
    }
    // Without any split in the file, `fit(X, y)` then `score(X, y)` is the same rows twice.
    const splitsData =
      found.some((c) => SPLIT_CALLS.has(lastPart(c.name))) ||
      // Any name that says test or validation (read from the code's text: a string saying so only makes this quieter).
      file.lines.some((l) => [...stripComment(l).matchAll(/[A-Za-z_]\w*/g)].some((m) => isHeldOutName(m[0])));
    const sameRows = splitsData ? new Set<string>() : fitted;

    const evaluations: Evaluation[] = [];
    for (const { node, name } of found) {
      const method = lastPart(name);
      const args = positionalArguments(node);
      if (SKLEARN_METRICS.has(method)) {
        // The rows behind `y_pred` are the rows that were passed to `predict`, by the model that predicted.
        let model: string | null = null;
        const names = args.flatMap((a) => {
          const inline = a.type === "call" ? callName(a) : null;
          if (inline?.includes(".") && PREDICTS.has(lastPart(inline)))
            model = inline.slice(0, inline.lastIndexOf("."));
          const predicted = a.type === "identifier" ? predictions.get(a.text) : undefined;
          if (!predicted) return identifiersIn(a);
          model = predicted.model;
          return [a.text, ...predicted.rows];
        });
        const [verdict, evidence] = verdictOf(names, sameRows);
        evaluations.push({ node, label: method, model, verdict, evidence });
      } else if ((method === "score" || method === "evaluate") && name.includes(".") && args.length > 0) {
        const [verdict, evidence] = verdictOf(args.flatMap(identifiersIn), sameRows);
        // A `.score(...)` whose data says nothing may not be a model's score at all: leave it out.
        const model = name.slice(0, -method.length - 1);
        if (verdict !== "unknown") evaluations.push({ node, label: name, model, verdict, evidence });
      }
    }
    // A score whose model and rows are both unclear could be anyone's held-out score: then say nothing.
    if (evaluations.some((e) => e.model === null && e.verdict !== "training")) return [];
    // Per model, the first training score of a model that is never scored any other way; scores with no
    // known model count as one model.
    const firsts = new Map<string | null, Evaluation>();
    const spoiled = new Set<string | null>();
    for (const e of evaluations) {
      if (e.verdict !== "training") spoiled.add(e.model);
      else if (!firsts.has(e.model)) firsts.set(e.model, e);
    }
    const flagged = [...firsts].filter(([model]) => !spoiled.has(model)).map(([, e]) => e);
    if (flagged.length === 0) return [];

    // Another file may hold the held-out evaluation (train.py reports training accuracy, eval.py the test score).
    // When this file scores some model on held-out rows, the learner's evaluation lives here: no need to look.
    const scoresHeldOutHere = evaluations.some((e) => e.verdict === "held-out");
    if (!scoresHeldOutHere) {
      if (!allTextsRead(repo, PYTHON_PATH)) return [];
      const heldOutFiles = perRepo(repo, "scored-on-training:held-out-files", () =>
        repo.files
          .filter(
            (f) => f.language === "python" && f.lines.some((l) => HELD_OUT_ELSEWHERE.test(stripComment(l))),
          )
          .map((f) => f.path),
      );
      if (heldOutFiles.some((p) => p !== file.path)) return [];
    }
    return flagged.map((e) => ({
      file: file.path,
      line: lineOf(e.node),
      message:
        e.model === null || !scoresHeldOutHere
          ? `\`${e.label}\` scores the model on the rows it was trained on (\`${e.evidence}\`), and no score on held-out data was found.`
          : `\`${e.label}\` scores \`${e.model}\` on the rows it was trained on (\`${e.evidence}\`), and \`${e.model}\` is never scored on held-out data.`,
    }));
  },
};
