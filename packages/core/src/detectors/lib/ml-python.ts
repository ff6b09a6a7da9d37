// Questions the ml-methodology rules ask of Python code: scopes, assigned names, what a variable's name says
// about its rows (train or test), named calls and metrics, and repo-wide answers computed once per review.

import { callName, type Syntax } from "../../parse/syntax.js";
import type { Node } from "../../parse/tree-sitter.js";
import type { RepoView } from "../repo-view.js";
import { perRepo } from "./memo.js";

const SCOPE_TYPES = ["function_definition", "lambda"];

/** The function a node runs in, or the module (a notebook's cells are one module, in cell order). */
export function scopeOf(node: Node): Node {
  let last = node;
  for (let n = node.parent; n; n = n.parent) {
    if (SCOPE_TYPES.includes(n.type)) return n;
    last = n;
  }
  return last;
}

/** Whether `node` runs in `scope` itself, not in a function defined inside it. */
export const inScope = (node: Node, scope: Node): boolean => scopeOf(node).id === scope.id;

/** Whether `outer` contains `inner` (or is it). */
export const contains = (outer: Node, inner: Node): boolean =>
  inner.startIndex >= outer.startIndex && inner.endIndex <= outer.endIndex;

/** The variable at the root of an expression: `df` for `df["text"].values`, `X` for `X[:, 1:]`. */
export function baseName(node: Node): string | null {
  switch (node.type) {
    case "identifier":
      return node.text;
    case "attribute":
    case "subscript": {
      const inner = node.childForFieldName(node.type === "attribute" ? "object" : "value");
      return inner ? baseName(inner) : null;
    }
    case "parenthesized_expression": {
      const inner = node.namedChildren.find((c) => c !== null && c.type !== "comment");
      return inner ? baseName(inner) : null;
    }
    default:
      return null;
  }
}

/** The assignment whose right side is `value` (through `await` and parentheses), or null. */
export function assignmentOf(value: Node): Node | null {
  let n: Node = value;
  while (n.parent && (n.parent.type === "await" || n.parent.type === "parenthesized_expression"))
    n = n.parent;
  const parent = n.parent;
  if (parent?.type === "assignment" && parent.childForFieldName("right")?.id === n.id) return parent;
  return null;
}

/** Base names bound on the left of an assignment: `X_tr, X_te` or `df` for `df["a"] = ...`. */
export function targetNames(assignment: Node): string[] {
  const left = assignment.childForFieldName("left");
  if (!left) return [];
  if (left.type === "pattern_list" || left.type === "tuple_pattern" || left.type === "list_pattern") {
    return left.namedChildren.flatMap((c) => {
      const name = c ? baseName(c) : null;
      return name ? [name] : [];
    });
  }
  const name = baseName(left);
  return name ? [name] : [];
}

/** Every identifier used inside a node. */
export function identifiersIn(node: Node): string[] {
  if (node.type === "identifier") return [node.text];
  return node.descendantsOfType("identifier").flatMap((n) => (n ? [n.text] : []));
}

/**
 * Python calls whose last name part is one of `names` (`train_test_split(...)`, `model.fit(...)`), found from
 * the places the text spells the name: far cheaper than visiting every call of a large file. Names inside
 * strings and comments are not identifiers, so they never count.
 */
export function callsNamed(
  tree: Syntax,
  text: string,
  names: Iterable<string>,
): { node: Node; name: string }[] {
  const words = [...names].map((n) => n.replace(/\W/g, "\\$&"));
  if (words.length === 0) return [];
  const out: { node: Node; name: string }[] = [];
  const seen = new Set<number>();
  for (const m of text.matchAll(new RegExp(`\\b(${words.join("|")})\\s*\\(`, "g"))) {
    const word = tree.root.descendantForIndex(m.index);
    if (word?.type !== "identifier") continue;
    let fn: Node = word;
    const parent = word.parent;
    if (parent?.type === "attribute" && parent.childForFieldName("attribute")?.id === word.id) fn = parent;
    const call = fn.parent;
    if (call?.type !== "call" || call.childForFieldName("function")?.id !== fn.id || seen.has(call.id))
      continue;
    const name = callName(call);
    if (!name) continue;
    seen.add(call.id);
    out.push({ node: call, name });
  }
  return out.sort((a, b) => a.node.startIndex - b.node.startIndex);
}

