// What the code text (comments and strings blanked) settles of a Python test file for testing/assertion-free-test:
// the tests and helpers that certainly check something, and the tests that certainly check nothing and that pytest
// collects. The syntax pass could only agree on those, so it parses only the rest. Every answer here errs towards
// "not settled"; the syntax pass decides what is left.
import { type DefSpan, type PythonBlocks, pythonBlocks } from "../../parse/python-blocks.js";
import { maskStringsAndComments } from "../../parse/python-literals.js";
import { headerColon } from "./python-text.js";

interface TextFunction {
  name: string;
  /** 1-based line of the `def`. */
  line: number;
  /** The body's code (after the header's colon, to the function's last line), comments and strings blanked. */
  body: string;
  /** Where the body starts in the text (after the header's colon). */
  from: number;
  /** Where the block reader places it: decorators, container, last line. */
  span: DefSpan;
}

/** Where a body may say `assert` or `raise`: each place is then read as `certainlyChecks` says. */
const ASSERT_OR_RAISE = /assert|raise/gi;
/** A line that imports (`from .assertions import x` names a module, not an assert method). */
const IMPORT_LINE = /[ \t]*(?:from|import)\b/iy;
/** Line breaks as a multiline `^` sees them. */
const LINE_BREAK = /[\n\r\u2028\u2029]/g;

const isWordCode = (c: number): boolean =>
  (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57) || c === 95;

/**
 * Whether code (strings and comments blanked) certainly checks by itself: an `assert` or a `raise` statement, or an
 * attribute whose name holds "assert" in any case (`self.assertEqual`, called or not: `eq = self.assertEqual`
 * checks through the alias) on a line that is not an import. The syntax pass counts each as a check (see
 * assertion-free-test's `ASSERT_ATTRIBUTE`). The same answer as `/\b(assert|raise)\b/` or
 * `/^(?![ \t]*(?:from|import)\b)[^\n]*\.[ \t]*\w*assert/im`, from one search for the two words (that expression
 * tried every line, and every "." on it, of every function of a test suite).
 */
export function certainlyChecks(code: string): boolean {
  ASSERT_OR_RAISE.lastIndex = 0;
  for (let m = ASSERT_OR_RAISE.exec(code); m; m = ASSERT_OR_RAISE.exec(code)) {
    const at = m.index;
    const end = at + m[0].length;
    // The statement: the word exactly, not inside a longer word.
    if (
      (m[0] === "assert" || m[0] === "raise") &&
      !isWordCode(code.charCodeAt(at - 1)) &&
      !isWordCode(code.charCodeAt(end))
    )
      return true;
    if (m[0].length !== 6) continue;
    // The attribute: "." then blanks, then word characters up to the word.
    let k = at - 1;
    while (k >= 0 && isWordCode(code.charCodeAt(k))) k--;
    while (k >= 0 && (code[k] === " " || code[k] === "\t")) k--;
    if (k < 0 || code[k] !== ".") continue;
    if (onNonImportLine(code, k)) return true;
  }
  return false;
}

/** Whether some line start before `dot` with no "\n" between them does not start an import. */
function onNonImportLine(code: string, dot: number): boolean {
  let lineStart = code.lastIndexOf("\n", dot) + 1;
  for (;;) {
    IMPORT_LINE.lastIndex = lineStart;
    if (!IMPORT_LINE.test(code)) return true;
    // A "\r" (or a Unicode line break) also starts a line for `^`, though not for the "\n" before the dot.
    LINE_BREAK.lastIndex = lineStart;
    const next = LINE_BREAK.exec(code);
    if (!next || next.index >= dot) return false;
    lineStart = next.index + 1;
  }
}

/** A `def` keyword at a line's start, read from where the line starts. */
const DEF = /[ \t\f]*(?:async[ \t]+)?def[ \t]+(\w+)/y;
/**
 * A call through a plain dotted name; what precedes it is checked separately (see `cleanCalls`). It starts only
 * where a word starts: a match from inside a word would extend to the word's start, and trying every position
 * inside long words made this the costliest expression of a review.
 */
