// testing/tests-in-ci (strength): a CI workflow runs the tests on every push.
import { ciView, readsForCi, realTestFiles } from "../../lib/ci-test-commands.js";
import type { RepoDetector } from "../../types.js";

const short = (command: string): string => (command.length > 60 ? `${command.slice(0, 57)}...` : command);

export const testsInCi: RepoDetector = {
  scope: "repo",
  meta: {
    id: "testing/tests-in-ci",
    area: "testing",
    level: "celebratory",
    title: "The tests run in CI on every push",
    why: "A CI workflow that runs the tests turns them into a safety net: every change is checked on a clean machine before it is merged, so nobody has to remember to run them.",
    tryThis:
      "Go one step further: make the test job a required check for merging into main (branch protection), and add a coverage report to see which modules no test reaches.",
    learnMore: [
      "https://docs.github.com/en/repositories/configuring-branches-and-merges-in-your-repository/managing-protected-branches/about-protected-branches",
      "https://pytest-cov.readthedocs.io/en/latest/readme.html",
    ],
    example: {
      language: "yaml",
      file: ".github/workflows/tests.yml",
      bad: "# (no workflow: the tests run only when someone remembers)",
      good: "on: [push, pull_request]\njobs:\n  test:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: actions/checkout@v4\n      - run: pip install -r requirements.txt pytest\n      - run: pytest",
    },
    goal: "Make the CI test job a required check before merging, and report test coverage in it",
  },
  reads: readsForCi,
  check(repo) {
    if (realTestFiles(repo).length === 0) return [];
    const { definite } = ciView(repo);
    if (!definite) return [];
    return [
      {
        file: definite.file,
        line: definite.line,
        message: `Tests run in CI (${definite.file} runs \`${short(definite.command)}\`).`,
      },
    ];
  },
};
