// documentation/missing-run-instructions: a README that never says how to install or run the project.
import type { RepoDetector } from "../../types.js";

const COMMAND_BLOCK = /^(```|~~~)|^( {4}|\t)\S/m;
const RUN_HEADING =
  /^#{1,6}\s*(install|installation|setup|set up|set-up|usage|running|run|getting started|quick ?start|how to (run|use))\b/im;
const INLINE_COMMAND =
  /`(pip|python3?|uv|poetry|conda|npm|npx|pnpm|yarn|node|docker|make|streamlit|jupyter)\s[^`]+`/;

export const missingRunInstructions: RepoDetector = {
  scope: "repo",
  meta: {
    id: "documentation/missing-run-instructions",
    area: "documentation",
    level: "actionable",
    title: "The README does not say how to install and run the project",
    why: "If the steps to run a project live only in your head, nobody else can try it, and you will not be able to either in six months. Written run steps are also the first check that the project is reproducible.",
    tryThis:
      "Add a 'How to run' section with the exact commands, in a code block, from a fresh clone to a first answer; then follow it yourself in a new folder.",
    learnMore: ["https://www.makeareadme.com/#installation"],
    example: {
      language: "markdown",
      file: "README.md",
      bad: "# Bylaws bot\nA chatbot about my city's bylaws.",
      good: '# Bylaws bot\nAnswers questions about Riverton\'s bylaws; 18 of 20 test questions right.\n\n## How to run\n```sh\npip install -r requirements.txt\npython ingest.py && python bot.py "Can I park overnight?"\n```',
    },
    goal: "Add a 'How to run' section to the README with the exact commands from a fresh clone, and follow it once in a new folder",
  },
  reads: (path) => /^readme(\.(md|markdown|rst|txt))?$/i.test(path),
  check(repo) {
    const readme = repo.readme();
    if (!readme || !repo.hasCode()) return [];
    const text = readme.text;
    if (COMMAND_BLOCK.test(text) || RUN_HEADING.test(text) || INLINE_COMMAND.test(text)) return [];
    return [
      {
        file: readme.path,
        line: null,
        message: `${readme.path} does not say how to install or run the project.`,
      },
    ];
  },
};
