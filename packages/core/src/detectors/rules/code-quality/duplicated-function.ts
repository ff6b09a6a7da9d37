// code-quality/duplicated-function: two functions with the same body, line for line (copy-paste), in the repo.
import { digest } from "../../../digest.js";
import type { DefSpan } from "../../../parse/python-blocks.js";
import { endLineOf, lineOf, type Syntax } from "../../../parse/syntax.js";
import { grammarOf, type Node } from "../../../parse/tree-sitter.js";
import { countLines } from "../../../snapshot/source-file.js";
import type { SourceFile } from "../../../snapshot/types.js";
import { headerColon, literalsOf, maskedCode, pythonBlocksOf } from "../../lib/python-text.js";
import { isTestPath } from "../../repo-view.js";
import type { FileDetector, FileIndex, RawFinding } from "../../types.js";

/** A body this long is worth one home; a shorter one counts when its lines are long (chained pandas calls). */
const MIN_BODY_LINES = 6;
const MIN_SHORT_BODY_LINES = 3;
const MIN_SHORT_BODY_CHARS = 140;
/** Build output and copies of other people's code: duplicates there are not the learner's to remove. */
const NOT_SOURCE = /(^|\/)(dist|build|out|coverage|site-packages|\.next)\/|\.d\.[cm]?ts$|\.pyi$|\.min\.js$/;
const PY_FUNCTION = new Set(["function_definition"]);
const JS_NAMED = new Set(["function_declaration", "generator_function_declaration", "method_definition"]);
const JS_VALUES = new Set(["function_expression", "arrow_function", "generator_function"]);

export interface Fn {
  path: string;
  name: string;
  line: number;
  endLine: number;
}

/** The function's name: its own, or the variable or property it is assigned to; null for anonymous callbacks. */
function nameOf(node: Node): string | null {
  if (PY_FUNCTION.has(node.type) || JS_NAMED.has(node.type))
    return node.childForFieldName("name")?.text ?? null;
  const parent = node.parent;
  if (parent?.type === "variable_declarator") return parent.childForFieldName("name")?.text ?? null;
  if (parent?.type === "pair") return parent.childForFieldName("key")?.text ?? null;
  return null;
}

/** The body's code with comments (and a Python docstring) removed and whitespace collapsed; null when too short. */
function normalisedBody(body: Node): string | null {
  const cut: [number, number][] = [];
  for (const c of body.descendantsOfType("comment")) if (c) cut.push([c.startIndex, c.endIndex]);
  const first = body.namedChildren.find((c) => c !== null && c.type !== "comment");
  if (first?.type === "expression_statement" && first.namedChildren[0]?.type === "string") {
    cut.push([first.startIndex, first.endIndex]);
  }
  return substantial(withoutSpans(body.text, body.startIndex, cut));
}

/** `text` (which starts at offset `at`) without the spans, given as offsets in the same file. */
function withoutSpans(text: string, at: number, spans: readonly [number, number][]): string {
  const start = at;
  let out = "";
  for (const [from, to] of [...spans].sort((a, b) => a[0] - b[0])) {
    if (from < at) continue;
    out += text.slice(at - start, from - start);
    at = to;
  }
  return out + text.slice(at - start);
}

/** The code collapsed to single spaces when it is long enough to count (see MIN_BODY_LINES); else null. */
function substantial(code: string): string | null {
  const lines = linesWithCode(code, MIN_BODY_LINES);
  if (lines < MIN_SHORT_BODY_LINES) return null;
  const normalised = code.replace(/\s+/g, " ").trim();
  return lines >= MIN_BODY_LINES || normalised.length >= MIN_SHORT_BODY_CHARS ? normalised : null;
}

/** How many lines of `code` hold more than blanks and braces, counted up to `enough` (no line is split off). */
function linesWithCode(code: string, enough: number): number {
  let count = 0;
  let holdsCode = false;
  for (let i = 0; i <= code.length; i++) {
    const c = i < code.length ? code.charCodeAt(i) : 10;
    if (c === 10) {
      if (holdsCode && ++count >= enough) return count;
      holdsCode = false;
    } else if (!holdsCode && !isBlankOrBrace(c)) holdsCode = true;
  }
  return count;
}

