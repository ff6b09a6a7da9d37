// Where a Python text's comments and string literals are, and the text with them blanked: what is left is code.
// Read by the rules (through python-text.ts, once per file) and by the block reader (python-blocks.ts).

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
  const bytes = Buffer.from(text, encoding);
  // Blanked as code units through a typed array (its fill is native; a buffer's own fill runs in JavaScript).
  const units = wide ? utf16Units(bytes) : new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.length);
  const blank = (from: number, to: number) => {
    for (let at = from; at < to; ) {
      const newline = text.indexOf("\n", at);
      const end = newline === -1 || newline > to ? to : newline;
      if (end > at) units.fill(SPACE, at, end);
      at = end + 1;
    }
  };
  for (let c = 0; c < comments.length; c += 2) blank(comments[c]!, comments[c + 1]!);
  for (let s = 0; s < strings.length; s += 4) blank(strings[s + 1]!, strings[s + 2]!);
  return Buffer.from(units.buffer, units.byteOffset, units.byteLength).toString(encoding);
}

const SPACE = 32;

/** The UTF-16LE bytes as code units (copied when they do not start on an even byte, as a view needs). */
const utf16Units = (bytes: Buffer): Uint16Array =>
  bytes.byteOffset % 2 === 0
    ? new Uint16Array(bytes.buffer, bytes.byteOffset, bytes.length / 2)
    : new Uint16Array(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.length));

/** A character past U+00FF: the text needs two bytes a character. */
const WIDE_CHARACTER = /[\u0100-\uffff]/;
