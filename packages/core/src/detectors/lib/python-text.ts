// Small, careful readers of Python source text, until rules move onto a syntax tree.
import { type PythonBlocks, pythonBlocks } from "../../parse/python-blocks.js";
import type { SourceFile } from "../../snapshot/types.js";
import { perFile } from "./memo.js";

/** The line without its `#` comment, leaving `#` inside string literals alone. */
export function stripComment(line: string): string {
  let quote: string | null = null;
  for (let i = 0; i < line.length; i++) {
    const ch = line[i];
    if (quote) {
      if (ch === "\\") i++;
      else if (ch === quote) quote = null;
    } else if (ch === '"' || ch === "'") quote = ch;
    else if (ch === "#") return line.slice(0, i);
  }
  return line;
}

export const indentOf = (line: string): number => line.length - line.trimStart().length;

/**
 * The text between the parenthesis that opens at (line, col) and its match, across lines.
 * Returns null when the call is not closed (broken code: say nothing rather than guess).
 */
export function callArguments(
  lines: readonly string[],
  lineIndex: number,
  openCol: number,
): { text: string; endLine: number } | null {
  let depth = 0;
  let quote: string | null = null;
  const parts: string[] = [];
  for (let l = lineIndex; l < lines.length && l < lineIndex + 200; l++) {
    const line = lines[l]!;
    const start = l === lineIndex ? openCol : 0;
    for (let i = start; i < line.length; i++) {
      const ch = line[i]!;
      if (quote) {
        if (ch === "\\") i++;
        else if (ch === quote) quote = null;
        continue;
      }
      if (ch === '"' || ch === "'") quote = ch;
      else if (ch === "#") break;
      else if (ch === "(") depth++;
      else if (ch === ")") {
        depth--;
        if (depth === 0) {
          parts.push(line.slice(l === lineIndex ? openCol + 1 : 0, i));
          return { text: parts.join("\n"), endLine: l + 1 };
        }
      }
    }
    parts.push(line.slice(l === lineIndex ? openCol + 1 : 0));
    quote = null;
  }
  return null;
}

/**
 * Where a Python text's comments and string literals are, in order of position, as flat lists of offsets:
 * `comments` holds [start, end) pairs (`#` to the line's end); `strings` holds [quote, contentStart, contentEnd,
 * end) quadruples, from the opening quote (any prefix such as `r` or `f` sits before it) to past the closing one.
 * An unclosed one-line string ends at its line.
 */
export interface PythonLiterals {
  comments: number[];
  strings: number[];
}

