// Python's block structure read from indentation, so a rule that only needs the code around a few lines can have
// tree-sitter parse those lines' enclosing functions (and their class and function headers) instead of the file.
// Tree-sitter's `includedRanges` keeps true rows and columns, so findings in such a tree need no mapping back.
import { lineStarts } from "../snapshot/source-file.js";
import { maskStringsAndComments, pythonLiterals } from "./python-literals.js";
import type { TextRange } from "./tree-sitter.js";

/** A span of 1-based lines, both ends included. */
export interface LineSpan {
  start: number;
  end: number;
}

/** What a region parse covers: whole statements (every node inside is as in a full parse) and the headers above them. */
export interface Region {
  /** Whole statements, sorted, not nested: nodes inside these spans are complete. */
  units: LineSpan[];
  /** The lines to parse: the units and the headers of the `def`s and `class`es around them, sorted and merged. */
  ranges: LineSpan[];
}

type Kind = "def" | "class" | "clause" | "other";

interface Block {
  /** First line: the first decorator of a decorated `def` or `class`. */
  start: number;
  /** The line of the keyword (`def`, `class`, `if`...): `start` but for a decorated definition. */
  keyword: number;
  /** Indentation of the first statement of the body; null for a body on the header's line. */
  bodyIndent: number | null;
  /** Last line of the header (the line before the first statement of the body), or `end` when it has none. */
  headerEnd: number;
  /** Last line before the next statement at this indentation or less. */
  end: number;
  indent: number;
  kind: Kind;
  parent: Block | null;
  /** For an `else`/`elif`/`except`/`finally` clause, the statement its chain continues (`if`, `try`, `for`...). */
  chainHead: Block | null;
  /** For a statement with clauses (`try` and its `except`s), the last line of its last clause; else `end`. */
  chainEnd: number;
  /** The last statement of its body read so far (while reading). */
  lastChild: Block | null;
}

export interface RegionOptions {
  /** Lines outside every function add nothing (a rule about functions): no top-level statement is parsed for them. */
  functionsOnly?: boolean;
}

/** A `def` as the text shows it (lines 1-based). */
export interface DefSpan {
  /** The line of the `def` keyword (after any decorators). */
  line: number;
  /** The first line: its first decorator's, else `line`. */
  start: number;
  /** The statement whose body it is (a class, a function, an `if`...), from its first decorator; null at module level. */
  parent: {
    kind: "def" | "class" | "clause" | "other";
    line: number;
    start: number;
  } | null;
  /**
   * The function's last line as tree-sitter ends it: its last line of code, or the last of the comment lines right
   * after it that are indented at least as deep as its body (blank lines between them aside).
   */
  end: number;
}

export interface PythonBlocks {
  lineCount: number;
  /** Where each line starts in the text (after each "\n"): index line - 1. */
  lineStarts: ArrayLike<number>;
  /** Every `def`, nested ones and methods included, in order of their lines. */
  defs: readonly DefSpan[];
  /** Each `def`'s header: from its first decorator to the line before its body (parameters, annotations, comments). */
  defHeaders: readonly LineSpan[];
  /** Top-level statements (`try` with its clauses as one), each to the line before the next: a span at least the node's. */
  statements: readonly (LineSpan & {
    /** The last line holding code: the node runs at least to here (comments and blank lines after it may follow). */
    codeEnd: number;
    definition: boolean;
  })[];
  /**
   * For a clause (`except`, `else`, `elif`, `finally`) whose keyword starts line `line`: the keyword line of the
   * statement its chain continues (the `try` of an `except`). Null for any other line.
   */
  chainHeadOf(line: number): number | null;
  /**
   * The region around these lines: each line's innermost function, with the headers of the functions and classes
   * it sits in; or, where an `if`/`try`/loop sits between, the whole top-level statement. Null when the file's
   * layout is unclear (an unclosed bracket or string) or the region would be most of the file: parse it all.
   */
  regionAround(lines: readonly number[], options?: RegionOptions): Region | null;
}

