import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { pythonBlocks } from "../../parse/python-blocks.js";
import { maskStringsAndComments } from "../../parse/python-literals.js";
import { reviewTree } from "../../testing/memory-fs.js";
import { assertionFreeTest } from "../rules/testing/assertion-free-test.js";
import { certainlyChecks, testsByText } from "./python-test-text.js";

const CHECKING = /^(\w*assert\w*|check\w*|raises)$/i;
const names = {
  isCheckingCall: (name: string) => name.split(".").some((part) => CHECKING.test(part)),
  isCheckingFixture: (name: string) => name === "benchmark",
  imported: new Set(["run_case"]),
};
const py = (...lines: string[]) => lines.join("\n");

/** Files the text pass must leave to the parser: each hides an unchecked test behind text that looks like a check. */
const UNCERTAIN: Record<string, string> = {
  "an assert only in a comment": py("def test_a():", "    run()  # assert it worked"),
  "a check call only in a string": py("def test_a():", '    print("self.assertEqual(a, b)")'),
  "a check only in a docstring": py("def test_a():", '    """', "    assert x", '    """', "    run()"),
  "a check call on a string literal": py("def test_a(self):", '    "abc".check(1)'),
  "a class named like a check": py("def test_a():", "    class CheckThing(Base):", "        pass"),
  "a check in a parameter default, not the body": py("def test_a(x=check_setup()):", "    run(x)"),
  "a local helper that checks nothing": py(
    "def test_a(self):",
    "    self.helper()",
    "def helper(self):",
    "    run()",
  ),
  "a helper defined after a form feed": py(
    "def test_a(self):",
    "    self.helper()",
    "\fdef helper(self):",
    "    run()",
  ),
  "a non-ASCII name ending like a check": py("def test_a():", "    écheck(1)"),
  "a test the text cannot see (old Mac line ends)": "def test_a():\r    assert x\rdef test_b():\r    run()",
  "one test checks, one does not": py("def test_a():", "    assert 1", "def test_b():", "    run()"),
};

const CERTAIN = py(
  "from helpers import run_case",
  "def test_assert():",
  "    assert answer() == 1",
  "def test_raise(self):",
  "    if answer() != 1:",
  "        raise AssertionError('no')",
  "async def test_method(self):",
  "    with self.assertRaises(ValueError):",
  "        await run()",
  "def test_local_helper(self):",
  "    self.verify_all()",
  "def verify_all(self):",
  "    self._inner()",
  "def _inner(self):",
  "    assert True",
  "def test_imported():",
  "    run_case('a')",
  "def test_runtime_helper(self):",
  "    self.set_up_at_runtime(1)",
  "def test_multiline(",
  "    self, x=(1, 2),",
  "):",
  "    value = compute(",
  "        x,",
  "    )",
  "    assert value",
  // An assert method named without a call (an alias), or called on something the text cannot name.
  "def test_alias(self):",
  "    equal = self.assertEqual",
  "    equal(answer(), 1)",
  "def test_behind_subscript(self):",
  "    self.cases[0].assertEqual(1)",
  "def test_passed_on(self):",
  "    list(map(self.assertTrue, flags()))",
);

