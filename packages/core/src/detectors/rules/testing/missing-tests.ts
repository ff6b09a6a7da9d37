// testing/missing-tests: a project with code and not one automated test.
import type { RepoDetector } from "../../types.js";

export const missingTests: RepoDetector = {
  scope: "repo",
  meta: {
    id: "testing/missing-tests",
    area: "testing",
    level: "essential",
    title: "The project has code but no automated tests",
    why: "A test pins down what the code should do, so you (and your AI assistant) can change it without breaking it unnoticed. For LLM apps, tests of the plain-code parts (parsing, chunking, prompt building) catch most bugs without calling a model.",
    tryThis:
      "Pick the function you changed most recently, write one test for it that asserts its output on a small input (pytest for Python, vitest for TypeScript), and run it.",
    learnMore: ["https://docs.pytest.org/en/stable/getting-started.html", "https://vitest.dev/guide/"],
    example: {
      language: "text",
      file: "(repository root)",
      bad: "bot.py\ningest.py",
      good: "bot.py\ningest.py\ntests/test_chunking.py   # def test_chunks_overlap(): assert ...",
    },
    goal: "Write 3 automated tests for the parts that do not call a model (for example chunking and prompt building) and run them with one command",
  },
  check(repo) {
    if (!repo.hasCode() || repo.testPaths().length > 0) return [];
    return [{ file: null, line: null, message: "No automated tests were found in this repository." }];
  },
};
