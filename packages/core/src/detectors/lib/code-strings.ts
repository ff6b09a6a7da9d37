// A small lexer for repo-level rules (which see text, not syntax trees): where the string literals and comments of a
// Python or JS/TS file are, so a rule can find a call's closing parenthesis and the strings inside it.

export interface StringSpan {
  /** Offset of the opening quote (or prefix) and just past the closing quote. */
  start: number;
  end: number;
  /** The text between the quotes; template and f-string parts stay as written. */
  content: string;
}

export interface CodeText {
  strings: StringSpan[];
  /** Whether an offset is code: not inside a string or a comment. */
  isCode(offset: number): boolean;
  /** Offset of the `)` that closes the `(` at `open`, skipping strings and comments; -1 when unclosed. */
  closing(open: number): number;
}

export function scanCode(text: string, python: boolean): CodeText {
  const strings: StringSpan[] = [];
  const skipped: [number, number][] = [];
  let i = 0;
  while (i < text.length) {
    const ch = text[i]!;
    if (python ? ch === "#" : ch === "/" && text[i + 1] === "/") {
      const end = text.indexOf("\n", i);
      skipped.push([i, end === -1 ? text.length : end]);
      i = end === -1 ? text.length : end;
      continue;
    }
    if (!python && ch === "/" && text[i + 1] === "*") {
      const end = text.indexOf("*/", i + 2);
      const stop = end === -1 ? text.length : end + 2;
      skipped.push([i, stop]);
      i = stop;
      continue;
    }
    const prefix = python ? /^[rRbBuUfF]{0,2}("""|'''|"|')/.exec(text.slice(i, i + 5)) : null;
    const quote = python
      ? prefix && (i === 0 || !/\w/.test(text[i - 1]!))
        ? prefix[1]!
        : null
      : /["'`]/.test(ch)
        ? ch
        : null;
    if (!quote) {
      i++;
      continue;
    }
    const open = python ? i + prefix![0].length : i + 1;
    const end = closeString(text, open, quote, python);
    strings.push({ start: i, end, content: text.slice(open, Math.max(open, end - quote.length)) });
    skipped.push([i, end]);
    i = end;
  }
  // Spans are pushed in order and never overlap: a binary search finds the one around an offset.
  const spanAt = (offset: number): [number, number] | undefined => {
    let lo = 0;
    let hi = skipped.length - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      const [s, e] = skipped[mid]!;
      if (offset < s) hi = mid - 1;
      else if (offset >= e) lo = mid + 1;
      else return skipped[mid];
    }
    return undefined;
  };
  const isCode = (offset: number) => spanAt(offset) === undefined;
  return {
    strings,
    isCode,
    closing(open) {
      let depth = 0;
      for (let k = open; k < text.length; k++) {
        const span = spanAt(k);
        if (span) {
          k = span[1] - 1;
          continue;
        }
        if (text[k] === "(") depth++;
        else if (text[k] === ")" && --depth === 0) return k;
      }
      return -1;
    },
  };
}

/** Offset just past the closing quote (or the end of the line for an unclosed one-line string). */
function closeString(text: string, from: number, quote: string, python: boolean): number {
  const triple = quote.length === 3;
  let templateDepth = 0;
  for (let k = from; k < text.length; k++) {
    const ch = text[k]!;
    if (ch === "\\") {
      k++;
      continue;
    }
    if (quote === "`") {
      if (ch === "$" && text[k + 1] === "{") templateDepth++;
      else if (ch === "}" && templateDepth > 0) templateDepth--;
      else if (ch === "`" && templateDepth === 0) return k + 1;
      continue;
    }
    if (!triple && ch === "\n") return k;
    if (text.startsWith(quote, k)) return k + quote.length;
    if (!python && !triple && ch === "\n") return k;
  }
  return text.length;
}
