// testing/tests-not-in-ci: the project has tests, but no CI workflow runs them on every push.
import { ciView, readsForCi, realTestFiles } from "../../lib/ci-test-commands.js";
import type { RepoDetector } from "../../types.js";

const listed = (paths: readonly string[]): string =>
  paths.length === 1 ? paths[0]! : `${paths[0]} and ${paths.length - 1} more`;

export const testsNotInCi: RepoDetector = {
  scope: "repo",
  meta: {
    id: "testing/tests-not-in-ci",
    area: "testing",
    level: "actionable",
    title: "The tests exist but no CI workflow runs them",
    why: "Tests only protect the code when they run. A CI workflow runs them on every push and pull request, on a clean machine, so a change that breaks something is caught before it is merged, not weeks later.",
    tryThis:
      "Add `.github/workflows/tests.yml` that installs the dependencies and runs `pytest` (or `npm test`) on every push and pull request; open a small PR and watch the check go green.",
    learnMore: [
      "https://docs.github.com/en/actions/use-cases-and-examples/building-and-testing/building-and-testing-python",
      "https://docs.github.com/en/actions/use-cases-and-examples/building-and-testing/building-and-testing-nodejs",
    ],
    example: {
      language: "yaml",
      file: ".github/workflows/tests.yml",
      bad: "# (no workflow: the tests run only when someone remembers)",
      good: "on: [push, pull_request]\njobs:\n  test:\n    runs-on: ubuntu-latest\n    steps:\n      - uses: actions/checkout@v4\n      - uses: actions/setup-python@v5\n        with: { python-version: '3.12' }\n      - run: pip install -r requirements.txt pytest\n      - run: pytest",
    },
    goal: "Run the test suite in a CI workflow on every push and pull request, and keep the check green for the next 5 PRs",
  },
  reads: readsForCi,
  check(repo) {
    const tests = realTestFiles(repo);
    if (tests.length === 0) return [];
    const ci = ciView(repo);
    if (!ci.complete || ci.definite || ci.maybe) return [];
    if (ci.ciFiles.length === 0) {
      return [
        {
          file: null,
          line: null,
          message: `No CI workflow runs the tests (${listed(tests)}): the repository has no CI configuration, such as a file in .github/workflows/.`,
        },
      ];
    }
    return [
      {
        file: ci.ciFiles[0]!,
        line: null,
        message: `No CI workflow runs the tests (${listed(tests)}): ${listed(ci.ciFiles)} never calls a test command such as \`pytest\` or \`npm test\`.`,
      },
    ];
  },
};
