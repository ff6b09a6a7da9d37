// ml-methodology/preprocessing-before-split: a scaler, vectorizer, imputer, encoder or PCA learns from every row
// before the rows are split, so the test rows shape the preprocessing (data leakage).

import { callName, keywordArguments, lineOf, positionalArguments } from "../../../parse/syntax.js";
import type { Node } from "../../../parse/tree-sitter.js";
import {
  assignmentOf,
  baseName,
  callsNamed,
  contains,
  identifiersIn,
  inScope,
  isTrainingName,
  lastPart,
  scopeOf,
  targetNames,
} from "../../lib/ml-python.js";
import type { FileDetector, RawFinding } from "../../types.js";

/** Transformers whose `fit` learns statistics from the rows it sees (mean, vocabulary, categories, components). */
const LEARNING_TRANSFORMERS = new Set([
  "StandardScaler",
  "MinMaxScaler",
  "RobustScaler",
  "MaxAbsScaler",
  "QuantileTransformer",
  "PowerTransformer",
  "KBinsDiscretizer",
  "SimpleImputer",
  "KNNImputer",
  "IterativeImputer",
  "OneHotEncoder",
  "OrdinalEncoder",
  "TargetEncoder",
  "TfidfVectorizer",
  "CountVectorizer",
  "TfidfTransformer",
  "PCA",
  "IncrementalPCA",
  "KernelPCA",
  "TruncatedSVD",
  "NMF",
  "FastICA",
  "SelectKBest",
  "SelectPercentile",
  "SelectFromModel",
  "RFE",
  "ColumnTransformer",
  "make_column_transformer",
  // imbalanced-learn: resampling before the split puts copies or blends of test rows into training.
  "SMOTE",
  "ADASYN",
  "BorderlineSMOTE",
  "RandomOverSampler",
  "RandomUnderSampler",
]);
const FITS = new Set(["fit", "fit_transform", "fit_resample"]);
/** Calls that split rows (or score on held-out folds) after which the fitted transformer has seen the test rows. */
const SPLITS = new Set(["train_test_split", "cross_val_score", "cross_validate", "cross_val_predict"]);

interface Fit {
  call: Node;
  /** `scaler.fit_transform` as written. */
  label: string;
  /** The transformer as written (`scaler`, `StandardScaler()`). */
  receiver: string;
  /** The variable holding the rows the transformer learned from (`X`, `df`). */
  data: string | null;
  /** Where `fit_transform` / `fit_resample` put their output (`X_scaled`, or `X` again). */
  outputs: string[];
}

/** The data a split call splits (every positional argument; `X=` or the second argument for cross validation). */
function splitData(call: Node, name: string): Node[] {
  const args = positionalArguments(call);
  if (name === "train_test_split") return args;
  const x = keywordArguments(call)?.get("X");
  return x ? [x] : args.slice(1, 2);
}

/** The class a receiver like `StandardScaler()` or `preprocessing.PCA(n_components=2)` constructs. */
function constructedClass(receiver: Node): string | null {
  if (receiver.type !== "call") return null;
  const name = callName(receiver);
  return name ? lastPart(name) : null;
}

function fitsOf(found: { node: Node; name: string }[], transformers: Set<string>): Fit[] {
  const fits: Fit[] = [];
  for (const { node, name } of found) {
    const method = lastPart(name);
    if (!FITS.has(method)) continue;
    const receiver = node.childForFieldName("function")?.childForFieldName("object");
    if (!receiver) continue;
    const made = constructedClass(receiver);
    if (!(made ? LEARNING_TRANSFORMERS.has(made) : transformers.has(receiver.text))) continue;
    const data = positionalArguments(node)[0] ?? keywordArguments(node)?.get("X");
    // Fitting on the training split is the right way round.
    if (!data || identifiersIn(data).some(isTrainingName)) continue;
    const assignment = method === "fit" ? null : assignmentOf(node);
    fits.push({
      call: node,
      label: `${receiver.text}.${method}`,
      receiver: receiver.text,
      data: baseName(data),
      outputs: assignment ? targetNames(assignment) : [],
    });
  }
  return fits;
}

/**
 * The names that hold the seeds' rows when `split` runs, following the assignments in between in order
 * (`X = pd.DataFrame(X_scaled)` carries them; `X = other.values` drops them).
 */
