// testing/assertion-free-test: a test that checks nothing, so it passes whatever the code returns.
import type { Node } from "@vscode/tree-sitter-wasm";
import { callName, dottedName, lineOf, type Syntax } from "../../../parse/syntax.js";
import { isNotebook } from "../../../snapshot/language.js";
import type { SourceFile } from "../../../snapshot/types.js";
import { lineMatches } from "../../lib/needles.js";
import { collectsTestClass, skipsTest, type TestText, testsByText } from "../../lib/python-test-text.js";
import { maskedCode, pythonBlocksOf } from "../../lib/python-text.js";
import { isTestPath } from "../../repo-view.js";
import type { FileDetector, RawFinding } from "../../types.js";

/** Calls that check something: assertions, expectations, expected errors, skips, and helpers named for checking. */
const CHECKING_NAME =
  /^(\w*assert\w*|expect\w*|raises|warns|deprecated_call|fail|skip\w*|xfail|importorskip|approx|check\w*|verify\w*|ensure\w*|should\w*|validate\w*|compare\w*|must\w*|(get|find)(All)?By\w+)$/i;
/** Answers of `isCheckingCall` so far: a test suite calls the same few names (`self.assertEqual`) thousands of times. */
const checkingByName = new Map<string, boolean>();

/** Whether any part of a dotted call name checks: `self.assertEqual`, `assert.equal`, `np.testing.assert_allclose`. */
function isCheckingCall(name: string): boolean {
  let answer = checkingByName.get(name);
  if (answer === undefined) {
    answer = name.split(".").some((part) => CHECKING_NAME.test(part.replace(/\(\)$/, "")));
    // Names come from the code under review: keep the memory bounded over a long run.
    if (checkingByName.size >= 100_000) checkingByName.clear();
    checkingByName.set(name, answer);
  }
  return answer;
}
/** pytest fixtures that check on the test's behalf when called. */
const CHECKING_FIXTURE = /^(benchmark|snapshot|approvals|\w+_regression)$/;
/** Test modules pytest collects by default. */
const PY_TEST_FILE = /(^|\/)test_[^/]*\.py$|_test\.py$/;
const DONE_CALLBACK = new Set(["done", "cb", "callback", "next", "end"]);
const JS_SKIP = new Set(["skip", "todo", "fixme"]);

const short = (text: string): string => (text.length > 60 ? `${text.slice(0, 57)}...` : text);

const PY_CHECK_NODES = ["assert_statement", "raise_statement", "call", "attribute"];
/**
 * An assert method named without being called (`eq = self.assertEqual`, `map(self.assertTrue, flags)`): the test
 * checks through it. Any attribute whose name holds "assert", as a checking call's name may. The text pass reads
 * the same (see `ASSERT_REFERENCE` in python-test-text.ts).
 */
const ASSERT_ATTRIBUTE = /assert/i;
const JS_CHECK_NODES = ["throw_statement", "call_expression", "new_expression"];

interface Helpers {
  /** Local functions that check (directly or through another local function). */
  checking: Set<string>;
  /** Names imported from test helper modules: unknown, so treated as checking. */
  imported: Set<string>;
  /** Every function and method the file defines. */
  defined: Set<string>;
}

/** What a body holds that may check: an assertion or a raise (certain), else the names of the calls it makes. */
interface BodyChecks {
  certain: boolean;
  calls: string[];
}

/**
 * Read once per body: the helper fixpoint asks about the same bodies round after round, and walking a tree
 * through the WebAssembly boundary costs more than the parse.
 */
function bodyChecks(body: Node, python: boolean): BodyChecks {
  const calls: string[] = [];
  // The body itself counts too (an arrow function's expression body is a call).
  for (const node of body.descendantsOfType(python ? PY_CHECK_NODES : JS_CHECK_NODES)) {
    if (!node) continue;
    if (node.type === "attribute") {
      if (ASSERT_ATTRIBUTE.test(node.childForFieldName("attribute")?.text ?? ""))
        return { certain: true, calls: [] };
      continue;
    }
    if (node.type !== "call" && node.type !== "call_expression" && node.type !== "new_expression")
      return { certain: true, calls: [] };
    const name = callName(node);
    if (name) calls.push(name);
  }
  return { certain: false, calls };
}