/** A character of `[\s{}]`, by its code. */
const isBlankOrBrace = (c: number): boolean =>
  c === 32 || (c >= 9 && c <= 13) || c === 123 || c === 125 || (c > 127 && /\s/.test(String.fromCharCode(c)));

/** A function of one file and the key of its body (language and normalised code): a fact for the index. */
export interface Body {
  key: string;
  fn: Fn;
}

/** The file's functions with a substantial body, in tree order. */
export function bodies(tree: Syntax, path: string): Body[] {
  const { grammar } = tree;
  const types = grammar === "python" ? [...PY_FUNCTION] : [...JS_NAMED, ...JS_VALUES];
  const out: Body[] = [];
  for (const node of tree.root.descendantsOfType(types)) {
    if (!node || !tree.complete(node)) continue;
    const body = node.childForFieldName("body");
    const name = nameOf(node);
    if (!body || !name || (body.type !== "block" && body.type !== "statement_block")) continue;
    const normalised = normalisedBody(body);
    if (!normalised) continue;
    // Compare within one language only: a .js next to its .ts is usually compiled output.
    out.push({
      key: keyOf(grammar, normalised),
      fn: { path, name, line: lineOf(node), endLine: endLineOf(node) },
    });
  }
  return out;
}

/** A body's key as the index keeps it: short and the same length for every body (facts cross threads). */
const keyOf = (grammar: string, normalised: string): string =>
  digest("sha1", `${grammar === "tsx" ? "typescript" : grammar}\0${normalised}`, "base64");

const DOC_PREFIX = /^[rRbBuUfF]{0,2}$/;
const DEF_NAME = /\bdef[ \t]+([^\s(:]+)/;

/**
 * A Python file's functions read from its text, keyed exactly as `bodies` keys them from a tree (comments cut,
 * the docstring cut, whitespace collapsed), so most files need no parse. `unclear` lists the `def` lines whose
 * body the text cannot settle (a first statement that starts with a string and goes on, a header it cannot
 * close): those are read from a tree. Null when the file's layout is unclear.
 */
export function textBodies(file: SourceFile): { bodies: Body[]; unclear: number[] } | null {
  const blocks = pythonBlocksOf(file);
  if (!blocks) return null;
  const { text } = file;
  const code = maskedCode(file);
  const { comments, strings } = literalsOf(file);
  const starts = blocks.lineStarts;
  const lineEnd = (line: number): number => (line < starts.length ? starts[line]! - 1 : text.length);
  const bodies: Body[] = [];
  const unclear: number[] = [];
  for (const def of blocks.defs) {
    const body = textBody(def);
    if (body === undefined) unclear.push(def.line);
    else if (body) bodies.push(body);
  }
  return { bodies, unclear };

  function textBody(def: DefSpan): Body | null | undefined {
    const keyword = code.indexOf("def", starts[def.line - 1]);
    const name = DEF_NAME.exec(text.slice(keyword, lineEnd(def.line)))?.[1];
    const colon = headerColon(code, keyword + 3);
    if (!name || colon === -1) return undefined;
    const from = colon + 1;
    const to = lineEnd(def.end);
    if (to <= from) return undefined;
    const cut: [number, number][] = [];
    for (let c = firstAtOrAfter(comments, 2, from); c < comments.length && comments[c]! < to; c += 2)
      cut.push([comments[c]!, comments[c + 1]!]);
    // The docstring: a first statement that is one string literal and nothing else.
    let first = from;
    while (first < to && /\s/.test(code[first]!)) first++;
    let quote = first;
    while (quote < to && /[rRbBuUfF]/.test(code[quote]!)) quote++;
    if (code[quote] === '"' || code[quote] === "'") {
      if (!DOC_PREFIX.test(code.slice(first, quote))) return undefined;
      const s = firstAtOrAfter(strings, 4, quote);
      if (strings[s] !== quote || strings[s + 2] === strings[s + 3]) return undefined;
      let after = strings[s + 3]!;
      while (after < to && (code[after] === " " || code[after] === "\t" || code[after] === "\f")) after++;
      if (after < to && code[after] !== "\n" && code[after] !== "\r") return undefined;
      cut.push([first, strings[s + 3]!]);
    }
    const normalised = substantial(withoutSpans(text.slice(from, to), from, cut));
    if (!normalised) return null;
    return {
      key: keyOf("python", normalised),
      fn: { path: file.path, name, line: def.line, endLine: def.end },
    };
  }
}

/** Each copy after the first of a group of same bodies, by its file: where the check looks for a file's copies. */
type CopiesByPath = Map<string, { group: Fn[]; i: number }[]>;

/** Index (a multiple of `stride`) of the first entry of a flat list of tuples whose first value is >= `offset`. */
function firstAtOrAfter(list: readonly number[], stride: number, offset: number): number {
  let lo = 0;
  let hi = list.length / stride;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (list[mid * stride]! < offset) lo = mid + 1;
    else hi = mid;
  }
  return lo * stride;
}