// Read at a statement's first character (sticky).
const CLAUSE = /(?:else|elif|except|finally)\b/y;
const DEF = /(?:async[ \t]+)?def\b/y;
const CLASS = /class\b/y;
/** A line's leading whitespace as `trimStart` sees it (any but the line break). */
const LEADING_SPACE = /[^\S\n]*/y;

/** The kind of the statement whose code starts at `at`, told by its first letter before any expression. */
function kindAt(text: string, at: number): Kind {
  switch (text.charCodeAt(at)) {
    case 97: // a(sync def)
    case 100: // d(ef)
      return matchesAt(DEF, text, at) ? "def" : "other";
    case 99: // c(lass)
      return matchesAt(CLASS, text, at) ? "class" : "other";
    case 101: // e(lse), e(lif), e(xcept)
    case 102: // f(inally)
      return matchesAt(CLAUSE, text, at) ? "clause" : "other";
    default:
      return "other";
  }
}

/** Whether `pattern` (sticky) matches `text` at `at`. */
function matchesAt(pattern: RegExp, text: string, at: number): boolean {
  pattern.lastIndex = at;
  return pattern.test(text);
}

/** Where the code of the line starting at `from` starts: past its leading whitespace. */
const codeStart = (text: string, from: number): number => indentAt(text, from).codeStart;

/** `at`, or past more leading whitespace when another kind (`\r`, `\v`, a no-break space...) sits there. */
function afterSpace(text: string, at: number): number {
  const c = text.charCodeAt(at);
  // Printable ASCII and the line break end it; only other characters may be whitespace.
  if ((c > 32 && c < 127) || c === 10 || Number.isNaN(c)) return at;
  LEADING_SPACE.lastIndex = at;
  LEADING_SPACE.test(text);
  return LEADING_SPACE.lastIndex;
}

/** Past this share of the file, parsing the whole file costs about the same and risks nothing. */
const MOST_OF_FILE = 0.6;

/** Width of the leading whitespace of the line starting at `from`, tabs to the next multiple of 8 as Python reads them. */
function indentWidth(text: string, from: number): number {
  return indentAt(text, from).width;
}

/**
 * A line's indentation width (see `indentWidth`), and where its code starts (see `codeStart`), in one reading. The
 * same object every time, read at once: the block reader asks for every statement.
 */
const indent = { width: 0, codeStart: 0 };

function indentAt(text: string, from: number): typeof indent {
  let width = 0;
  let i = from;
  for (; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 32) width++;
    else if (c === 9) width = (Math.floor(width / 8) + 1) * 8;
    else if (c === 12) width = 0;
    else break;
  }
  indent.width = width;
  indent.codeStart = afterSpace(text, i);
  return indent;
}

/** What each line (at index line - 1) is to the block reader. Typed arrays: a large file has a million lines. */
export interface LineKinds {
  /** 1 when it starts a statement: not inside brackets, a string or a backslash continuation, and holding code. */
  starts: Uint8Array;
  /** 1 when it holds code: anything but blanks and a comment (a line inside a string counts). */
  code: Uint8Array;
  /** Where it starts in the text (after the previous "\n"): the text's `lineStarts`. */
  offsets: ArrayLike<number>;
}

/** The code the block reader reads besides the text: the text with comments and strings blanked, and the strings. */
export interface PythonCode {
  /** `maskStringsAndComments`: the same length and lines as the text. */
  masked: string;
  /** `pythonLiterals(text).strings`: [quote, contentStart, contentEnd, end) quadruples. */
  strings: readonly number[];
}

/** Brackets and backslashes: in masked code, every one is code (those in strings and comments are blanked). */
const BRACKET_OR_BACKSLASH = /[()[\]{}\\]/g;