/** Whether a body checks anything: an assertion, a raise, or a call to something that checks. */
function checks(body: BodyChecks, python: boolean, helpers: Helpers, params: ReadonlySet<string>): boolean {
  if (body.certain) return true;
  for (const name of body.calls) {
    if (isCheckingCall(name)) return true;
    const root = name.split(".")[0]!;
    const local = name.replace(/^(self|this|cls)\./, "");
    if (helpers.checking.has(local) || helpers.imported.has(root)) return true;
    // `self.check(...)` where `check` is set up at run time (`cls.check = partial(_check, ...)`): unknown, so it may check.
    if (local !== name && /^\w+$/.test(local) && !helpers.defined.has(local)) return true;
    if (params.has(root) && (!python || CHECKING_FIXTURE.test(root))) return true;
  }
  return false;
}

function parameterNames(fn: Node): Set<string> {
  const params = fn.childForFieldName("parameters") ?? fn.childForFieldName("parameter");
  const out = new Set<string>();
  if (!params) return out;
  // The list itself counts too: a lone arrow-function parameter is an identifier.
  for (const id of params.descendantsOfType(["identifier", "shorthand_property_identifier_pattern"]))
    if (id) out.add(id.text);
  return out;
}

/** A CommonJS import: `const { a, b: c } = require("m")` or `const m = require("m")`. */
const REQUIRE =
  /^[ \t]*(?:const|let|var)[ \t]+(?:\{([^}]*)\}|(\w+))[ \t]*=[ \t]*require\(\s*["']([^"']+)["']\s*\)/gm;

/** Imported names that may check (helpers from test modules or relative modules), read from the file's text. */
function importedHelpers(file: SourceFile, python: boolean): Set<string> {
  const out = new Set<string>();
  // In Python a relative import in a test module is a test helper; in JS the code under test is imported relatively too.
  const helperModule = python
    ? /(^\.|test|conftest|helper|fixture|assert|check|support)/i
    : /(test|helper|fixture|assert|check|support|util|matcher)/i;
  const pattern = python
    ? /^[ \t]*from[ \t]+([.\w]+)[ \t]+import[ \t]+\(?([^)\n]+)/gm
    : /^[ \t]*import[ \t]+(?:type[ \t]+)?([^;]*?)[ \t]+from[ \t]+["']([^"']+)["']/gm;
  for (const m of lineMatches(file, pattern, "import")) {
    const [module, names] = python ? [m[1]!, m[2]!] : [m[2]!, m[1]!];
    if (!helperModule.test(module)) continue;
    for (const name of names.replace(/[{}*]/g, ",").split(",")) {
      const local = name
        .trim()
        .split(/\s+as\s+/)
        .pop()!
        .trim();
      if (/^\w+$/.test(local)) out.add(local);
    }
  }
  // `const { strictEqual } = require("node:assert")`, `const check = require("./check")`
  if (!python) {
    for (const m of lineMatches(file, REQUIRE, "require")) {
      if (!helperModule.test(m[3]!)) continue;
      // A destructured name may be renamed: `{ equal: eq }` binds `eq`.
      const names = m[1] === undefined ? [m[2]!] : m[1].split(",").map((n) => n.split(":").pop()!.trim());
      for (const local of names) if (/^\w+$/.test(local)) out.add(local);
    }
  }
  // `import IPython.testing.tools as tt`, `import helpers`
  if (python) {
    for (const m of lineMatches(
      file,
      /^[ \t]*import[ \t]+([\w.]+)(?:[ \t]+as[ \t]+(\w+))?[ \t]*$/gm,
      "import",
    )) {
      if (helperModule.test(m[1]!)) out.add(m[2] ?? m[1]!.split(".")[0]!);
    }
  }
  return out;
}

/**
 * The file's functions, and those that check, to a fixpoint: `check_reply` calls `assert`, `run_case` calls
 * `check_reply`. `known` is what the text already settled, for a tree of only the functions it could not.
 */
function checkingHelpers(
  functions: { name: string; body: BodyChecks; params: Set<string> }[],
  python: boolean,
  imported: Set<string>,
  known?: Pick<TestText, "checking" | "defined">,
): Helpers {
  const checking = new Set<string>(known?.checking);
  const helpers = {
    checking,
    imported,
    defined: new Set([...functions.map((f) => f.name), ...(known?.defined ?? [])]),
  };
  for (let changed = true; changed; ) {
    changed = false;
    for (const fn of functions) {
      if (checking.has(fn.name)) continue;
      if (checks(fn.body, python, helpers, python ? new Set() : fn.params)) {
        checking.add(fn.name);
        changed = true;
      }
    }
  }
  return helpers;
}

