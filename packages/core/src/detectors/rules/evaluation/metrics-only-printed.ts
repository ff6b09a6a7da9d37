// evaluation/metrics-only-printed: a script computes a metric and only prints it: never saved, never checked.
import type { Node } from "@vscode/tree-sitter-wasm";
import { ancestor, callName, calls, keywordArguments, lineOf, type Syntax } from "../../../parse/syntax.js";
import { isNotebook } from "../../../snapshot/language.js";
import { isTestPath, moduleList } from "../../repo-view.js";
import type { FileDetector } from "../../types.js";

const SKLEARN = moduleList(["sklearn"]);
const METRICS = new Set([
  "accuracy_score",
  "balanced_accuracy_score",
  "f1_score",
  "fbeta_score",
  "precision_score",
  "recall_score",
  "roc_auc_score",
  "average_precision_score",
  "log_loss",
  "matthews_corrcoef",
  "cohen_kappa_score",
  "mean_squared_error",
  "root_mean_squared_error",
  "mean_absolute_error",
  "mean_absolute_percentage_error",
  "r2_score",
  "classification_report",
  "cross_val_score",
]);
/** Calls that show a value and keep nothing. */
const SHOW = /^(print|pprint|pprint\.pprint|display)$/;
/** Calls a value passes through on its way to being shown: `round(acc, 3)`, `f"{acc:.2f}"`, `"{}".format(acc)`. */
const WRAPPER =
  /^(round|float|int|str|repr|abs|np\.round|numpy\.round|np\.mean|numpy\.mean|[\w.]*\.(format|mean|std|round|item))$/;