/** Lines that say nothing on their own: blank, comments, lone brackets, `else:`, `return`, `pass`. */
const TRIVIAL_LINE = /^(#.*|\/\/.*|[{}()[\],;]*|else:|try:|pass|return|break|continue|\}\s*else\s*\{)$/;
const WINDOW = MIN_SHORT_BODY_LINES;

/**
 * Lines where a window of WINDOW consecutive non-trivial lines starts that appears twice anywhere (in another file
 * or in the same one), by path: a duplicated body of that size holds such a window, so its function is found
 * by parsing the code around these lines only.
 */
function sharedWindows(files: readonly { path: string; lines: string[] }[]): Map<string, number[]> {
  // Lines are numbered once (the same text, the same number): a window's key is then three short numbers.
  const lineIds = new Map<string, number>();
  const seen = new Map<string, { path: string; line: number } | null>();
  const sharing = new Map<string, number[]>();
  const mark = (path: string, line: number) => {
    const lines = sharing.get(path) ?? [];
    lines.push(line);
    sharing.set(path, lines);
  };
  for (const file of files) {
    const ids: number[] = [];
    const at: number[] = [];
    for (let i = 0; i < file.lines.length; i++) {
      const text = file.lines[i]!.trim();
      if (TRIVIAL_LINE.test(text)) continue;
      let id = lineIds.get(text);
      if (id === undefined) {
        id = lineIds.size;
        lineIds.set(text, id);
      }
      ids.push(id);
      at.push(i + 1);
    }
    for (let i = 0; i + WINDOW <= ids.length; i++) {
      let key = String(ids[i]);
      for (let k = 1; k < WINDOW; k++) key += `,${ids[i + k]}`;
      const first = seen.get(key);
      if (first === undefined) seen.set(key, { path: file.path, line: at[i]! });
      else {
        mark(file.path, at[i]!);
        if (first !== null) mark(first.path, first.line);
        seen.set(key, null);
      }
    }
  }
  return sharing;
}

/** Files whose functions the index reads: source files with a grammar (tests and build output aside). */
const indexed = (path: string): boolean =>
  grammarOf(path) !== null && !isTestPath(path) && !NOT_SOURCE.test(path);

/**
 * The groups of two or more functions with the same body (in path and line order), by the file of each later
 * copy. Reading a file's functions needs its tree: the plan keeps that to the functions around runs of lines that
 * appear twice in the repo, which any duplicated body holds.
 */
const duplicateIndex: FileIndex<Map<string, number[]>, Body[], CopiesByPath> = {
  // Python bodies are read from text (see `textBodies`); the plan is for the other languages.
  plan: (repo) => sharedWindows(repo.files.filter((f) => indexed(f.path) && grammarOf(f.path) !== "python")),
  collect(file, { syntax, syntaxAround }, sharing) {
    if (!indexed(file.path)) return null;
    // A body that counts has three lines at least, under its `def`.
    if (countLines(file.text) < MIN_SHORT_BODY_LINES + 1) return null;
    if (grammarOf(file.path) === "python") {
      const read = textBodies(file);
      if (!read) {
        const tree = syntax();
        return tree ? bodies(tree, file.path) : null;
      }
      if (read.unclear.length === 0) return read.bodies;
      const unclear = new Set(read.unclear);
      const tree = syntaxAround(read.unclear, { functionsOnly: true });
      const settled = tree ? bodies(tree, file.path).filter((b) => unclear.has(b.fn.line)) : [];
      return [...read.bodies, ...settled].sort((a, b) => a.fn.line - b.fn.line);
    }
    const lines = sharing.get(file.path);
    if (!lines) return null;
    const tree = syntaxAround(lines, { functionsOnly: true });
    return tree ? bodies(tree, file.path) : null;
  },
  join(facts) {
    const byBody = new Map<string, Fn[]>();
    for (const { key, fn } of facts.flat()) {
      const fns = byBody.get(key) ?? [];
      fns.push(fn);
      byBody.set(key, fns);
    }
    // Indexed by the file of each later copy: the check asks for every file, and reading every group for each
    // would cost files times groups on a large repo.
    const byPath: CopiesByPath = new Map();
    for (const group of byBody.values()) {
      for (let i = 1; i < group.length; i++) {
        const copies = byPath.get(group[i]!.path);
        if (copies) copies.push({ group, i });
        else byPath.set(group[i]!.path, [{ group, i }]);
      }
    }
    return byPath;
  },
};

/** `analysis.ipynb` and its `analysis.py` export (jupytext, nbconvert) hold the same code on purpose. */
const stem = (path: string) => path.replace(/\.(ipynb|py)$/, "");
const pairedExport = (a: string, b: string) => a !== b && stem(a) === stem(b);

export const duplicatedFunction: FileDetector = {
  scope: "file",
  languages: ["python", "javascript", "typescript"],
  prefilter: /\bdef\s|\bfunction\b|=>|\)\s*\{/,
  appliesToPath: (path) => !isTestPath(path) && !NOT_SOURCE.test(path),
  meta: {
    id: "code-quality/duplicated-function",
    area: "code-quality",
    level: "informative",
    title: "The same function body appears twice",
    why: "Copied code has to be fixed twice: when a bug is found in one copy, the other keeps it, and the two drift apart. One function, imported where it is needed, keeps a single place to change and to test.",
    tryThis:
      "Keep one copy in a module both places can import (for example utils.py or lib/), delete the other, and run the code paths that used each copy.",
    learnMore: [
      "https://docs.python.org/3/tutorial/modules.html",
      "https://refactoring.guru/smells/duplicate-code",
    ],
    example: {
      language: "python",
      file: "eval.py",
      bad: "# train.py and eval.py each define:\ndef load_data(path):\n    ...",
      good: "# data.py\ndef load_data(path):\n    ...\n\n# train.py and eval.py\nfrom data import load_data",
    },
    goal: "Remove copy-pasted functions: each function lives once, in a module that the other files import",
  },
  index: duplicateIndex,
  check(file, { index }) {
    // Each copy after the first, paired with the first copy it repeats; one finding per file it copies from.
    const byOriginal = new Map<string, { copy: Fn; original: Fn }[]>();
    for (const { group, i } of (index as CopiesByPath).get(file.path) ?? []) {
      const copy = group[i]!;
      const original = group.slice(0, i).find((o) => !pairedExport(o.path, copy.path));
      if (!original) continue;
      const pairs = byOriginal.get(original.path) ?? [];
      pairs.push({ copy, original });
      byOriginal.set(original.path, pairs);
    }
    const found: RawFinding[] = [];
    for (const [path, pairs] of byOriginal) {
      pairs.sort((a, b) => a.copy.line - b.copy.line);
      const { copy, original } = pairs[0]!;
      const where = path === file.path ? `on line ${original.line}` : `in ${path} (line ${original.line})`;
      const more =
        pairs.length > 1
          ? `; ${pairs.length - 1} more function${pairs.length > 2 ? "s" : ""} here repeat${pairs.length > 2 ? "" : "s"} ${path === file.path ? "others in this file" : path} too`
          : "";
      found.push({
        file: file.path,
        line: copy.line,
        endLine: copy.endLine,
        message: `\`${copy.name}\` repeats the body of \`${original.name}\` ${where} line for line${more}.`,
      });
    }
    return found.sort((a, b) => a.line! - b.line!);
  },
};