function pythonFindings(file: SourceFile, tree: Syntax, known?: TestText): RawFinding[] {
  const functions = tree
    .captures("(function_definition) @f")
    .filter(({ node }) => tree.complete(node))
    .map(({ node }) => ({
      node,
      name: node.childForFieldName("name")?.text ?? "",
      body: node.childForFieldName("body"),
      params: parameterNames(node),
    }))
    .flatMap((f) =>
      f.body ? [{ ...f, body: bodyChecks(f.body, true), node: f.node, bodyNode: f.body }] : [],
    );
  const imported = importedHelpers(file, true);
  const helpers = checkingHelpers(functions, true, imported, known);
  const found: RawFinding[] = [];
  for (const fn of functions) {
    if (!fn.name.startsWith("test")) continue;
    if (!collected(fn.node)) continue;
    if (checks(fn.body, true, helpers, fn.params) || hasDoctest(fn.bodyNode)) continue;
    found.push(uncheckedTest(file, fn.name, lineOf(fn.node)));
  }
  return found;
}

const uncheckedTest = (file: SourceFile, name: string, line: number): RawFinding => ({
  file: file.path,
  line,
  message: `\`${name}\` never asserts anything: it passes as long as no exception is raised.`,
});

/** A docstring with `>>>` or `In [1]:` examples: a doctest runner checks their output. */
function hasDoctest(body: Node): boolean {
  const first = body.namedChildren[0];
  const doc = first?.type === "expression_statement" ? first.namedChildren[0] : null;
  return doc?.type === "string" && /^\s*(>>>|In \[\d*\]:)/m.test(doc.text);
}

/** Whether pytest collects this function: at module level or in a `Test*`/TestCase class, and not skipped. */
function collected(fn: Node): boolean {
  let node: Node = fn;
  const decorated = (n: Node) =>
    n.parent?.type === "decorated_definition" &&
    n.parent.namedChildren.some((d) => d?.type === "decorator" && skipsTest(d.text));
  if (decorated(node)) return false;
  if (node.parent?.type === "decorated_definition") node = node.parent;
  const container = node.parent?.parent;
  if (node.parent?.type === "module") return true;
  if (container?.type !== "class_definition" || node.parent?.type !== "block") return false;
  const className = container.childForFieldName("name")?.text ?? "";
  const bases = container.childForFieldName("superclasses")?.text ?? "";
  if (decorated(container)) return false;
  return collectsTestClass(className, bases);
}

/** Names bound to a check (`const eq = assert.equal`, `const ok = expect`): calling one checks. */
function checkAliases(tree: Syntax, imported: ReadonlySet<string>): Set<string> {
  const out = new Set<string>();
  for (const { node } of tree.captures(
    "(variable_declarator name: (identifier) value: [(member_expression) (identifier)]) @alias",
  )) {
    const value = dottedName(node.childForFieldName("value")!);
    if (value && (isCheckingCall(value) || imported.has(value.split(".")[0]!)))
      out.add(node.childForFieldName("name")!.text);
  }
  return out;
}

/** `it(...)`, `test.only(...)`, `it.each(rows)(...)`: the test name it declares, or null. */
function jsTestCall(call: Node): boolean {
  const fn = call.childForFieldName("function");
  if (!fn) return false;
  const chain = (callName(call) ?? "").split(".");
  const head = chain[0]!.replace(/\(\)$/, "");
  if (head !== "it" && head !== "test") return false;
  if (chain.some((part) => JS_SKIP.has(part.replace(/\(\)$/, "")))) return false;
  // `it.each(rows)` is the callee of the real call; it is not a test by itself.
  return call.parent?.type !== "call_expression" || call.parent.childForFieldName("function")?.id !== call.id;
}

