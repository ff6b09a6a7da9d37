// ml-methodology/seeded-randomness (strength): the project fixes its random seeds, so results repeat.
import type { RepoDetector } from "../../types.js";
import { stripComment } from "../../python-text.js";

const SEEDED =
  /\b(random_state\s*=\s*\d+|np\.random\.seed\s*\(\s*\d|numpy\.random\.seed\s*\(\s*\d|random\.seed\s*\(\s*\d|torch\.manual_seed\s*\(\s*\d|default_rng\s*\(\s*\d|set_seed\s*\(\s*\d|tf\.random\.set_seed\s*\(\s*\d)/;

export const seededRandomness: RepoDetector = {
  scope: "repo",
  meta: {
    id: "ml-methodology/seeded-randomness",
    area: "ml-methodology",
    level: "celebratory",
    title: "Random seeds are fixed, so experiments repeat",
    why: "Fixing seeds makes a run repeatable: the same code gives the same split and the same score, so a change in the number means a change in the model. That is the base of every fair comparison.",
    tryThis: "Go one step further: run the evaluation with 3 different seeds and report the mean and the spread of the score.",
    learnMore: ["https://scikit-learn.org/stable/common_pitfalls.html#controlling-randomness"],
    goal: "Report the test score as a mean and spread over 3 seeds",
  },
  check(repo) {
    for (const file of repo.files) {
      if (file.language !== "python") continue;
      const index = file.lines.findIndex((l) => SEEDED.test(stripComment(l)));
      if (index !== -1) {
        return [{ file: file.path, line: index + 1, message: `Randomness is seeded in ${file.path}: runs repeat.` }];
      }
    }
    return [];
  },
};
