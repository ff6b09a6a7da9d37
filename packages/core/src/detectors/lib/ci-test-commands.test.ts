import { describe, expect, it } from "vitest";
import { snapshotOf } from "../../testing/memory-fs.js";
import { RepoView } from "../repo-view.js";
import { realTestFiles } from "./ci-test-commands.js";

describe("realTestFiles", () => {
  it("lists test files that hold tests, leaving out helpers, and reads them once per review", async () => {
    const repo = new RepoView(
      await snapshotOf({
        "tests/test_chunk.py":
          "from chunk import chunk\n\ndef test_chunk():\n    assert chunk('a') == ['a']\n",
        "tests/test_cases.py": "import unittest\n\nclass Cases(unittest.TestCase):\n    pass\n",
        "tests/helpers.py": "def make_doc():\n    return {'text': 'a'}\n",
        "tests/conftest.py": "import pytest\n",
        "web/chunk.test.ts": "import { it } from 'vitest';\nit('splits', () => {});\n",
        "web/fixtures.test.ts": "export const DOC = { text: 'a' };\n",
      }),
    );
    const first = realTestFiles(repo);
    expect([...first].sort()).toEqual(["tests/test_cases.py", "tests/test_chunk.py", "web/chunk.test.ts"]);
    // Two rules ask (testing/tests-in-ci and testing/tests-not-in-ci): the second gets the same answer, not a new search.
    expect(realTestFiles(repo)).toBe(first);
    // A new review (another RepoView) reads its own files.
    expect(realTestFiles(new RepoView(await snapshotOf({ "tests/helpers.py": "x = 1\n" })))).toEqual([]);
  });
});