function jsFindings(file: SourceFile, tree: Syntax): RawFinding[] {
  const functionNodes = tree.captures(
    "[(function_declaration) @f (variable_declarator value: [(arrow_function) (function_expression)]) @f]",
  );
  const functions = functionNodes
    .map(({ node }) => {
      const fn = node.type === "variable_declarator" ? node.childForFieldName("value")! : node;
      return {
        name: node.childForFieldName("name")?.text ?? "",
        body: fn.childForFieldName("body"),
        params: parameterNames(fn),
      };
    })
    .flatMap((f) => (f.name && f.body ? [{ ...f, body: bodyChecks(f.body, false) }] : []));
  const imported = importedHelpers(file, false);
  const helpers = checkingHelpers(functions, false, imported, {
    checking: checkAliases(tree, imported),
    defined: new Set(),
  });
  const found: RawFinding[] = [];
  for (const { node } of tree.captures("(call_expression) @c")) {
    if (!jsTestCall(node)) continue;
    const args =
      node.childForFieldName("arguments")?.namedChildren.filter((a): a is Node => a !== null) ?? [];
    const callback = [...args]
      .reverse()
      .find((a) => a.type === "arrow_function" || a.type === "function_expression");
    if (!callback) continue;
    const body = callback.childForFieldName("body");
    const params = parameterNames(callback);
    // A `done` callback hands the verdict to the code under test (mocha): say nothing.
    if ([...params].some((p) => DONE_CALLBACK.has(p))) continue;
    if (!body || checks(bodyChecks(body, false), false, helpers, params)) continue;
    // A type-level test (`// @ts-expect-error`) is checked by the compiler.
    if (body.text.includes("@ts-expect-error")) continue;
    const title =
      args[0]?.type === "string" || args[0]?.type === "template_string" ? args[0].text.slice(1, -1) : null;
    found.push({
      file: file.path,
      line: lineOf(node),
      message: `The test ${title === null ? "" : `"${short(title)}" `}never calls \`expect\` or an assertion: it passes as long as nothing throws.`,
    });
  }
  return found;
}

export const assertionFreeTest: FileDetector = {
  scope: "file",
  languages: ["python", "javascript", "typescript"],
  // The files check reads (pytest's test_*.py, notebooks, JS/TS test files): others need no look at their text.
  appliesToPath: (path) =>
    isNotebook(path) || (path.endsWith(".py") ? PY_TEST_FILE.test(path) : isTestPath(path)),
  prefilter: /\bdef\s+test|\b(it|test)(\.\w+)*\s*\(/,
  meta: {
    id: "testing/assertion-free-test",
    area: "testing",
    level: "actionable",
    title: "A test checks nothing, so it passes whatever the code returns",
    why: "A test earns its keep by failing when the behaviour is wrong. One that only calls the code (or prints the result) fails only on a crash: it stays green when the answer is wrong, and tells you the code works when nobody checked.",
    tryThis:
      "Pick one of these tests, write down the exact output you expect for its input, and assert it (`assert chunk('abc', size=2) == ['ab', 'c']`); then break the function on purpose and watch the test fail.",
    learnMore: ["https://docs.pytest.org/en/stable/how-to/assert.html", "https://vitest.dev/api/expect.html"],
    example: {
      language: "python",
      file: "tests/test_chunk.py",
      bad: "def test_chunk():\n    chunks = chunk('a' * 1000, size=400)\n    print(chunks)",
      good: "def test_chunk():\n    chunks = chunk('a' * 1000, size=400)\n    assert [len(c) for c in chunks] == [400, 400, 200]",
    },
    goal: "Give every test at least one assertion on the exact expected output, and see each one fail once by breaking the code on purpose",
  },
  check(file, { syntax, syntaxAround }) {
    const python = file.language === "python";
    if (python) {
      // pytest collects test_*.py files; a notebook counts only when it runs its tests with ipytest.
      if (file.notebook ? !/\bipytest\b/.test(file.text) : !PY_TEST_FILE.test(file.path)) return [];
    } else if (!isTestPath(file.path)) return [];
    if (!python) {
      const tree = syntax();
      return tree ? jsFindings(file, tree) : [];
    }
    // Parsing is the cost of this rule: the text settles most functions (every test, often); only the
    // functions it cannot settle are parsed, and the syntax pass takes the text's verdicts on the others.
    const known = file.notebook
      ? null
      : testsByText(
          file.text,
          {
            isCheckingCall,
            isCheckingFixture: (name) => CHECKING_FIXTURE.test(name),
            imported: importedHelpers(file, true),
          },
          maskedCode(file),
          pythonBlocksOf(file),
        );
    if (known?.allTestsCheck) return [];
    if (!known) {
      const tree = syntax();
      return tree ? pythonFindings(file, tree) : [];
    }
    // Tests the text found checking nothing are reported from it; the tree reports the others it reads.
    const found = known.unchecked.map(({ name, line }) => uncheckedTest(file, name, line));
    if (known.uncertain.length === 0) return found;
    const tree = syntaxAround(known.uncertain);
    const reported = new Set(found.map((f) => f.line));
    const fromTree = tree ? pythonFindings(file, tree, known).filter((f) => !reported.has(f.line)) : [];
    return [...found, ...fromTree].sort((a, b) => a.line! - b.line!);
  },
};
