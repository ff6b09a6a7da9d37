import { describe, expect, it } from "vitest";
import { reviewTree } from "../../../testing/memory-fs.js";
import { testsNotInCi } from "./tests-not-in-ci.js";

const RULE = "testing/tests-not-in-ci";
const PY_TESTS = {
  "chunk.py": "def chunk(text):\n    return [text]\n",
  "tests/test_chunk.py": "from chunk import chunk\n\ndef test_chunk():\n    assert chunk('a') == ['a']\n",
};
const workflow = (steps: string) =>
  [
    "name: CI",
    "on: [push, pull_request]",
    "jobs:",
    "  build:",
    "    runs-on: ubuntu-latest",
    "    steps:",
    "      - uses: actions/checkout@v4",
    steps,
  ].join("\n");

describe("testing/tests-not-in-ci", () => {
  it("fires once, for the repo, when there are tests and no CI configuration at all", async () => {
    const report = await reviewTree(PY_TESTS, [testsNotInCi]);
    expect(report.findings.map((f) => [f.ruleId, f.file, f.line, f.level])).toEqual([
      [RULE, null, null, "actionable"],
    ]);
    expect(report.findings[0]!.message).toBe(
      "No CI workflow runs the tests (tests/test_chunk.py): the repository has no CI configuration, such as a file in .github/workflows/.",
    );
  });

  it("fires on a workflow that installs pytest and names it, but never runs it", async () => {
    const steps = [
      "      - name: Run pytest later",
      "        run: pip install pytest ruff",
      "      - run: ruff check .  # pytest is next",
      "      # - run: pytest",
      "      - uses: peaceiris/actions-gh-pages@v4",
      "        env:",
      "          PYTEST_ADDOPTS: -q",
    ].join("\n");
    const report = await reviewTree(
      {
        ...PY_TESTS,
        "tests/test_more.py": "def test_more():\n    assert True\n",
        ".github/workflows/deploy.yml": workflow(steps),
      },
      [testsNotInCi],
    );
    expect(report.findings.map((f) => [f.ruleId, f.file, f.line])).toEqual([
      [RULE, ".github/workflows/deploy.yml", null],
    ]);
    expect(report.findings[0]!.message).toContain("(tests/test_chunk.py and 1 more)");
    expect(report.findings[0]!.message).toContain(".github/workflows/deploy.yml never calls a test command");
  });

  it("fires for TypeScript tests when the package.json script CI calls only builds", async () => {
    const report = await reviewTree(
      {
        "package.json": JSON.stringify({ scripts: { build: "tsc", test: "vitest run" } }),
        "src/sum.test.ts": 'import { it, expect } from "vitest";\nit("adds", () => expect(1 + 1).toBe(2));\n',
        ".gitlab-ci.yml": "build:\n  script:\n    - npm ci\n    - npm run build\n",
      },
      [testsNotInCi],
    );
    expect(report.findings.map((f) => [f.ruleId, f.file])).toEqual([[RULE, ".gitlab-ci.yml"]]);
  });

  it.each([
    ["pytest", "      - run: pytest -q"],
    [
      "python -m pytest in a block",
      "      - run: |\n          pip install -r requirements.txt\n          python -m pytest tests/",
    ],
    ["uv run pytest", "      - run: uv run pytest"],
    ["tox", "      - run: tox -e py312"],
    ["make test", "      - run: make test"],
    ["an opaque make target", "      - run: make ci"],
    ["a shell script", "      - run: ./scripts/check.sh"],
    ["a reusable workflow", "      - uses: my-org/shared/.github/workflows/python.yml@main"],
    ["a local composite action", "      - uses: ./.github/actions/setup"],
  ])("stays quiet when CI runs the tests: %s", async (_, steps) => {
    const report = await reviewTree({ ...PY_TESTS, ".github/workflows/ci.yaml": workflow(steps) }, [
      testsNotInCi,
    ]);
    expect(report.findings).toEqual([]);
  });

  it.each([
    ["npm test", "      - run: npm test"],
    ["a package.json script that runs the tests", "      - run: pnpm run check"],
    ["pnpm --filter", "      - run: pnpm --filter web test"],
    ["npx vitest", "      - run: npx vitest run"],
  ])("stays quiet on JS projects when CI runs %s", async (_, steps) => {
    const report = await reviewTree(
      {
        "package.json": JSON.stringify({ scripts: { check: "biome check . && vitest run" } }),
        "web/app.spec.ts": 'test("x", () => { expect(1).toBe(1); });\n',
        ".github/workflows/ci.yml": workflow(steps),
      },
      [testsNotInCi],
    );
    expect(report.findings).toEqual([]);
  });

  it("stays quiet in GitLab, CircleCI and Jenkins pipelines that run tests", async () => {
    for (const [path, text] of [
      [".gitlab-ci.yml", "test:\n  script:\n    - pip install -r requirements.txt\n    - pytest\n"],
      [
        ".circleci/config.yml",
        "jobs:\n  test:\n    steps:\n      - run:\n          command: python -m unittest discover\n",
      ],
      ["Jenkinsfile", "pipeline { stages { stage('t') { steps { sh 'python -m pytest' } } } }\n"],
    ] as const) {
      expect((await reviewTree({ ...PY_TESTS, [path]: text }, [testsNotInCi])).findings).toEqual([]);
    }
  });

  it("stays quiet when the only 'tests' are helpers, fixtures or a script named like a test (missing-tests speaks)", async () => {
    const report = await reviewTree(
      {
        "app.py": "print('hi')\n",
        "tests/fixtures/rows.json": "[]\n",
        "tests/helpers.py": "def make_rows():\n    return []\n",
        "tests/conftest.py": "import pytest\n",
        "test_openai.py": "from openai import OpenAI\nprint(OpenAI().models.list())\n",
      },
      [testsNotInCi],
    );
    expect(report.findings).toEqual([]);
  });

  it("counts a unittest.TestCase class as tests", async () => {
    const report = await reviewTree(
      {
        "tests/checks.py":
          "import unittest\nclass Checks(unittest.TestCase):\n    def runTest(self):\n        self.assertTrue(True)\n",
      },
      [testsNotInCi],
    );
    expect(report.findings.map((f) => f.ruleId)).toEqual([RULE]);
  });
});
