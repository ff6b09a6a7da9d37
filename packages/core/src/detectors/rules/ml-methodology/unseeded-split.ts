// ml-methodology/unseeded-split: train_test_split without random_state gives a different split every run.
import { callArguments, stripComment } from "../../lib/python-text.js";
import type { FileDetector, RawFinding } from "../../types.js";

const CALL = /\btrain_test_split\s*\(/g;

export const unseededSplit: FileDetector = {
  scope: "file",
  languages: ["python"],
  prefilter: /train_test_split/,
  meta: {
    id: "ml-methodology/unseeded-split",
    area: "ml-methodology",
    level: "actionable",
    title: "The train/test split changes on every run",
    why: "Without `random_state`, each run puts different rows in the test set, so the score moves even when the model does not. You cannot tell whether a change helped or the split was kinder this time.",
    tryThis:
      "Pass `random_state=42` (any fixed number) to `train_test_split`, run twice, and check the score is identical; then try three different seeds to see how much the score varies by chance.",
    learnMore: ["https://scikit-learn.org/stable/common_pitfalls.html#controlling-randomness"],
    example: {
      language: "python",
      file: "train.py",
      bad: "X_train, X_test, y_train, y_test = train_test_split(X, y, test_size=0.2)",
      good: "X_train, X_test, y_train, y_test = train_test_split(X, y, test_size=0.2, random_state=42)",
    },
    goal: "Fix the random seed of every split and model, and report how much the test score varies across 3 seeds",
  },
  check(file) {
    const found: RawFinding[] = [];
    file.lines.forEach((raw, i) => {
      const line = stripComment(raw);
      for (const m of line.matchAll(CALL)) {
        if (/^\s*(def|import|from)\b/.test(line)) continue;
        const args = callArguments(file.lines, i, m.index + m[0].length - 1);
        if (!args) continue;
        // A commented-out `# random_state=42,` line does not seed anything.
        const text = args.text.split("\n").map(stripComment).join("\n");
        // `shuffle=False` (e.g. a time series) keeps the row order, so the split is already the same every run.
        if (/\b(random_state\s*=|shuffle\s*=\s*False\b)/.test(text) || /\*\*\w+/.test(text)) continue;
        found.push({
          file: file.path,
          line: i + 1,
          endLine: args.endLine,
          message: "`train_test_split` is called without `random_state`, so the split differs on every run.",
        });
      }
    });
    return found;
  },
};
