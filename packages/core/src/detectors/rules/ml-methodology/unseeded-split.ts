// ml-methodology/unseeded-split: train_test_split without random_state (or PyTorch's random_split without a seeded
// generator) gives a different split every run.
import { endLineOf, keywordArguments, lineOf, type Syntax } from "../../../parse/syntax.js";
import type { Node } from "../../../parse/tree-sitter.js";
import type { SourceFile } from "../../../snapshot/types.js";
import { callsNamed } from "../../lib/ml-python.js";
import type { FileDetector, RawFinding } from "../../types.js";

export const unseededSplit: FileDetector = {
  scope: "file",
  languages: ["python"],
  prefilter: /train_test_split|random_split/,
  meta: {
    id: "ml-methodology/unseeded-split",
    area: "ml-methodology",
    level: "actionable",
    title: "The train/test split changes on every run",
    why: "Without `random_state`, each run puts different rows in the test set, so the score moves even when the model does not. You cannot tell whether a change helped or the split was kinder this time.",
    tryThis:
      "Pass `random_state=42` (any fixed number) to `train_test_split` (to PyTorch's `random_split`, `generator=torch.Generator().manual_seed(42)`), run twice, and check the score is identical; then try three different seeds to see how much the score varies by chance.",
    learnMore: ["https://scikit-learn.org/stable/common_pitfalls.html#controlling-randomness"],
    example: {
      language: "python",
      file: "train.py",
      bad: "X_train, X_test, y_train, y_test = train_test_split(X, y, test_size=0.2)",
      good: "X_train, X_test, y_train, y_test = train_test_split(X, y, test_size=0.2, random_state=42)",
    },
    goal: "Fix the random seed of every split and model, and report how much the test score varies across 3 seeds",
  },
  check(file, { syntax }) {
    const tree = syntax();
    if (!tree) return [];
    const found: RawFinding[] = [];
    // A `def train_test_split` of the learner's own is not scikit-learn's.
    if (/^\s*def\s+train_test_split\b/m.test(file.text)) return randomSplits(file, tree);
    for (const { node } of callsNamed(tree, file.text, ["train_test_split"])) {
      // A call that is not closed is broken code: no guessing.
      if (node.hasError || isDatasetMethod(node, file.text)) continue;
      const kw = keywordArguments(node);
      // `**split_args` may hold the seed.
      if (kw === null) continue;
      const seed = kw.get("random_state");
      if (seed && seed.text !== "None") continue;
      // `shuffle=False` (e.g. a time series) keeps the row order, so the split is already the same every run.
      if (kw.get("shuffle")?.text === "False") continue;
      found.push({
        file: file.path,
        line: lineOf(node),
        endLine: endLineOf(node),
        message:
          seed === undefined
            ? "`train_test_split` is called without `random_state`, so the split differs on every run."
            : "`train_test_split` is called with `random_state=None`, so the split differs on every run.",
      });
    }
    return [...found, ...datasetSplits(file, tree), ...randomSplits(file, tree)].sort(
      (a, b) => a.line! - b.line!,
    );
  },
};

/**
 * `x.train_test_split(...)` where `x` is data, not an imported module: Hugging Face `datasets`' method, seeded by
 * `seed=` (or `generator=`), and with no seed drawn from NumPy's global state.
 */
function isDatasetMethod(call: Node, text: string): boolean {
  const fn = call.childForFieldName("function");
  if (fn?.type !== "attribute") return false;
  const receiver = fn.childForFieldName("object");
  if (!receiver) return false;
  if (receiver.type !== "identifier" && receiver.type !== "attribute") return true;
  // `model_selection.train_test_split`, `ms.train_test_split` after `import sklearn.model_selection as ms`.
  const last = receiver.text.slice(receiver.text.lastIndexOf(".") + 1);
  return (
    !/^(sklearn|model_selection)$/.test(last) &&
    !new RegExp(String.raw`\bimport\b[^\n]*\b${last}\b`).test(text)
  );
}

/** Seeds NumPy's global generator, which a dataset split with no seed draws from (`transformers.set_seed` does). */
const NUMPY_SEED = /\b(np\.random\.seed|numpy\.random\.seed|set_seed|seed_everything)\s*\(/;

function datasetSplits(file: SourceFile, tree: Syntax): RawFinding[] {
  if (NUMPY_SEED.test(file.text)) return [];
  return tree.root
    .descendantsOfType("call")
    .filter((n): n is Node => n !== null && !n.hasError && isDatasetMethod(n, file.text))
    .filter(
      (n) => n.childForFieldName("function")?.childForFieldName("attribute")?.text === "train_test_split",
    )
    .flatMap((node) => {
      const kw = keywordArguments(node);
      if (kw === null) return [];
      const seed = kw.get("seed") ?? kw.get("generator");
      if ((seed && seed.text !== "None") || kw.get("shuffle")?.text === "False") return [];
      return [
        {
          file: file.path,
          line: lineOf(node),
          endLine: endLineOf(node),
          message:
            "`train_test_split` of a dataset is called without `seed`, so the split differs on every run.",
        },
      ];
    });
}

/** A global seed that `random_split` draws from when it is given no generator. */
const TORCH_SEED = /\b(manual_seed|seed_everything|set_seed)\s*\(/;

/** PyTorch's `random_split(dataset, lengths)` with no seeded `generator=`, in a file that sets no global seed. */
function randomSplits(file: SourceFile, tree: Syntax): RawFinding[] {
  if (/^\s*def\s+random_split\b/m.test(file.text) || TORCH_SEED.test(file.text)) return [];
  return callsNamed(tree, file.text, ["random_split"]).flatMap(({ node }) => {
    const kw = keywordArguments(node);
    if (node.hasError || kw === null) return [];
    const generator = kw.get("generator");
    if (generator && generator.text !== "None") return [];
    return [
      {
        file: file.path,
        line: lineOf(node),
        endLine: endLineOf(node),
        message:
          "`random_split` is called without a seeded `generator`, and nothing here calls `torch.manual_seed`, so the split differs on every run.",
      },
    ];
  });
}
