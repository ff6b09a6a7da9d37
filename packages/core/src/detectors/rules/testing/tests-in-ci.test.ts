import { describe, expect, it } from "vitest";
import { reviewTree } from "../../../testing/memory-fs.js";
import { testsInCi } from "./tests-in-ci.js";

const RULE = "testing/tests-in-ci";
const PY_TESTS = {
  "chunk.py": "def chunk(text):\n    return [text]\n",
  "tests/test_chunk.py": "from chunk import chunk\n\ndef test_chunk():\n    assert chunk('a') == ['a']\n",
};
const WORKFLOW = [
  "name: tests",
  "on: [push, pull_request]",
  "jobs:",
  "  test:",
  "    runs-on: ubuntu-latest",
  "    steps:",
  "      - uses: actions/checkout@v4",
  "      - name: Install pytest",
  "        run: pip install -r requirements.txt pytest",
  "      - run: python -m pytest -q",
].join("\n");

describe("testing/tests-in-ci", () => {
  it("celebrates once, at the line of the CI file that runs the tests", async () => {
    const report = await reviewTree(
      {
        ...PY_TESTS,
        ".github/workflows/lint.yml": "on: push\njobs:\n  l:\n    steps:\n      - run: ruff check .\n",
        ".github/workflows/tests.yml": WORKFLOW,
        ".gitlab-ci.yml": "test:\n  script:\n    - pytest\n",
      },
      [testsInCi],
    );
    expect(report.findings.map((f) => [f.ruleId, f.file, f.line, f.level])).toEqual([
      [RULE, ".github/workflows/tests.yml", 10, "celebratory"],
    ]);
    expect(report.findings[0]!.message).toBe(
      "Tests run in CI (.github/workflows/tests.yml runs `python -m pytest -q`).",
    );
    expect(report.goals).toEqual([]);
  });

  it("celebrates a package.json script that CI calls and that runs vitest", async () => {
    const report = await reviewTree(
      {
        "package.json": JSON.stringify({
          scripts: { ci: "npm run lint && npm run unit", unit: "vitest run" },
        }),
        "src/sum.test.ts": 'import { it, expect } from "vitest";\nit("adds", () => expect(1 + 1).toBe(2));\n',
        ".github/workflows/ci.yml":
          "on: push\njobs:\n  t:\n    steps:\n      - run: npm ci\n      - run: npm run ci\n",
      },
      [testsInCi],
    );
    expect(report.findings.map((f) => [f.file, f.line])).toEqual([[".github/workflows/ci.yml", 6]]);
  });

  it("stays quiet when CI only installs, lints or names pytest, or runs an opaque target", async () => {
    const report = await reviewTree(
      {
        ...PY_TESTS,
        ".github/workflows/ci.yml": [
          "on: push",
          "jobs:",
          "  t:",
          "    steps:",
          "      - name: pytest",
          "        run: pip install pytest",
          "      - run: make ci",
          "      # - run: pytest",
          "      - run: echo done # then pytest",
        ].join("\n"),
      },
      [testsInCi],
    );
    expect(report.findings).toEqual([]);
  });

  it("stays quiet when CI runs pytest but the repo has no tests, or there is no CI", async () => {
    expect(
      (await reviewTree({ "app.py": "x = 1\n", ".github/workflows/ci.yml": WORKFLOW }, [testsInCi])).findings,
    ).toEqual([]);
    expect((await reviewTree(PY_TESTS, [testsInCi])).findings).toEqual([]);
  });
});
