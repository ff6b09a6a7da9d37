// documentation/vague-outcome: the README states no specific, measurable outcome (often: "a project to learn AI").
import { isRootReadme, mentionsMeasure, proseLines, vagueGoal } from "../../lib/readme-outcome.js";
import type { RepoDetector } from "../../types.js";

/** Whether the README says what the project is: a line of plain prose of a few words. */
const describesProject = (prose: readonly string[]): boolean =>
  prose.some((l) => /^\s*[\w"'(*_]/.test(l) && l.trim().split(/\s+/).length >= 4);

export const vagueOutcome: RepoDetector = {
  scope: "repo",
  meta: {
    id: "documentation/vague-outcome",
    area: "documentation",
    level: "actionable",
    title: "The README states no specific, measurable outcome",
    why: '"A project to learn AI" or "a chatbot about my notes" cannot be finished or checked. A specific outcome ("answers 18 of 20 real questions about the bylaws correctly, with the source") tells you what to build next, when you are done, and gives you a result to show.',
    tryThis:
      'Rewrite the first paragraph of the README as one sentence with a number in it: who it is for, what it does, and how well (for example "answers 18 of 20 test questions correctly, in under 3 seconds"); then measure it.',
    learnMore: ["https://www.makeareadme.com/", "https://hamel.dev/blog/posts/evals/"],
    example: {
      language: "markdown",
      file: "README.md",
      bad: "# Bylaws bot\nMy project to learn AI.",
      good: "# Bylaws bot\nAnswers residents' questions about Riverton's bylaws with the source section: 18 of 20 test questions right, in under 3 seconds.",
    },
    goal: "State the project's outcome in the README as one measurable sentence (who, what, how well, with a number), and measure it",
  },
  reads: isRootReadme,
  check(repo) {
    const readme = repo.readme();
    if (!readme || !repo.hasCode()) return [];
    // Any number that measures something (a percentage, a ratio, a metric, a time, a cost), in prose or in a results block: say nothing.
    if (mentionsMeasure(readme.lines)) return [];
    const prose = proseLines(readme.lines);
    const vague = vagueGoal(prose);
    const none = "no number, percentage or metric";
    if (vague) {
      return [
        {
          file: readme.path,
          line: null,
          message: `${readme.path} gives the goal as "${vague.quote}" and says nothing measurable about the result: ${none}.`,
        },
      ];
    }
    // A README with no sentence about the project (a title and commands) has a different gap: say nothing here.
    if (!describesProject(prose)) return [];
    return [
      {
        file: readme.path,
        line: null,
        message: `${readme.path} describes the project but says nothing measurable about what it achieves: ${none}.`,
      },
    ];
  },
};