export function pythonLiterals(text: string): PythonLiterals {
  const comments: number[] = [];
  const strings: number[] = [];
  const n = text.length;
  // Only quotes and `#` change state: jump from one to the next (`test`, not `exec`: no match object each time).
  const special = /["'#]/g;
  while (special.test(text)) {
    const i = special.lastIndex - 1;
    const quote = text.charCodeAt(i);
    if (quote === 35 /* # */) {
      const end = text.indexOf("\n", i);
      const stop = end === -1 ? n : end;
      comments.push(i, stop);
      special.lastIndex = stop;
      continue;
    }
    const triple = text.charCodeAt(i + 1) === quote && text.charCodeAt(i + 2) === quote;
    const size = triple ? 3 : 1;
    // Char codes, not one-character strings: this loop reads every character inside every string.
    let j = i + size;
    while (j < n) {
      const c = text.charCodeAt(j);
      // An escaped character is skipped; so is an escaped line break, LF or CRLF (Python reads both as one).
      if (c === 92 /* \\ */) j += text.charCodeAt(j + 1) === 13 && text.charCodeAt(j + 2) === 10 ? 3 : 2;
      else if (c === quote && (!triple || closesTriple(text, j, quote))) break;
      else if (!triple && c === 10) break;
      else j++;
    }
    const end = Math.min(j, n);
    const closed = end < n && text.charCodeAt(end) === quote && (!triple || closesTriple(text, end, quote));
    const after = closed ? end + size : end;
    strings.push(i, i + size, end, after);
    special.lastIndex = after;
  }
  return { comments, strings };
}

/** Whether the quote at `at` is the first of three. */
const closesTriple = (text: string, at: number, quote: number): boolean =>
  text.charCodeAt(at + 1) === quote && text.charCodeAt(at + 2) === quote;

/**
 * The text with every comment and the inside of every string literal blanked to spaces (newlines and quotes
 * kept, so lines and columns still match): what is left is code.
 */
export function maskStringsAndComments(text: string, literals = pythonLiterals(text)): string {
  const { comments, strings } = literals;
  // The text as bytes, blanked in place and read back: one byte a character when every character fits in one
  // (most source), else two. Much less to copy and collect than a string built from pieces.
  const wide = WIDE_CHARACTER.test(text);
  const encoding = wide ? "utf16le" : "latin1";
  const width = wide ? 2 : 1;
  const bytes = Buffer.from(text, encoding);
  const blank = (from: number, to: number) => {
    for (let at = from; at < to; ) {
      const newline = text.indexOf("\n", at);
      const end = newline === -1 || newline > to ? to : newline;
      if (end > at) bytes.fill(" ", at * width, end * width, encoding);
      at = end + 1;
    }
  };
  for (let c = 0; c < comments.length; c += 2) blank(comments[c]!, comments[c + 1]!);
  for (let s = 0; s < strings.length; s += 4) blank(strings[s + 1]!, strings[s + 2]!);
  return bytes.toString(encoding);
}

/** A character past U+00FF: the text needs two bytes a character. */
const WIDE_CHARACTER = /[\u0100-\uffff]/;

/** The file's comments and string literals (see `pythonLiterals`), found once per file. */
export const literalsOf = (file: SourceFile): PythonLiterals =>
  perFile(file, "python-literals", () => pythonLiterals(file.text));

/** The file's code with strings and comments blanked (see `maskStringsAndComments`), worked out once per file. */
export const maskedCode = (file: SourceFile): string =>
  perFile(file, "masked-code", () => maskStringsAndComments(file.text, literalsOf(file)));

/**
 * Where a `def` or `class` header ends in masked code: the first `:` from `from` on outside brackets (parameters
 * and annotations may span lines); -1 when there is none.
 */
export function headerColon(code: string, from: number): number {
  let depth = 0;
  for (let i = from; i < code.length; i++) {
    const ch = code[i];
    if (ch === "(" || ch === "[" || ch === "{") depth++;
    else if (ch === ")" || ch === "]" || ch === "}") depth--;
    else if (ch === ":" && depth === 0) return i;
  }
  return -1;
}

/** The file's block structure (see `pythonBlocks`), read once while the pass is on the file. */
export const pythonBlocksOf = (file: SourceFile): PythonBlocks | null =>
  perFile(file, "python-blocks", () => pythonBlocks(file.text));

/** `maskedCode` by lines, at the indices of the file's `lines` (split at "\n": a CRLF line keeps its "\r"). */
export const maskedLines = (file: SourceFile): string[] =>
  perFile(file, "masked-lines", () => maskedCode(file).split("\n"));

/** The 1-based lines where `pattern` (global) matches the file's code, strings and comments aside. */
export const codeLinesMatching = (file: SourceFile, pattern: RegExp): number[] =>
  linesMatching(maskedCode(file), pattern);

/** The 1-based lines where `pattern` (global) matches `code`, each once. */
export function linesMatching(code: string, pattern: RegExp): number[] {
  const lines: number[] = [];
  let line = 1;
  let counted = 0;
  for (const m of code.matchAll(pattern)) {
    for (let i = code.indexOf("\n", counted); i !== -1 && i < m.index; i = code.indexOf("\n", i + 1)) line++;
    counted = m.index;
    if (lines[lines.length - 1] !== line) lines.push(line);
  }
  return lines;
}
