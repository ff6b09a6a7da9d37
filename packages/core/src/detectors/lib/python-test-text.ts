// Whether every pytest test of a Python file certainly checks something, read from the code text (comments and
// strings blanked): when it does, the syntax pass of testing/assertion-free-test could only agree, and the file
// need not be parsed. Every answer here errs towards "not certain"; the syntax pass decides those files.
import { maskStringsAndComments } from "./python-text.js";

interface TextFunction {
  name: string;
  /** The body's code (after the header's colon, to the dedent), comments and strings blanked. */
  body: string;
}

const DEF = /^([ \t\f]*)(?:async[ \t]+)?def[ \t]+(\w+)/;
/** A call through a plain dotted name; what precedes it is checked separately (see `cleanCalls`). */
const CALL = /((?:\w+[ \t]*\.[ \t]*)*\w+)[ \t]*\(/g;
const indentOf = (line: string): number => line.length - line.trimStart().length;

/** Functions of the file, with bodies cut by indentation; a body whose header or extent is unclear is cut short. */
function textFunctions(code: string): TextFunction[] {
  const lines = code.split(/\r\n?|\n/);
  const out: TextFunction[] = [];
  for (let i = 0; i < lines.length; i++) {
    const def = DEF.exec(lines[i]!);
    if (!def) continue;
    const indent = def[1]!.length;
    // The header ends at the first colon outside brackets (parameters and annotations may span lines).
    let depth = 0;
    let headerEnd: { line: number; col: number } | null = null;
    for (let l = i; l < lines.length && !headerEnd; l++) {
      const line = lines[l]!;
      for (let c = l === i ? def[0].length : 0; c < line.length; c++) {
        const ch = line[c]!;
        if (ch === "(" || ch === "[" || ch === "{") depth++;
        else if (ch === ")" || ch === "]" || ch === "}") depth--;
        else if (ch === ":" && depth === 0) {
          headerEnd = { line: l, col: c };
          break;
        }
      }
    }
    if (!headerEnd) continue;
    const body = [lines[headerEnd.line]!.slice(headerEnd.col + 1)];
    for (let l = headerEnd.line + 1; l < lines.length; l++) {
      const line = lines[l]!;
      if (line.trim() === "") continue;
      if (indentOf(line) <= indent) break;
      body.push(line);
    }
    out.push({ name: def[2]!, body: body.join("\n") });
  }
  return out;
}

/** Calls whose whole callee is a dotted name (not `x[0].f(`, `f(a).g(`, `"s".join(`, nor a `def`/`class` header). */
function cleanCalls(body: string): string[] {
  const out: string[] = [];
  for (const m of body.matchAll(CALL)) {
    // Right before the name: nothing that would make it part of a longer callee (non-ASCII names included).
    if (m.index > 0 && /[\p{L}\p{N}_)\]}"'.]/u.test(body[m.index - 1]!)) continue;
    let k = m.index - 1;
    while (k >= 0 && /\s/.test(body[k]!)) k--;
    if (k >= 0 && body[k] === ".") continue;
    if (/\b(def|class)$/.test(body.slice(Math.max(0, k - 5), k + 1))) continue;
    out.push(m[1]!.replace(/\s+/g, ""));
  }
  return out;
}

export interface CheckingNames {
  /** Whether a dotted call name checks by its name (`assertEqual`, `pytest.raises`, `check_output`). */
  isCheckingCall: (name: string) => boolean;
  /** Names imported from helper modules, as the syntax pass reads them. */
  imported: ReadonlySet<string>;
}

/** True only when each `def test...` of the file certainly checks: an assert, a raise, or a checking call. */
export function everyTestChecksByText(text: string, names: CheckingNames): boolean {
  const code = maskStringsAndComments(text);
  const functions = textFunctions(code);
  const tests = functions.filter((f) => f.name.startsWith("test"));
  // Every test the parser would see must be read here, or the answer means nothing.
  if (tests.length === 0 || tests.length !== [...code.matchAll(/\bdef\s+test/g)].length) return false;
  // Wider than the parser's list of definitions, never narrower: a name missing here would pass for unknown.
  const defined = new Set([...code.matchAll(/\bdef\s+(\w+)/g)].map((m) => m[1]!));
  const facts = functions.map((f) => ({
    name: f.name,
    certain: /\b(assert|raise)\b/.test(f.body),
    calls: cleanCalls(f.body),
  }));
  const checking = new Set<string>();
  const checks = (fact: (typeof facts)[number]): boolean =>
    fact.certain ||
    fact.calls.some((name) => {
      if (names.isCheckingCall(name) || names.imported.has(name.split(".")[0]!)) return true;
      const local = name.replace(/^(self|cls)\./, "");
      if (checking.has(local)) return true;
      // `self.check(...)` with no `def check` in the file: set up at run time, so it may check.
      return local !== name && /^\w+$/.test(local) && !defined.has(local);
    });
  for (let changed = true; changed; ) {
    changed = false;
    for (const fact of facts) {
      if (!checking.has(fact.name) && checks(fact)) {
        checking.add(fact.name);
        changed = true;
      }
    }
  }
  return facts.filter((f) => f.name.startsWith("test")).every(checks);
}
