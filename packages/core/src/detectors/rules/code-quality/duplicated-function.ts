// code-quality/duplicated-function: two functions with the same body, line for line (copy-paste), in the repo.
import { endLineOf, lineOf, type Syntax } from "../../../parse/syntax.js";
import { grammarOf, type Node } from "../../../parse/tree-sitter.js";
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

interface Fn {
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
  cut.sort((a, b) => a[0] - b[0]);
  let text = "";
  let at = body.startIndex;
  for (const [start, end] of cut) {
    if (start < at) continue;
    text += body.text.slice(at - body.startIndex, start - body.startIndex);
    at = end;
  }
  text += body.text.slice(at - body.startIndex);
  const lines = text.split("\n").filter((l) => !/^[\s{}]*$/.test(l));
  const normalised = text.replace(/\s+/g, " ").trim();
  const substantial =
    lines.length >= MIN_BODY_LINES ||
    (lines.length >= MIN_SHORT_BODY_LINES && normalised.length >= MIN_SHORT_BODY_CHARS);
  return substantial ? normalised : null;
}

/** A function of one file and the key of its body (language and normalised code): a fact for the index. */
interface Body {
  key: string;
  fn: Fn;
}

/** The file's functions with a substantial body, in tree order. */
function bodies(tree: Syntax, path: string): Body[] {
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
    const key = `${grammar === "tsx" ? "typescript" : grammar}\0${normalised}`;
    out.push({ key, fn: { path, name, line: lineOf(node), endLine: endLineOf(node) } });
  }
  return out;
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
 * Every group of two or more functions with the same body, in path and line order. Reading a file's functions
 * needs its tree: the plan keeps that to the functions around runs of lines that appear twice in the repo,
 * which any duplicated body holds.
 */
const duplicateIndex: FileIndex<Map<string, number[]>, Body[], Fn[][]> = {
  plan: (repo) => sharedWindows(repo.files.filter((f) => indexed(f.path))),
  collect(file, { syntaxAround }, sharing) {
    const lines = sharing.get(file.path);
    if (!lines || !indexed(file.path)) return null;
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
    return [...byBody.values()].filter((g) => g.length > 1);
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
    const groups = index as Fn[][];
    // Each copy after the first, paired with the first copy it repeats; one finding per file it copies from.
    const byOriginal = new Map<string, { copy: Fn; original: Fn }[]>();
    for (const group of groups) {
      for (const [i, copy] of group.entries()) {
        if (i === 0 || copy.path !== file.path) continue;
        const original = group.slice(0, i).find((o) => !pairedExport(o.path, copy.path));
        if (!original) continue;
        const pairs = byOriginal.get(original.path) ?? [];
        pairs.push({ copy, original });
        byOriginal.set(original.path, pairs);
      }
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