/**
 * Null when the file ends inside a bracket or a string, or a one-line string runs into a line break (broken code:
 * a region could not be trusted). Native searches jump to what changes a line's kind (a bracket, a backslash, a
 * string over several lines), so the loop in JavaScript runs per line and per bracket, not per character.
 */
export function lineKinds(text: string, { masked, strings }: PythonCode): LineKinds | null {
  const offsets = lineStarts(text);
  const lineCount = offsets.length;
  const lineOf = (at: number, from: number): number => {
    let line = from;
    while (line + 1 < lineCount && offsets[line + 1]! <= at) line++;
    return line;
  };
  // 1 for a line (index line - 1) that goes on with the statement before it: one that starts inside a string,
  // inside brackets, or after a backslash at the end of the line before.
  const continues = new Uint8Array(lineCount);
  // Lines that start inside a string hold code (their string), whatever the masked line shows.
  const inString = new Uint8Array(lineCount);
  let line = 0;
  for (let s = 0; s < strings.length; s += 4) {
    // An unclosed string ends where its line or the file does, with no closing quote.
    if (strings[s + 3] === strings[s + 2]) return null;
    line = lineOf(strings[s]!, line);
    const last = lineOf(strings[s + 2]!, line);
    for (let l = line + 1; l <= last; l++) inString[l] = continues[l] = 1;
    line = last;
  }
  let depth = 0;
  line = 0;
  BRACKET_OR_BACKSLASH.lastIndex = 0;
  while (BRACKET_OR_BACKSLASH.test(masked)) {
    const at = BRACKET_OR_BACKSLASH.lastIndex - 1;
    const next = lineOf(at, line);
    // The lines from here to the bracket's start at the depth the last one left.
    if (depth > 0) for (let l = line + 1; l <= next; l++) continues[l] = 1;
    line = next;
    switch (masked.charCodeAt(at)) {
      case 40: // (
      case 91: // [
      case 123: // {
        depth++;
        break;
      case 92: {
        // A backslash at the end of a line (LF or CRLF) joins the next one to it.
        const after = masked.charCodeAt(at + 1);
        if ((after === 10 || (after === 13 && masked.charCodeAt(at + 2) === 10)) && line + 1 < lineCount)
          continues[line + 1] = 1;
        break;
      }
      default: // ) ] }
        if (depth > 0) depth--;
    }
  }
  if (depth > 0) return null;
  const starts = new Uint8Array(lineCount);
  const code = new Uint8Array(lineCount);
  const n = masked.length;
  for (let l = 0; l < lineCount; l++) {
    let holds = inString[l] === 1;
    if (!holds) {
      // Code is anything on the masked line but blanks, tabs, form feeds and carriage returns.
      // Read within the text only: a read past its end (the empty line after a final line break) would have V8
      // drop this function's optimized code.
      let at = offsets[l]!;
      let c = at < n ? masked.charCodeAt(at) : 10;
      while (c === 32 || c === 9 || c === 12 || c === 13) c = ++at < n ? masked.charCodeAt(at) : 10;
      holds = c !== 10;
    }
    code[l] = holds ? 1 : 0;
    starts[l] = holds && !continues[l] ? 1 : 0;
  }
  return { starts, code, offsets };
}

/**
 * A line past any file's last, for the ends not read yet: a small integer, so the fields holding it stay small
 * integers (Infinity would make V8 box every block's three ends as heap numbers).
 */
const NOT_YET = 2 ** 30 - 1;

