// evaluation/eval-set-present (strength): an eval set of inputs with expected answers exists and the code uses it.
import { evalSetInUse, prepareEvalSets } from "../../lib/eval-sets.js";
import type { RepoDetector } from "../../types.js";

export const evalSetPresent: RepoDetector = {
  scope: "repo",
  // YAML data files are read for their fields: the YAML reader loads only where there are some.
  prepare: prepareEvalSets,
  meta: {
    id: "evaluation/eval-set-present",
    area: "evaluation",
    level: "celebratory",
    title: "An eval set with expected answers measures the project",
    why: "An eval set turns 'it seems to work' into a number: every prompt, model or retrieval change can be compared with the last one on the same questions. It is the habit that separates AI engineering from trying things.",
    tryThis:
      "Go one step further: run the eval in CI on every pull request and fail the check when the score drops below today's number.",
    learnMore: [
      "https://hamel.dev/blog/posts/evals/",
      "https://www.promptfoo.dev/docs/integrations/github-action/",
    ],
    example: {
      language: "python",
      file: "evals/run_eval.py",
      bad: 'print(answer("Can I park overnight?"))',
      good: 'cases = [json.loads(l) for l in open("evals/questions.jsonl")]\ncorrect = sum(c["expected"].lower() in answer(c["question"]).lower() for c in cases)\nprint(f"{correct}/{len(cases)} correct")',
    },
    goal: "Run the eval set in CI on every pull request and fail when the score drops below a threshold you set",
  },
  check(repo) {
    const found = evalSetInUse(repo);
    return found ? [found] : [];
  },
};