const CALL = /(?<!\w)((?:\w+[ \t]*\.[ \t]*)*\w+)[ \t]*\(/g;
/** CALL for reading from a chosen position (matchAll reads CALL from a copy). */
const CALL_FROM = new RegExp(CALL);
/**
 * A call through `self.`, `cls.` or `this.`: a method the file may not define (set up at run time) may check.
 * Line breaks count as space: inside brackets a call may span lines.
 */
const SELF_CALL = /\b(?:self|cls|this)\s*\.\s*(\w+)\s*\(/g;

/**
 * The file's functions, one per `def` the block reader found, each body from its header's colon to the function's
 * last line. Null when a header does not read as one (the parser would see it otherwise).
 */
function textFunctions(file: TextLines, spans: readonly DefSpan[]): TextFunction[] | null {
  const { code, starts } = file;
  const out: TextFunction[] = [];
  for (const span of spans) {
    DEF.lastIndex = starts[span.line - 1]!;
    const def = DEF.exec(code);
    if (!def) return null;
    const colon = headerColon(code, DEF.lastIndex);
    if (colon === -1) return null;
    const from = colon + 1;
    const to = Math.max(from, lineEnd(file, span.end));
    out.push({ name: def[1]!, line: span.line, body: code.slice(from, to), from, span });
  }
  return out;
}

const CLASS_HEADER = /^[ \t]*class[ \t]+(\w+)[ \t]*(?:\(([^()]*)\))?[ \t]*:[ \t]*$/;

/** A decorator that skips the test or expects it to fail: pytest does not count on it. */
const SKIP_DECORATOR = /\b(skip|skipif|xfail|skipIf|skipUnless|expectedFailure)\b/;

/** Whether a decorator's text (`@pytest.mark.skipif(...)`) skips the test it decorates. */
export const skipsTest = (decorator: string): boolean => SKIP_DECORATOR.test(decorator);

/** A file's text and masked code, and where each line starts in both. */
interface TextLines {
  text: string;
  code: string;
  starts: ArrayLike<number>;
}

/** Where line `line` (1-based) ends: before its "\n" or "\r\n". */
function lineEnd({ code, starts }: TextLines, line: number): number {
  const end = line < starts.length ? starts[line]! - 1 : code.length;
  return end > starts[line - 1]! && code[end - 1] === "\r" ? end - 1 : end;
}

/**
 * Whether the decorators on lines `from` to `to` (1-based, `to` excluded; none when they are equal) skip, read
 * with their strings as the syntax pass reads them: null when a `#` sits among them (a comment on a decorator's
 * line is part of the decorator to the parser, one between decorators is not).
 */
function skippedByDecorators({ text, starts }: TextLines, from: number, to: number): boolean | null {
  const decorators = text.slice(starts[from - 1], starts[to - 1]);
  return decorators.includes("#") ? null : skipsTest(decorators);
}

/**
 * Whether pytest collects the test `def` (as the syntax pass decides it): at module level, or right inside a
 * `Test*` or `TestCase` class, with no skipping decorator on either. Null when the text cannot tell: a comment
 * among decorators, or a class header over several lines.
 */
function collectedByText(span: DefSpan, file: TextLines): boolean | null {
  const skipped = skippedByDecorators(file, span.start, span.line);
  if (skipped !== false) return skipped ? false : null;
  if (!span.parent) return true;
  // In a function, under an `if` or a `with`: not a test pytest collects, as the syntax pass reads it.
  if (span.parent.kind !== "class") return false;
  const header = CLASS_HEADER.exec(
    file.code.slice(file.starts[span.parent.line - 1], lineEnd(file, span.parent.line)),
  );
  if (!header) return null;
  const classSkipped = skippedByDecorators(file, span.parent.start, span.parent.line);
  if (classSkipped !== false) return classSkipped ? false : null;
  return collectsTestClass(header[1]!, header[2] ?? "");
}

/** Whether pytest collects the tests of a class with this name and these bases: `Test*`, or a `TestCase`. */
export const collectsTestClass = (name: string, bases: string): boolean =>
  /^Test/.test(name) || /TestCase\b/.test(bases);

/** An f-string (its calls are blanked with its text) or a doctest (its runner checks): the text cannot judge. */
const OPAQUE_BODY = /(?<!\w)[rRbBuU]?[fF][rR]?["']|>>>|In \[/;

/** ASCII characters that make a name before `(` part of a longer callee: `x[0].f(`, `f(a).g(`, `"s".join(`. */
const CALLEE_TAIL = ")]}\"'.";

/**
 * The whole callee of a CALL match, or null when the name is only part of it (`x[0].f(`, `f(a).g(`,
 * `"s".join(`) or names a `def`/`class`.
 */
function cleanCallee(body: string, m: RegExpExecArray): string | null {
  // Right before the name: nothing that would make it part of a longer callee. CALL starts at no ASCII word
  // character; a non-ASCII letter or digit would still continue a name.
  const before = m.index > 0 ? body[m.index - 1]! : "";
  if (before && (CALLEE_TAIL.includes(before) || (before > "\x7f" && /[\p{L}\p{N}]/u.test(before))))
    return null;
  let k = m.index - 1;
  while (k >= 0 && /\s/.test(body[k]!)) k--;
  if (k >= 0 && body[k] === ".") return null;
  if (/\b(def|class)$/.test(body.slice(Math.max(0, k - 5), k + 1))) return null;
  return m[1]!.replace(/\s+/g, "");
}

/**
 * The calls of a body whose whole callee is a dotted name (see `cleanCallee`), up to the first that `stop`
 * accepts: `{ stopped: true }` then, as the rest cannot matter.
 */
function cleanCalls(body: string, stop: (name: string) => boolean): { calls: string[]; stopped: boolean } {
  const calls: string[] = [];
  for (const m of body.matchAll(CALL)) {
    const name = cleanCallee(body, m);
    if (name === null) continue;
    if (stop(name)) return { calls, stopped: true };
    calls.push(name);
  }
  return { calls, stopped: false };
}

/**
 * Whether a line holding "assert" holds a call `stop` accepts: the same answer as `cleanCalls(...).stopped` for
 * the usual test (`self.assertEqual(...)`), found without reading its other calls. CALL never spans lines, so
 * its matches on a line are the same read from the line's start as from the body's.
 */
function assertCallOnSomeLine(body: string, stop: (name: string) => boolean): boolean {
  for (let at = body.indexOf("assert"); at !== -1; ) {
    const lineStart = body.lastIndexOf("\n", at) + 1;
    const newline = body.indexOf("\n", at);
    const lineEnd = newline === -1 ? body.length : newline;
    CALL_FROM.lastIndex = lineStart;
    for (let m = CALL_FROM.exec(body); m && m.index < lineEnd; m = CALL_FROM.exec(body)) {
      const name = cleanCallee(body, m);
      if (name !== null && stop(name)) return true;
    }
    if (newline === -1) return false;
    at = body.indexOf("assert", newline);
  }
  return false;
}

export interface CheckingNames {
  /** Whether a dotted call name checks by its name (`assertEqual`, `pytest.raises`, `check_output`). */
  isCheckingCall: (name: string) => boolean;
  /** Whether a parameter of this name is a pytest fixture that checks when called (`benchmark`, `snapshot`). */
  isCheckingFixture: (name: string) => boolean;
  /** Names imported from helper modules, as the syntax pass reads them. */
  imported: ReadonlySet<string>;
}

/** What the text tells of a test file's functions: which certainly check, and where the others are. */
export interface TestText {
  /** Every test of the file certainly checks: the syntax pass could only agree. */
  allTestsCheck: boolean;
  /**
   * Names of functions that certainly check (an assert, a raise, a checking call): the syntax pass agrees on each.
   * When every test checks by its own code, only the tests were read, and only they are named.
   */
  checking: ReadonlySet<string>;
  /** Every name a `def` gives in the file (never narrower than the parser's list). */
  defined: ReadonlySet<string>;
  /**
   * Tests that certainly check nothing and that pytest collects: no word of their code could be a check (no
   * checking name, fixture, name from a helper module, `self.` call to a method the file lacks, f-string or
   * doctest), and every function of the file their code names certainly checks nothing either; they sit at
   * module level or in a one-line `Test*`/`TestCase` class header, with no decorator that skips. The syntax
   * pass would report each; it need not read them.
   */
  unchecked: { name: string; line: number }[];
  /**
   * 1-based `def` lines the syntax pass must read: the tests not settled either way, and the functions not known
   * to check that they may call (their names appear in the code of a test or of such a function).
   */
  uncertain: number[];
}

/** One function of the file as the text judges it: certainly checking, or the calls it makes. */
interface Fact {
  name: string;
  line: number;
  fn: TextFunction;
  /**
   * Certainly checks: an `assert` or `raise`, a call that checks by its name, or a `self.` call to a method the
   * file does not define (set up at run time, it may check).
   */
  certain: boolean;
  /** When not certain: the names its calls may reach in this file (`self.check(...)` reaches `check`). */
  locals: string[];
}

/** What the judging steps share: the checking names, every `def` name, and the calls that check by name. */
interface Judge {
  names: CheckingNames;
  defined: ReadonlySet<string>;
  /** A call that checks by its name settles its function whatever else it calls: its other calls are not read. */
  checksByName: (name: string) => boolean;
}

function factOf(fn: TextFunction, judge: Judge): Fact {
  const fact = (certain: boolean, locals: string[]): Fact => ({
    name: fn.name,
    line: fn.line,
    fn,
    certain,
    locals,
  });
  if (certainlyChecks(fn.body) || assertCallOnSomeLine(fn.body, judge.checksByName)) return fact(true, []);
  const { calls, stopped } = cleanCalls(fn.body, judge.checksByName);
  if (stopped) return fact(true, []);
  const locals: string[] = [];
  for (const name of calls) {
    const local = name.replace(/^(self|this|cls)\./, "");
    // `self.check(...)` with no `def check` in the file: set up at run time, so it may check.
    if (local !== name && /^\w+$/.test(local) && !judge.defined.has(local)) return fact(true, []);
    locals.push(local);
  }
  return fact(false, locals);
}

/** Whether the function checks, given the names of the functions known to check. */
const checks = (fact: Fact, checking: ReadonlySet<string>): boolean =>
  fact.certain || fact.locals.some((name) => checking.has(name));

/**
 * `seeds`, and the name of every function whose calls reach one of them (a function that calls one is in, and so
 * on): followed from the seeds back along the calls, each call once, however long the chains.
 */
function namesReaching(
  seeds: Iterable<string>,
  calls: Iterable<[name: string, callees: readonly string[]]>,
): Set<string> {
  const callers = new Map<string, string[]>();
  for (const [name, callees] of calls) {
    for (const callee of callees) {
      const known = callers.get(callee);
      if (known) known.push(name);
      else callers.set(callee, [name]);
    }
  }
  const reached = new Set<string>();
  const toFollow: string[] = [];
  const add = (name: string) => {
    if (reached.has(name)) return;
    reached.add(name);
    toFollow.push(name);
  };
  for (const seed of seeds) add(seed);
  while (toFollow.length > 0) for (const caller of callers.get(toFollow.pop()!) ?? []) add(caller);
  return reached;
}

/** Names of the functions that check: those that certainly do, and those that call one. */
const checkingNames = (facts: readonly Fact[]): Set<string> =>
  namesReaching(
    facts.filter((f) => f.certain).map((f) => f.name),
    facts.map((f): [string, string[]] => [f.name, f.locals]),
  );

/**
 * The functions of the file an unsettled function's code names (it may call them), or null when a word of it
 * could be a check by itself: `assert`, `raise`, a checking name, a fixture, a name from a helper module, a
 * `self.` call to a method the file does not define, an f-string or a doctest.
 */
function namedFunctions({ fn }: Fact, text: string, judge: Judge): string[] | null {
  const { names, defined } = judge;
  const body = fn.body;
  if (OPAQUE_BODY.test(text.slice(fn.from, fn.from + body.length))) return null;
  for (const [, method] of body.matchAll(SELF_CALL)) if (!defined.has(method!)) return null;
  const named: string[] = [];
  for (const [word] of body.matchAll(/\w+/g)) {
    if (word === "assert" || word === "raise" || names.isCheckingCall(word)) return null;
    if (names.imported.has(word) || names.isCheckingFixture(word)) return null;
    if (defined.has(word)) named.push(word);
  }
  return named;
}

/** The unsettled functions by name (a name may have several `def`s: methods of different classes). */
function byNameOf(unsettled: readonly Fact[]): Map<string, Fact[]> {
  const byName = new Map<string, Fact[]>();
  for (const f of unsettled) {
    const same = byName.get(f.name);
    if (same) same.push(f);
    else byName.set(f.name, [f]);
  }
  return byName;
}

/**
 * What the unsettled tests name, and by name what the unsettled functions they name name, and so on: each read
 * function's named functions (null: a word of it could check by itself).
 */
function namedFrom(
  unsettled: readonly Fact[],
  byName: ReadonlyMap<string, Fact[]>,
  text: string,
  judge: Judge,
): Map<Fact, string[] | null> {
  const named = new Map<Fact, string[] | null>();
  const toRead = unsettled.filter((f) => f.name.startsWith("test"));
  while (toRead.length > 0) {
    const f = toRead.pop()!;
    if (named.has(f)) continue;
    const callees = namedFunctions(f, text, judge);
    named.set(f, callees);
    for (const name of callees ?? []) toRead.push(...(byName.get(name) ?? []));
  }
  return named;
}

/**
 * Names of functions that may check: a `def` of that name checks, could by a word of its own, or names one that
 * may (to a fixpoint). A function that names none of them certainly checks nothing, as the parser would find.
 */
function mayCheckNames(
  named: ReadonlyMap<Fact, string[] | null>,
  checking: ReadonlySet<string>,
): Set<string> {
  const entries = [...named];
  return namesReaching(
    [...checking, ...entries.filter(([, callees]) => callees === null).map(([f]) => f.name)],
    entries.flatMap(([f, callees]): [string, string[]][] => (callees ? [[f.name, callees]] : [])),
  );
}

/**
 * The syntax pass reads the tests the text cannot settle, and the functions they may lean on: any whose name
 * their code mentions, and so on (a call by name always spells the name). One that certainly checks nothing is no
 * check to the parser either, read or not. Their `def` lines, in order.
 */
function uncertainLines(
  needed: Fact[],
  byName: ReadonlyMap<string, Fact[]>,
  checksNothing: (f: Fact) => boolean,
): number[] {
  const followed = new Set<string>();
  for (let i = 0; i < needed.length; i++) {
    for (const [word] of needed[i]!.fn.body.matchAll(/\w+/g)) {
      if (followed.has(word)) continue;
      followed.add(word);
      for (const f of byName.get(word) ?? []) {
        if (!f.name.startsWith("test") && !checksNothing(f)) needed.push(f);
      }
    }
  }
  return needed.map((f) => f.line).sort((a, b) => a - b);
}

/**
 * The file's functions as the text shows them (comments and strings blanked), each judged with the rule's own
 * clauses to a fixpoint. Null when the text cannot see every function the parser would (a header it cannot
 * read, old Mac line ends) or the file has no test: then only the syntax pass can answer.
 */
export function testsByText(
  text: string,
  names: CheckingNames,
  code: string = maskStringsAndComments(text),
  blocks: Pick<PythonBlocks, "defs" | "lineStarts"> | null = pythonBlocks(text),
): TestText | null {
  if (!blocks) return null;
  // The masked code keeps every line break where the text has it.
  const file: TextLines = { text, code, starts: blocks.lineStarts };
  const functions = textFunctions(file, blocks.defs);
  // Every function the parser would see must be read here, or the answer means nothing.
  const defs = [...code.matchAll(/\bdef\s+(\w+)/g)];
  if (!functions || functions.length !== defs.length || !functions.some((f) => f.name.startsWith("test")))
    return null;
  const defined = new Set(defs.map((m) => m[1]!));
  const judge: Judge = {
    names,
    defined,
    checksByName: (name) => names.isCheckingCall(name) || names.imported.has(name.split(".")[0]!),
  };
  // Often every test checks by its own code: then no other function needs reading.
  const tests = functions.filter((fn) => fn.name.startsWith("test")).map((fn) => factOf(fn, judge));
  if (tests.every((f) => f.certain)) {
    const checking = new Set(tests.map((f) => f.name));
    return { allTestsCheck: true, checking, defined, unchecked: [], uncertain: [] };
  }
  const known = new Map(tests.map((f) => [f.fn, f]));
  const facts = functions.map((fn) => known.get(fn) ?? factOf(fn, judge));
  const checking = checkingNames(facts);
  const unsettled = facts.filter((f) => !checks(f, checking));
  const byName = byNameOf(unsettled);
  const named = namedFrom(unsettled, byName, text, judge);
  const mayCheck = mayCheckNames(named, checking);
  const checksNothing = (f: Fact): boolean => {
    const callees = named.get(f);
    return callees !== undefined && callees !== null && !callees.some((name) => mayCheck.has(name));
  };
  // A test that certainly checks nothing is settled here: reported if pytest collects it, else not.
  const unchecked: { name: string; line: number }[] = [];
  const settledByText = (f: Fact): boolean => {
    if (!checksNothing(f)) return false;
    const collected = collectedByText(f.fn.span, file);
    if (collected === null) return false;
    if (collected) unchecked.push({ name: f.name, line: f.line });
    return true;
  };
  const needed = unsettled.filter((f) => f.name.startsWith("test") && !settledByText(f));
  return {
    allTestsCheck: facts.filter((f) => f.name.startsWith("test")).every((f) => checks(f, checking)),
    checking,
    defined,
    unchecked,
    uncertain: uncertainLines(needed, byName, checksNothing),
  };
}