/** The file's statements as a tree by indentation. */
function blocksOf(text: string, kinds: LineKinds): Block[] {
  const { starts, offsets } = kinds;
  const blocks: Block[] = [];
  const open: Block[] = [];
  let decorators: number | null = null;
  let lastTopLevel: Block | null = null;
  for (let i = 0; i < starts.length; i++) {
    if (!starts[i]) continue;
    const line = i + 1;
    const { width: indent, codeStart: at } = indentAt(text, offsets[i]!);
    while (open.length > 0 && open[open.length - 1]!.indent >= indent) open.pop();
    const parent = open[open.length - 1] ?? null;
    // The first statement of a body closes its parent's header.
    if (parent && parent.headerEnd === parent.end) {
      parent.headerEnd = line - 1;
      parent.bodyIndent = indent;
    }
    if (text.charCodeAt(at) === 64 /* @ */) {
      decorators ??= line;
      continue;
    }
    const kind = kindAt(text, at);
    const previous = parent ? parent.lastChild : lastTopLevel;
    const block: Block = {
      start: decorators ?? line,
      keyword: line,
      bodyIndent: null,
      headerEnd: NOT_YET,
      end: NOT_YET,
      indent,
      kind,
      parent,
      chainHead: kind === "clause" && previous ? (previous.chainHead ?? previous) : null,
      chainEnd: NOT_YET,
      lastChild: null,
    };
    decorators = null;
    if (parent) parent.lastChild = block;
    else lastTopLevel = block;
    blocks.push(block);
    open.push(block);
  }
  // Ends: each block runs to the line before the next statement at its indentation or less.
  const lastLine = starts.length;
  const pending: Block[] = [];
  for (const block of blocks) {
    while (pending.length > 0 && pending[pending.length - 1]!.indent >= block.indent) {
      pending.pop()!.end = block.start - 1;
    }
    pending.push(block);
  }
  for (const block of pending) block.end = lastLine;
  for (const block of blocks) {
    if (block.headerEnd > block.end) block.headerEnd = block.end;
    block.chainEnd = block.end;
    // Clauses come after what they continue: the head of the chain ends where its last clause does.
    if (block.chainHead) block.chainHead.chainEnd = block.end;
  }
  return blocks;
}

/** The top-level statement around a block, with the clauses chained to it (`try` with its `except`s). */
function topLevel(block: Block): LineSpan {
  let top = block;
  while (top.parent) top = top.parent;
  top = top.chainHead ?? top;
  return { start: top.start, end: top.chainEnd };
}

function merge(spans: LineSpan[]): LineSpan[] {
  const sorted = [...spans].sort((a, b) => a.start - b.start || b.end - a.end);
  const out: LineSpan[] = [];
  for (const span of sorted) {
    const last = out[out.length - 1];
    if (last && span.start <= last.end + 1) last.end = Math.max(last.end, span.end);
    else out.push({ ...span });
  }
  return out;
}