/** The last part of a dotted call name: `StandardScaler` for `preprocessing.StandardScaler`. */
export const lastPart = (name: string): string => name.slice(name.lastIndexOf(".") + 1);

/** The words an identifier is made of, lower case: `X_train` → x, train; `valLoader` → val, loader. */
export function wordsOf(identifier: string): string[] {
  return identifier
    .replace(/([a-z0-9])([A-Z])/g, "$1_$2")
    .toLowerCase()
    .split(/[_\d]+/)
    .filter(Boolean);
}

const HELD_OUT_WORDS = new Set([
  "test",
  "tst",
  "te",
  "val",
  "valid",
  "validation",
  "holdout",
  "dev",
  "eval",
  "unseen",
]);
const TRAINING_WORDS = new Set(["train", "tr", "trn", "training"]);

/** Whether a variable name says it holds held-out rows (test, validation, dev, holdout). */
export const isHeldOutName = (identifier: string): boolean =>
  wordsOf(identifier).some((w) => HELD_OUT_WORDS.has(w));
/** Whether a variable name says it holds training rows (`X_train`, `y_tr`, `train_df`). */
export const isTrainingName = (identifier: string): boolean =>
  wordsOf(identifier).some((w) => TRAINING_WORDS.has(w));

/** Metrics from `sklearn.metrics` that score predictions against labels. */
export const SKLEARN_METRICS = new Set([
  "accuracy_score",
  "balanced_accuracy_score",
  "f1_score",
  "fbeta_score",
  "precision_score",
  "recall_score",
  "precision_recall_fscore_support",
  "roc_auc_score",
  "average_precision_score",
  "log_loss",
  "classification_report",
  "confusion_matrix",
  "matthews_corrcoef",
  "cohen_kappa_score",
  "jaccard_score",
  "hamming_loss",
  "top_k_accuracy_score",
  "r2_score",
  "mean_squared_error",
  "root_mean_squared_error",
  "mean_absolute_error",
  "median_absolute_error",
  "mean_absolute_percentage_error",
  "explained_variance_score",
]);

/**
 * Whether every file whose path matches was read, so "the repo never does X" can be said. In PR mode only the
 * changed files are read; an oversized file is never read. Files skipped as unreadable notebooks, vendored or
 * ignored are not the learner's code to look at.
 */
export function allTextsRead(repo: RepoView, path: RegExp): boolean {
  return perRepo(repo, `allTextsRead:${path.source}`, () => {
    const skipped = new Map(repo.snapshot.skipped.map((s) => [s.path, s.reason]));
    return repo.paths.every((p) => {
      if (!path.test(p) || repo.file(p) !== undefined) return true;
      const reason = skipped.get(p);
      return reason !== undefined && reason !== "oversized";
    });
  });
}

export const PYTHON_PATH = /\.(py|ipynb)$/;

/**
 * The entries of dictionaries returned by metric functions (`def compute_metrics(...): return {"accuracy": ...}`,
 * the Hugging Face Trainer's hook): the scores a training run reports, by name.
 */
export function metricDictEntries(tree: Syntax): { node: Node; key: string }[] {
  const out: { node: Node; key: string }[] = [];
  for (const { node: fn } of tree.captures("(function_definition) @f")) {
    if (!/metric/i.test(fn.childForFieldName("name")?.text ?? "")) continue;
    for (const ret of fn.descendantsOfType("return_statement")) {
      for (const pair of ret?.descendantsOfType("pair") ?? []) {
        const key = pair?.childForFieldName("key");
        if (pair && key?.type === "string")
          out.push({ node: pair, key: key.text.replace(/^["']|["']$/g, "") });
      }
    }
  }
  return out;
}