/** Tests the text can report, settle without a report, or must leave to the parser (line numbers in comments). */
const UNCHECKED = py(
  "import pytest", // 1
  "from app import run, build", // 2
  "", // 3
  "def test_module_level():", // 4: reported
  "    run(build(1))", // 5
  "@pytest.mark.slow", // 6
  "def test_decorated():", // 7: reported (its decorator does not skip)
  "    run(2)", // 8
  "", // 9
  "class TestThings:", // 10
  "    limit = 3", // 11
  "    def test_in_test_class(self):", // 12: reported
  "        run(self.limit)", // 13
  "class Helpers:", // 14
  "    def test_not_collected(self):", // 15: settled, nothing to report
  "        run(1)", // 16
  "", // 17
  "def test_fstring():", // 18: left (a call may hide in the f-string)
  '    run(f"{check(1)}")', // 19
  "", // 20
  "def test_doctest():", // 21: left (a doctest checks)
  '    """', // 22
  "    >>> run(1)", // 23
  '    """', // 24
  "", // 25
  "def test_self_call(self):", // 26: settled as checking (a method set up at run time may check)
  "    self.go(1)", // 27
  "", // 28
  "def test_local_helper():", // 29: reported (the helper it calls checks nothing)
  "    prepare(1)", // 30
  "", // 31
  "def test_string_at_column_0():", // 32: settled as checking (its assert follows a string at column 0)
  "    code = '''", // 33
  "def f(): pass", // 34
  "'''", // 35
  "    run(code)", // 36
  "    assert code", // 37
  "", // 38
  "", // 39
  "", // 40
  "def prepare(x):", // 41
  "    return x", // 42
  '@pytest.mark.flaky(reason="skip on CI")', // 43
  "def test_skipped():", // 44: settled, nothing to report (the parser reads "skip" in its decorator)
  "    run(3)", // 45
  '@pytest.mark.slow  # "skip" on Fridays', // 46
  "def test_commented_decorator():", // 47: left (to the parser, the comment is part of the decorator: it skips)
  "    run(4)", // 48
  "def test_helper_may_check():", // 49: left, with its helper
  "    report(5)", // 50
  "def report(x):", // 51: left (an f-string may hide a check)
  '    print(f"{x}")', // 52
  "def test_method_call(self):", // 53: reported (the method it calls checks nothing)
  "    self.prepare(6)", // 54
  "def outer():", // 55
  "    def test_nested():", // 56: settled, nothing to report (pytest does not collect it)
  "        run(7)", // 57
  "    return test_nested", // 58
);

/** Whether the text settles every test of the file (the syntax pass then has nothing to read). */
const everyTestChecksByText = (text: string, checking: typeof names) =>
  testsByText(text, checking)?.allTestsCheck ?? false;

