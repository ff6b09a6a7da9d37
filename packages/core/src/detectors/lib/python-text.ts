// Small, careful readers of Python source text, until rules move onto a syntax tree.
import { type PythonBlocks, pythonBlocks } from "../../parse/python-blocks.js";
import { maskStringsAndComments, type PythonLiterals, pythonLiterals } from "../../parse/python-literals.js";
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
  perFile(file, "python-blocks", () =>
    pythonBlocks(file.text, { masked: maskedCode(file), strings: literalsOf(file).strings }),
  );

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
