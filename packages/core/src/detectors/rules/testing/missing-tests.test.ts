import { describe, expect, it } from "vitest";
import { reviewTree } from "../../../testing/memory-fs.js";
import { missingTests } from "./missing-tests.js";

describe("testing/missing-tests", () => {
  it("fires once, for the whole repo, when there is code and no test", async () => {
    const report = await reviewTree(
      {
        "app.py": "print('hi')\n",
        "src/chunk.py": "def chunk(text):\n    return [text]\n",
        "README.md": "# app\n\nWe test it by hand.\n",
        "testdata.csv": "a,b\n",
        "contest.py": "",
      },
      [missingTests],
    );
    expect(report.findings.map((f) => [f.ruleId, f.file, f.line, f.level])).toEqual([
      ["testing/missing-tests", null, null, "essential"],
    ]);
    expect(report.findings[0]!.message).toBe("No automated tests were found in this repository.");
  });

  it("counts a notebook-only project as code", async () => {
    const notebook = JSON.stringify({ cells: [{ cell_type: "code", source: "x = 1", outputs: [] }] });
    const report = await reviewTree({ "explore.ipynb": notebook }, [missingTests]);
    expect(report.findings.map((f) => f.ruleId)).toEqual(["testing/missing-tests"]);
  });

  it("does not count tests that .gitignore leaves out", async () => {
    const report = await reviewTree({ ".gitignore": "tests/\n", "app.py": "", "tests/test_app.py": "" }, [
      missingTests,
    ]);
    expect(report.findings.map((f) => f.ruleId)).toEqual(["testing/missing-tests"]);
  });

  it.each([
    "tests/test_x.py",
    "test/helpers.py",
    "src/pkg/tests/conftest.py",
    "test_app.py",
    "src/chunk_test.py",
    "web/chunk.test.ts",
    "web/__tests__/chunk.tsx",
    "web/api.spec.mjs",
  ])("stays quiet when %s is present", async (path) => {
    const report = await reviewTree({ "app.py": "print('hi')\n", [path]: "" }, [missingTests]);
    expect(report.findings).toEqual([]);
  });

  it("stays quiet on a repo with no code (notes, data, docs)", async () => {
    const report = await reviewTree(
      { "README.md": "# notes\n", "data/rows.csv": "a\n", "prompts.txt": "x" },
      [missingTests],
    );
    expect(report.findings).toEqual([]);
  });
});