export function pythonBlocks(text: string, known?: PythonCode): PythonBlocks | null {
  // Old Mac line ends (a lone CR): tree-sitter and the text would count lines differently.
  if (text.includes("\r") && /\r(?!\n)/.test(text)) return null;
  const kinds = lineKinds(text, known ?? pythonCode(text));
  if (!kinds) return null;
  const { code, offsets } = kinds;
  const blocks = blocksOf(text, kinds);
  const lineCount = offsets.length;
  // Each rule reads one or two of these: each is worked out when first read.
  let byLine: (Block | undefined)[] | null = null;
  const innermost = (line: number): Block | null => {
    if (!byLine) {
      // The innermost block of each line: blocks come in order of their start, each inside the one before it.
      byLine = new Array(lineCount + 1);
      for (const block of blocks) byLine.fill(block, block.start, Math.min(block.end, lineCount) + 1);
    }
    return byLine[line] ?? null;
  };
  const lastCode = (from: number, to: number): number => {
    let line = to;
    while (line > from && !code[line - 1]) line--;
    return line;
  };
  const statements = once(() =>
    blocks
      .filter((b) => b.parent === null && b.kind !== "clause")
      .map((b) => {
        const span = topLevel(b);
        return {
          ...span,
          codeEnd: lastCode(span.start, span.end),
          definition: b.kind === "def" || b.kind === "class",
        };
      }),
  );
  const defBlocks = once(() => blocks.filter((b) => b.kind === "def"));
  const clauses = once(() => new Map(blocks.filter((b) => b.chainHead).map((b) => [b.keyword, b])));
  const defHeaders = once(() => defBlocks().map((b) => ({ start: b.start, end: b.headerEnd })));
  const defs = once(() =>
    defBlocks().map((b) => {
      let end = lastCode(b.keyword, b.end);
      if (b.bodyIndent !== null) {
        for (let line = end + 1; line <= b.end; line++) {
          const from = offsets[line - 1]!;
          const at = codeStart(text, from);
          // A blank line (all whitespace to its end) is passed over.
          if (at === text.length || text.charCodeAt(at) === 10) continue;
          if (text.charCodeAt(at) !== 35 /* # */ || indentWidth(text, from) < b.bodyIndent) break;
          end = line;
        }
      }
      const parent = b.parent && { kind: b.parent.kind, line: b.parent.keyword, start: b.parent.start };
      return { line: b.keyword, start: b.start, parent, end };
    }),
  );
  return {
    lineCount,
    lineStarts: offsets,
    get defs() {
      return defs();
    },
    get defHeaders() {
      return defHeaders();
    },
    get statements() {
      return statements();
    },
    chainHeadOf(line) {
      return clauses().get(line)?.chainHead?.keyword ?? null;
    },
    regionAround(targets, options = {}) {
      const units: LineSpan[] = [];
      const headers: LineSpan[] = [];
      for (const line of new Set(targets)) {
        const block = innermost(line);
        if (!block) continue;
        let fn: Block | null = block;
        while (fn && fn.kind !== "def") fn = fn.parent;
        if (!fn && options.functionsOnly) continue;
        const around: Block[] = [];
        for (let p = fn?.parent ?? null; p; p = p.parent) around.push(p);
        if (!fn || around.some((p) => p.kind !== "def" && p.kind !== "class")) {
          units.push(topLevel(block));
          continue;
        }
        units.push({ start: fn.start, end: fn.end });
        for (const p of around) headers.push({ start: p.start, end: p.headerEnd });
      }
      // A unit inside another is covered by it.
      const whole = merge(units).filter((u) => u.end >= u.start);
      const ranges = merge([...whole, ...headers]);
      const covered = ranges.reduce((sum, r) => sum + r.end - r.start + 1, 0);
      if (covered > lineCount * MOST_OF_FILE) return null;
      return { units: whole, ranges };
    },
  };
}

/** The masked code and the strings of a text, for a caller that does not have them already. */
export function pythonCode(text: string): PythonCode {
  const literals = pythonLiterals(text);
  return { masked: maskStringsAndComments(text, literals), strings: literals.strings };
}

/** `compute()`, called on first use only. */
function once<T>(compute: () => T): () => T {
  let value: T | undefined;
  let done = false;
  return () => {
    if (!done) {
      value = compute();
      done = true;
    }
    return value as T;
  };
}

/** Line spans as tree-sitter ranges: from the first line's start to the end of the last one, its newline included. */
export function textRanges(text: string, spans: readonly LineSpan[]): TextRange[] {
  const out: TextRange[] = [];
  // `offset` is where line `line` starts; -1 once past the last line.
  let line = 1;
  let offset = 0;
  let lastLineStart = 0;
  const advanceTo = (target: number) => {
    while (line < target && offset !== -1) {
      lastLineStart = offset;
      const next = text.indexOf("\n", offset);
      offset = next === -1 ? -1 : next + 1;
      line++;
    }
  };
  for (const span of spans) {
    advanceTo(span.start);
    if (offset === -1) break;
    const startIndex = offset;
    advanceTo(span.end + 1);
    const atEnd = offset === -1;
    out.push({
      startIndex,
      endIndex: atEnd ? text.length : offset,
      startPosition: { row: span.start - 1, column: 0 },
      endPosition: atEnd
        ? { row: line - 2, column: text.length - lastLineStart }
        : { row: span.end, column: 0 },
    });
  }
  return out;
}
