// Small, careful readers of Python source text, until rules move onto a syntax tree.

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
 * The text with every comment and the inside of every string literal blanked to spaces (newlines and quotes
 * kept, so lines and columns still match): what is left is code. An unclosed one-line string ends at its line.
 */
export function maskStringsAndComments(text: string): string {
  const out = text.split("");
  const blank = (from: number, to: number) => {
    for (let k = from; k < to; k++) if (out[k] !== "\n") out[k] = " ";
  };
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (ch === "#") {
      const end = text.indexOf("\n", i);
      const stop = end === -1 ? text.length : end;
      blank(i, stop);
      i = stop;
    } else if (ch === '"' || ch === "'") {
      const triple = text.startsWith(ch.repeat(3), i);
      const close = triple ? ch.repeat(3) : ch;
      let j = i + close.length;
      while (j < text.length) {
        if (text[j] === "\\") j += 2;
        else if (text.startsWith(close, j)) break;
        else if (!triple && text[j] === "\n") break;
        else j++;
      }
      blank(i + close.length, Math.min(j, text.length));
      i = text.startsWith(close, j) ? j + close.length - 1 : j;
    }
  }
  return out.join("");
}
