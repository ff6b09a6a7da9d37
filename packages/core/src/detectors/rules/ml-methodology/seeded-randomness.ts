// ml-methodology/seeded-randomness (strength): the project fixes its random seeds, so results repeat.

import { literalGate } from "../../lib/needles.js";
import { stripComment } from "../../lib/python-text.js";
import type { RepoDetector } from "../../types.js";

// A seed is a number, or a name that says it is one (`SEED`, `args.seed`, `RANDOM_STATE`): not `None`, not a variable.
const SEED = String.raw`(\d|[\w.]*(seed|SEED|RANDOM_STATE)\b)`;
const SEEDED = new RegExp(
  String.raw`\b(random_state\s*=\s*${SEED}|np\.random\.seed\s*\(\s*${SEED}|numpy\.random\.seed\s*\(\s*${SEED}|random\.seed\s*\(\s*${SEED}|torch\.manual_seed\s*\(\s*${SEED}|default_rng\s*\(\s*${SEED}|set_seed\s*\(\s*${SEED}|tf\.random\.set_seed\s*\(\s*${SEED})`,
);
const SEEDED_GATE = literalGate(SEEDED);

export const seededRandomness: RepoDetector = {
  scope: "repo",
  meta: {
    id: "ml-methodology/seeded-randomness",
    area: "ml-methodology",
    level: "celebratory",
    title: "Random seeds are fixed, so experiments repeat",
    why: "Fixing seeds makes a run repeatable: the same code gives the same split and the same score, so a change in the number means a change in the model. That is the base of every fair comparison.",
    tryThis:
      "Go one step further: run the evaluation with 3 different seeds and report the mean and the spread of the score.",
    learnMore: ["https://scikit-learn.org/stable/common_pitfalls.html#controlling-randomness"],
    example: {
      language: "python",
      file: "train.py",
      bad: "X_train, X_test, y_train, y_test = train_test_split(X, y)",
      good: "X_train, X_test, y_train, y_test = train_test_split(X, y, random_state=42)",
    },
    goal: "Report the test score as a mean and spread over 3 seeds",
  },
  check(repo) {
    for (const file of repo.files) {
      if (file.language !== "python" || !SEEDED_GATE.mayMatch(file)) continue;
      const index = file.lines.findIndex((l) => SEEDED.test(stripComment(l)));
      if (index !== -1) {
        return [
          { file: file.path, line: index + 1, message: `Randomness is seeded in ${file.path}: runs repeat.` },
        ];
      }
    }
    return [];
  },
};
