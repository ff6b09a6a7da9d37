import { describe, expect, it } from "vitest";
import { reviewTree } from "../../../testing/memory-fs.js";
import { ipynbLine, jupyterJson } from "../../../testing/notebook.js";
import { assertionFreeTest } from "./assertion-free-test.js";

const RULE = "testing/assertion-free-test";

describe("testing/assertion-free-test", () => {
  it("fires on pytest functions and TestCase methods that only call or print, at the def line", async () => {
    const report = await reviewTree(
      {
        "tests/test_bot.py": [
          "import unittest",
          "from bot import answer",
          "",
          "def test_answer():",
          "    reply = answer('Can I park overnight?')",
          "    print(reply)",
          "",
          "def test_placeholder():",
          "    pass",
          "",
          "class TestChunks(unittest.TestCase):",
          "    # `self.make` is defined below and checks nothing: calling it is not a check.",
          "    def test_runs(self):",
          "        self.make('abc')",
          "    def make(self, text):",
          "        return chunk(text)",
          "",
          "def test_checked():",
          "    assert answer('x')",
        ].join("\n"),
      },
      [assertionFreeTest],
    );
    expect(report.findings.map((f) => [f.ruleId, f.file, f.line])).toEqual([
      [RULE, "tests/test_bot.py", 4],
      [RULE, "tests/test_bot.py", 8],
      [RULE, "tests/test_bot.py", 13],
    ]);
    expect(report.findings[0]!.message).toBe(
      "`test_answer` never asserts anything: it passes as long as no exception is raised.",
    );
  });

  it("stays quiet on the many ways a Python test checks", async () => {
    const report = await reviewTree(
      {
        "tests/test_ok.py": [
          "import pytest",
          "import numpy as np",
          "from unittest import TestCase, mock",
          "from tests.helpers import run_case",
          "import mypkg.testing.tools as tt",
          "",
          "def check_reply(reply):",
          "    assert reply.startswith('Yes')",
          "",
          "def ask_and_check(q):",
          "    check_reply(answer(q))",
          "",
          "def test_assert():",
          "    assert chunk('ab', 1) == ['a', 'b']",
          "def test_raises():",
          "    with pytest.raises(ValueError):",
          "        chunk('', 0)",
          "def test_numpy():",
          "    np.testing.assert_allclose(embed('a'), [0.1])",
          "def test_mock():",
          "    client = mock.Mock()",
          "    ask(client)",
          "    client.chat.completions.create.assert_called_once()",
          "def test_local_helper():",
          "    ask_and_check('Can I park?')",
          "def test_imported_helper():",
          "    run_case('parking')",
          "def test_help_output():",
          "    tt.help_all_output_test('profile')",
          "def test_raise():",
          "    if answer('x') != 'y':",
          "        raise AssertionError('wrong')",
          "def test_speed(benchmark):",
          "    benchmark(chunk, 'abc')",
          "@pytest.mark.skip(reason='later')",
          "def test_later():",
          "    pass",
          "class TestUnit(TestCase):",
          "    def test_equal(self):",
          "        self.assertEqual(chunk('a'), ['a'])",
          "class Helper:",
          "    def test_connection(self):",
          "        print('not collected by pytest')",
          "def test_doctest():",
          '    """Checked by the doctest runner.',
          "",
          "    >>> chunk('ab', 1)",
          "    ['a', 'b']",
          '    """',
          "def helper_test_shape():",
          "    print('not a test name')",
          "class TestLinks:",
          "    @classmethod",
          "    def setup_class(cls):",
          "        cls.check = staticmethod(partial(check_links, predict=cls.func))",
          "    def test_k5(self):",
          "        self.check(graph(5), [(0, 1)])",
        ].join("\n"),
      },
      [assertionFreeTest],
    );
    expect(report.findings).toEqual([]);
  });

  it("fires on a test whose only 'assert' is in a comment or a string, which checks nothing", async () => {
    const report = await reviewTree(
      {
        "tests/test_todo.py": [
          "from app import answer",
          "",
          "",
          "def test_answer():",
          "    reply = answer('hi')  # assert reply later",
          "",
          "",
          "def test_prompt():",
          "    print('assert the prompt is short')",
          "",
          "",
          "def test_real():",
          "    assert answer('hi') == 'hello'",
          "",
        ].join("\n"),
      },
      [assertionFreeTest],
    );
    expect(report.findings.map((f) => [f.ruleId, f.file, f.line])).toEqual([
      [RULE, "tests/test_todo.py", 4],
      [RULE, "tests/test_todo.py", 8],
    ]);
  });

  it("stays quiet on scripts named like tests outside pytest's file pattern, and on app code", async () => {
    const report = await reviewTree(
      {
        "tests/helpers.py": "def test_connection():\n    print('ok')\n",
        "app.py": "def test_prompt(q):\n    print(ask(q))\n",
      },
      [assertionFreeTest],
    );
    expect(report.findings).toEqual([]);
  });

  it("fires in a notebook that runs its tests with ipytest, and not in one that does not", async () => {
    const notebook = (cells: string[]) =>
      jupyterJson({ cells: cells.map((source) => ({ cell_type: "code", source, outputs: [] })) });
    const withIpytest = notebook([
      "import ipytest\nipytest.autoconfig()",
      "def test_split():\n    parts = split('a b')\n    parts",
      "ipytest.run()",
    ]);
    const plain = notebook(["def test_prompt(q):\n    print(ask(q))"]);
    const report = await reviewTree({ "tests.ipynb": withIpytest, "explore.ipynb": plain }, [
      assertionFreeTest,
    ]);
    expect(report.findings.map((f) => [f.ruleId, f.file, f.line])).toEqual([
      [RULE, "tests.ipynb", ipynbLine(withIpytest, "def test_split():")],
    ]);
    expect(report.findings[0]!.assistantPrompt).toContain("cell 2, line 1");
  });

  it("fires on vitest/jest tests with no expect, naming the test", async () => {
    const report = await reviewTree(
      {
        "src/chunk.test.ts": [
          'import { describe, it, test, expect } from "vitest";',
          'import { chunk } from "../src/chunk";',
          'describe("chunk", () => {',
          '  it("splits text", () => {',
          '    const parts = chunk("abc", 2);',
          "    console.log(parts);",
          "  });",
          '  test.each([[1], [2]])("size %i", async (size) => {',
          '    await chunk("abc", size);',
          "  });",
          '  it("checks", () => expect(chunk("ab", 1)).toEqual(["a", "b"]));',
          "});",
        ].join("\n"),
      },
      [assertionFreeTest],
    );
    expect(report.findings.map((f) => [f.ruleId, f.file, f.line])).toEqual([
      [RULE, "src/chunk.test.ts", 4],
      [RULE, "src/chunk.test.ts", 8],
    ]);
    expect(report.findings[0]!.message).toBe(
      'The test "splits text" never calls `expect` or an assertion: it passes as long as nothing throws.',
    );
  });

  it("stays quiet on JS tests that check through expect, assert, t, done, fixtures, queries or helpers", async () => {
    const report = await reviewTree(
      {
        "test/ok.spec.js": [
          'const assert = require("node:assert");',
          'const { strictEqual, deepEqual: same } = require("node:assert");',
          "const eq = assert.equal;",
          'import { expectValid } from "./test-utils";',
          "function checkReply(r) { expect(r).toBeTruthy(); }",
          'it("expect", async () => { await expect(ask()).resolves.toBe("y"); });',
          'it("assert", () => { assert.equal(add(1, 1), 2); });',
          'test("ava style", (t) => { t.is(add(1, 1), 2); });',
          'it("mocha done", (done) => { ask(done); });',
          'test("playwright", async ({ page }) => { await page.goto("/"); });',
          'it("testing library", () => { render(App); screen.getByText("Hello"); });',
          'it("local helper", () => { checkReply(ask()); });',
          'it("imported helper", () => { expectValid(ask()); });',
          'it("throws", () => { if (!ok()) throw new Error("bad"); });',
          'it.skip("later", () => { ask(); });',
          'it.todo("write me");',
          'it("arrow expression", () => assert.ok(ask()));',
          'it("destructured assert", () => { strictEqual(add(1, 1), 2); });',
          'it("renamed assert", () => { same(add(1, 1), [2]); });',
          'it("aliased assert", () => { eq(add(1, 1), 2); });',
          'it("types", () => {',
          "  // @ts-expect-error a number is not a Reply",
          "  const bad: Reply = 1;",
          "});",
        ].join("\n"),
        "src/app.ts":
          'const test = (name: string, fn: () => void) => fn();\ntest("not a test file", () => { run(); });\n',
      },
      [assertionFreeTest],
    );
    expect(report.findings).toEqual([]);
  });

  it("fires when a test calls only the code under test, required or aliased", async () => {
    const report = await reviewTree(
      {
        "test/add.test.js": [
          'const { add } = require("../src/add");',
          "const run = add;",
          'it("adds", () => { run(1, 2); });',
          'it("adds again", () => { add(2, 2); });',
        ].join("\n"),
      },
      [assertionFreeTest],
    );
    expect(report.findings.map((f) => f.line)).toEqual([3, 4]);
  });
});
