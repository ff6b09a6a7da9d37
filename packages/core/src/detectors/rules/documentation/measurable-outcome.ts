// documentation/measurable-outcome (strength): the README states a specific, measurable result.
import { isRootReadme, measurableOutcome, proseLines } from "../../lib/readme-outcome.js";
import type { RepoDetector } from "../../types.js";

export const measurableOutcomeStated: RepoDetector = {
  scope: "repo",
  meta: {
    id: "documentation/measurable-outcome",
    area: "documentation",
    level: "celebratory",
    title: "The README states a measurable outcome",
    why: 'A number in the README ("18 of 20 questions answered correctly") makes the project checkable: you know when it is done, a reader knows what it does, and every change can be compared against it.',
    tryThis:
      "Go one step further: add the date and the version (commit, model, prompt) the number was measured with, and the command that reproduces it.",
    learnMore: ["https://www.makeareadme.com/"],
    example: {
      language: "markdown",
      file: "README.md",
      bad: "# Bylaws bot\nA chatbot about my city's bylaws.",
      good: "# Bylaws bot\nAnswers questions about Riverton's bylaws: 18 of 20 test questions right (gpt-4o-mini, 2024-06-01; `python evals/run.py`).",
    },
    goal: "Keep the README's outcome number up to date: re-measure it and record the date and version with each release",
  },
  reads: isRootReadme,
  check(repo) {
    const readme = repo.readme();
    if (!readme || !repo.hasCode()) return [];
    const found = measurableOutcome(proseLines(readme.lines));
    if (!found) return [];
    const text = found.text.length > 80 ? `${found.text.slice(0, 77)}...` : found.text;
    return [
      {
        file: readme.path,
        line: found.line,
        message: `${readme.path} states a measurable outcome: "${text}"`,
      },
    ];
  },
};