/** Nodes a value flows through unchanged on its way to a call. */
const PASS_THROUGH = new Set([
  "argument_list",
  "interpolation",
  "string",
  "concatenated_string",
  "binary_operator",
  "parenthesized_expression",
  "format_expression",
  "format_specifier",
]);
/** Anything in the file that keeps or checks a number: files, trackers, asserts and exits. */
const KEEPS =
  /json\.dump|yaml\.(safe_)?dump|\.write(lines)?\(|\.to_(csv|json|parquet|excel|markdown|pickle)\(|\bmlflow\b|\bwandb\b|tensorboard|SummaryWriter|log_metric|\bneptune\b|comet_ml|dvclive|clearml|\baim\b|savefig|\bassert\b|sys\.exit|\braise\b|pickle\.dump|np\.save|\blogging\b|\blogger\b/;

/** An evaluation script by its name: eval.py, evaluate_rag.py, evals/run.py, benchmark.py (not retrieval.py). */
const EVAL_SCRIPT =
  /(^|\/)[^/]*((?<![a-z])eval|benchmark)[^/]*\.py$|(^|\/)(evals?|evaluations?|benchmarks?)\/[^/]+\.py$/i;
/** Words that name a score in what a print shows (its labels and the names it prints). */
const SCORE_WORD =
  /\b(accuracy|acc|score|scores|hit[_ ]?rate|hits|recall|precision|f1|pass[_ ]?rate|passed|correct|exact[_ ]?match|mrr|ndcg)\b/i;

/**
 * In an eval script with nothing that keeps a number, the print that shows the score (outside loops first),
 * or null when a score is returned (the script is a library then) or never shown.
 */
function printedScore(tree: Syntax): Node | null {
  for (const { node } of tree.captures("(return_statement) @r")) if (SCORE_WORD.test(node.text)) return null;
  const prints = calls(tree)
    .filter(
      ({ node, name }) => SHOW.test(name) && SCORE_WORD.test(node.childForFieldName("arguments")?.text ?? ""),
    )
    .map(({ node }) => node);
  return prints.find((p) => !ancestor(p, ["for_statement", "while_statement"])) ?? prints[0] ?? null;
}

type Use = "shown" | "kept";

/** Where a value goes from `node`: only shown (print/display), or kept in some other way (or unknown). */
function useOf(node: Node, tree: Syntax, seen: Set<string>): Use {
  let current = node;
  for (let parent = current.parent; parent; current = parent, parent = parent.parent) {
    if (PASS_THROUGH.has(parent.type)) continue;
    // `scores.mean()`: the method call is judged like a wrapper below.
    if (parent.type === "attribute" && parent.childForFieldName("object")?.id === current.id) continue;
    if (parent.type === "call") {
      const name = callName(parent) ?? "";
      if (SHOW.test(name)) {
        // `print(acc, file=f)` writes it down.
        return keywordArguments(parent)?.has("file") ? "kept" : "shown";
      }
      const method = parent.childForFieldName("function");
      const formatting =
        method?.type === "attribute" && method.childForFieldName("attribute")?.text === "format";
      if (WRAPPER.test(name) || formatting) continue;
      return "kept";
    }
    if (parent.type === "assignment" && parent.childForFieldName("right")?.id === current.id) {
      const left = parent.childForFieldName("left");
      if (left?.type !== "identifier") return "kept";
      return variableUse(left.text, tree, seen);
    }
    return "kept";
  }
  return "kept";
}

/** How a variable holding a metric is used: shown only when every read of it is shown. */
function variableUse(name: string, tree: Syntax, seen: Set<string>): Use {
  if (seen.has(name)) return "kept";
  seen.add(name);
  let reads = 0;
  for (const { node } of tree.captures("(identifier) @id")) {
    if (node.text !== name) continue;
    const parent = node.parent;
    // The name being assigned (`acc = ...`, `for acc in`) is not a read.
    if (parent?.type === "assignment" && parent.childForFieldName("left")?.id === node.id) continue;
    if (parent?.type === "augmented_assignment" || parent?.type === "for_statement") return "kept";
    if (parent?.type === "keyword_argument" && parent.childForFieldName("name")?.id === node.id) continue;
    reads++;
    if (useOf(node, tree, seen) === "kept") return "kept";
  }
  return reads > 0 ? "shown" : "kept";
}

export const metricsOnlyPrinted: FileDetector = {
  scope: "file",
  languages: ["python"],
  // A notebook keeps its printed outputs (and is read as a report); tests check their numbers by asserting.
  appliesToPath: (path) => !isNotebook(path) && !isTestPath(path),
  prefilter: /_score\b|_error\b|classification_report|log_loss|matthews_corrcoef|\bprint\(/,
  meta: {
    id: "evaluation/metrics-only-printed",
    area: "evaluation",
    level: "informative",
    title: "A metric is computed and only printed",
    why: "A score printed to the terminal is gone when the window closes: the next run cannot be compared with this one, and nothing notices when it drops. Writing each run's metrics to a file (or a tracker), or asserting a minimum, turns the number into a record and a check.",
    tryThis:
      "Write the metrics of each run to `results/metrics.json` with the date and the settings that produced them, and add `assert accuracy >= 0.8` (or your current score) so a regression stops the script.",
    learnMore: [
      "https://mlflow.org/docs/latest/ml/tracking/",
      "https://scikit-learn.org/stable/modules/model_evaluation.html",
    ],
    example: {
      language: "python",
      file: "train.py",
      bad: 'print("accuracy", accuracy_score(y_test, model.predict(X_test)))',
      good: 'accuracy = accuracy_score(y_test, model.predict(X_test))\nPath("results").mkdir(exist_ok=True)\nPath("results/metrics.json").write_text(json.dumps({"accuracy": accuracy, "C": C}))\nassert accuracy >= 0.8, f"accuracy dropped to {accuracy:.2f}"',
    },
    goal: "Save every training or eval run's metrics to a file with the settings that produced them, and fail the run when the main metric drops below a threshold",
  },
  check(file, { repo, syntax }) {
    if (KEEPS.test(file.text)) return [];
    const sklearn = repo.fileImports(file, SKLEARN);
    const evalScript = EVAL_SCRIPT.test(file.path);
    if (!sklearn && !evalScript) return [];
    const tree = syntax();
    if (!tree) return [];
    let first: { node: Node; metric: string } | null = null;
    for (const { node, name } of sklearn ? calls(tree) : []) {
      const metric = name.split(".").pop()!;
      if (!METRICS.has(metric) || !/^((sklearn\.)?metrics\.)?\w+$/.test(name)) continue;
      if (useOf(node, tree, new Set()) !== "shown") return [];
      first ??= { node, metric };
    }
    if (first) {
      return [
        {
          file: file.path,
          line: lineOf(first.node),
          message: `\`${first.metric}\` in ${file.path} is only printed: the score is not saved to a file or checked against a threshold, so the next run cannot be compared with this one.`,
        },
      ];
    }
    const printed = evalScript ? printedScore(tree) : null;
    if (!printed) return [];
    return [
      {
        file: file.path,
        line: lineOf(printed),
        message: `The score of the eval script ${file.path} is only printed: it is not saved to a file or checked against a threshold, so the next run cannot be compared with this one.`,
      },
    ];
  },
};