function reach(seeds: readonly string[], scope: Node, fit: Node, split: Node): Set<string> {
  const held = new Set(seeds);
  for (const a of scope.descendantsOfType("assignment", fit.endPosition, split.startPosition)) {
    if (!a || a.startIndex < fit.endIndex || a.startIndex >= split.startIndex || !inScope(a, scope)) continue;
    const right = a.childForFieldName("right");
    const carries = right !== null && identifiersIn(right).some((n) => held.has(n));
    const left = a.childForFieldName("left");
    for (const n of targetNames(a)) {
      if (carries) held.add(n);
      // Only a whole-variable rebinding drops the rows; `df["x"] = ...` keeps the rest of df.
      else if (left?.type === "identifier" || left?.type === "pattern_list") held.delete(n);
    }
  }
  return held;
}

export const preprocessingBeforeSplit: FileDetector = {
  scope: "file",
  languages: ["python"],
  prefilter: /\bfit(_transform|_resample)?\s*\(/,
  meta: {
    id: "ml-methodology/preprocessing-before-split",
    area: "ml-methodology",
    level: "essential",
    title: "Preprocessing learns from all the rows before the train/test split",
    why: "A scaler, vectorizer, imputer or PCA fitted before the split has already seen the test rows (their mean, their words, their categories). The test score then measures a model that had a peek at the exam, and it is higher than what new data will give. This is data leakage.",
    tryThis:
      "Move the split first, then fit the transformer on the training rows only and call `transform` on the test rows; or put the transformer and the model in one `Pipeline` and fit that on the training split. Compare the test score before and after.",
    learnMore: [
      "https://scikit-learn.org/stable/common_pitfalls.html#data-leakage",
      "https://scikit-learn.org/stable/modules/compose.html#pipeline",
    ],
    example: {
      language: "python",
      file: "train.py",
      bad: "X = StandardScaler().fit_transform(X)\nX_train, X_test, y_train, y_test = train_test_split(X, y, random_state=0)",
      good: "X_train, X_test, y_train, y_test = train_test_split(X, y, random_state=0)\nmodel = make_pipeline(StandardScaler(), LogisticRegression())\nmodel.fit(X_train, y_train)\nprint(model.score(X_test, y_test))",
    },
    goal: "Split the data before any fitted preprocessing, fit preprocessing and model together in a Pipeline on the training rows, and report the test score of that pipeline",
  },
  check(file, { syntax }) {
    const tree = syntax();
    if (!tree) return [];
    const found = callsNamed(tree, file.text, [...LEARNING_TRANSFORMERS, ...FITS, ...SPLITS, "transform"]);
    const splits = found.filter((c) => SPLITS.has(lastPart(c.name)));
    if (splits.length === 0) return [];

    // Variables that hold a transformer that learns from data: `scaler = StandardScaler()`.
    const transformers = new Set<string>();
    for (const { node, name } of found) {
      if (!LEARNING_TRANSFORMERS.has(lastPart(name))) continue;
      const left = assignmentOf(node)?.childForFieldName("left");
      if (left && (left.type === "identifier" || left.type === "attribute")) transformers.add(left.text);
    }

    const results: RawFinding[] = [];
    for (const fit of fitsOf(found, transformers)) {
      const scope = scopeOf(fit.call);
      const after = (n: Node) => n.startIndex >= fit.call.endIndex && inScope(n, scope);
      const transformsLater = found.some((c) => c.name === `${fit.receiver}.transform` && after(c.node));
      const split = splits.find((s) => {
        const data = splitData(s.node, lastPart(s.name));
        // `train_test_split(scaler.fit_transform(X), y)`: the fit runs on every row as the split's argument.
        if (data.some((d) => contains(d, fit.call))) return true;
        if (!after(s.node)) return false;
        const names = data.flatMap(identifiersIn);
        // The leak reaches the model through the transformed output that is then split, or through the fitted
        // transformer transforming rows later (`scaler.fit(X)`, split X, `scaler.transform(X_train)`).
        const reached = (seeds: readonly string[]) => {
          const held = reach(seeds, scope, fit.call, s.node);
          return names.some((n) => held.has(n));
        };
        return (
          (fit.outputs.length > 0 && reached(fit.outputs)) ||
          (fit.data !== null && transformsLater && reached([fit.data]))
        );
      });
      if (!split) continue;
      results.push({
        file: file.path,
        line: lineOf(fit.call),
        message: `\`${fit.label}\` learns from every row before \`${lastPart(split.name)}\` on line ${lineOf(split.node)} splits them, so the test rows leak into the preprocessing.`,
      });
    }
    return results;
  },
};