describe("testsByText", () => {
  it("is certain only of real checks: asserts, raises, checking calls, checking helpers, unknown self helpers", () => {
    expect(everyTestChecksByText(CERTAIN, names)).toBe(true);
  });

  it("reads no assert method into an import of a module whose name holds 'assert'", () => {
    // To the parser those are modules, not attributes: the text must not be sure of more than the parser is.
    for (const line of ["    from .assertions import run", "    import pkg.assert_tools as run"]) {
      const text = py("def test_a():", line, "    run()");
      expect(testsByText(text, { ...names, imported: new Set() })?.checking.has("test_a")).toBe(false);
    }
    const alias = py("def test_a(self):", "    eq = self.assertEqual", "    eq(run(), 1)");
    expect(testsByText(alias, { ...names, imported: new Set() })?.checking.has("test_a")).toBe(true);
  });

  for (const [name, text] of Object.entries(UNCERTAIN)) {
    it(`leaves it to the parser: ${name}`, () => {
      expect(everyTestChecksByText(text, names)).toBe(false);
    });
  }

  it("hands the parser the unsettled tests and the unsettled helpers they may call, not the others", () => {
    const text = py(
      "def test_runs(self):", // 1: calls run_case, which calls prepare
      "    self.run_case(1)",
      "def run_case(self, x):", // 3
      "    self.prepare(x)",
      "def prepare(self, x):", // 5: may check (a call may hide in its f-string)
      '    return f"{x}"',
      "def unrelated(self):", // 7: unsettled, but no test leans on it
      "    return 2",
      "def test_checks(self):", // 9: settled by its assert
      "    assert self.unrelated() == 2",
    );
    const known = testsByText(text, { ...names, imported: new Set() })!;
    expect(known.allTestsCheck).toBe(false);
    expect(known.uncertain).toEqual([1, 3, 5]);
    expect([...known.defined].sort()).toEqual([
      "prepare",
      "run_case",
      "test_checks",
      "test_runs",
      "unrelated",
    ]);
  });

  it("reports, with no parse, the tests whose every word rules out a check, when pytest collects them", () => {
    const known = testsByText(UNCHECKED, names, maskStringsAndComments(UNCHECKED), pythonBlocks(UNCHECKED))!;
    expect(known.unchecked).toEqual([
      { name: "test_module_level", line: 4 },
      { name: "test_decorated", line: 7 },
      { name: "test_in_test_class", line: 12 },
      { name: "test_local_helper", line: 29 },
      { name: "test_method_call", line: 53 },
    ]);
    // Left to the parser: an f-string, a doctest, a comment among decorators, and a test whose helper may check,
    // with that helper. Settled without a finding: tests pytest does not collect (in a plain class, skipped, nested
    // in a function), and a test whose assert follows a string that ends at column 0.
    expect(known.uncertain).toEqual([18, 21, 47, 49, 51]);
  });

  it("blanks comments and string contents, keeping lines, columns and quotes", () => {
    const text = py("x = 'a#b'  # note", 'y = """', "assert 1", '"""', 'z = f("q\\"t")');
    const masked = maskStringsAndComments(text);
    expect(masked.length).toBe(text.length);
    expect(masked.split("\n")).toEqual(["x = '   '        ", 'y = """', "        ", '"""', 'z = f("    ")']);
  });

  // The rule has no text pass for notebooks: a notebook running its tests with ipytest shows the syntax pass's view.
  const syntaxView = async (code: string) => {
    const cell = {
      cell_type: "code",
      execution_count: 1,
      metadata: {},
      outputs: [],
      source: `import ipytest\n${code}`,
    };
    const notebook = JSON.stringify({ cells: [cell], metadata: {}, nbformat: 4, nbformat_minor: 5 });
    const report = await reviewTree({ "tests/test_case.ipynb": notebook }, [assertionFreeTest]);
    return report.findings.length;
  };

  it("reports by text what the syntax pass reports, no more and no fewer", async () => {
    const viaText = await reviewTree({ "tests/test_things.py": UNCHECKED }, [assertionFreeTest]);
    // A notebook's messages name the cell and line first.
    const messages = (findings: { message: string }[]) =>
      findings.map((f) => f.message.replace(/^In cell \d+, line \d+: /, "")).sort();
    const cell = { cell_type: "code", execution_count: 1, metadata: {}, outputs: [] };
    const notebook = JSON.stringify({
      cells: [{ ...cell, source: `import ipytest\n${UNCHECKED}` }],
      metadata: {},
      nbformat: 4,
      nbformat_minor: 5,
    });
    const viaTree = await reviewTree({ "tests/test_things.ipynb": notebook }, [assertionFreeTest]);
    expect(messages(viaText.findings)).toEqual(messages(viaTree.findings));
    expect(viaText.findings.map((f) => f.line)).toEqual([4, 7, 12, 29, 49, 53]);
  });

  it("agrees with the syntax pass: what it is certain of, the parser finds checked; each uncertain case hides a real gap", async () => {
    expect(await syntaxView(CERTAIN)).toBe(0);
    for (const [name, text] of Object.entries(UNCERTAIN)) {
      if (text.includes("\r")) continue;
      expect([name, await syntaxView(text)]).not.toEqual([name, 0]);
    }
  });
});

describe("certainlyChecks: an assert or raise statement, or an assert attribute off an import line", () => {
  /** The two expressions it stands for. */
  const byExpressions = (code: string) =>
    /\b(assert|raise)\b/.test(code) || /^(?![ \t]*(?:from|import)\b)[^\n]*\.[ \t]*\w*assert/im.test(code);

  it("answers as the expressions do on any text made of the words and marks that matter", () => {
    const part = fc.constantFrom(
      "assert",
      "Assert",
      "ASSERT",
      "raise",
      "Raise",
      "raises",
      "self",
      ".",
      " ",
      "\t",
      "\n",
      "\r",
      "\u2028",
      "from",
      "import",
      "FROM",
      "x",
      "_",
      "9",
      "é",
      "(",
      "=",
      "eq",
    );
    fc.assert(
      fc.property(fc.array(part, { maxLength: 14 }), (parts) => {
        const code = parts.join("");
        expect(certainlyChecks(code)).toBe(byExpressions(code));
      }),
      { numRuns: 3000 },
    );
  });

  it.each([
    ["self.assertEqual(a, b)", true],
    ["eq = self . \tassertEqual", true],
    ["x.myAssertion()", true],
    ["from .assertions import check", false],
    ["  import assertpy.assert_that", false],
    ["assert_that(x)", false],
    ["raise ValueError()", true],
    ["reraise(x)", false],
    ["x = 1\r  from m import y.assert_x", true],
  ] as const)("reads %j as %s", (code, expected) => {
    expect(certainlyChecks(code)).toBe(expected);
    expect(byExpressions(code)).toBe(expected);
  });
});
