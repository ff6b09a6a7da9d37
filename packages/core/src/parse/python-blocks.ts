// Python's block structure read from indentation, so a rule that only needs the code around a few lines can have
// tree-sitter parse those lines' enclosing functions (and their class and function headers) instead of the file.
// Tree-sitter's `includedRanges` keeps true rows and columns, so findings in such a tree need no mapping back.
import { lineStarts } from "../snapshot/source-file.js";
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
interface LineKinds {
  /** 1 when it starts a statement: not inside brackets, a string or a backslash continuation, and holding code. */
  starts: Uint8Array;
  /** 1 when it holds code: anything but blanks and a comment (a line inside a string counts). */
  code: Uint8Array;
  /** Where it starts in the text (after the previous "\n"): the text's `lineStarts`. */
  offsets: ArrayLike<number>;
}

/** Null when the file ends inside a bracket or a string (broken code: a region could not be trusted). */
function lineKinds(text: string): LineKinds | null {
  // Every line ends at a "\n", inside a string or not: its offsets are the text's line starts, and the arrays are
  // sized once.
  const offsets = lineStarts(text);
  const starts = new Uint8Array(offsets.length);
  const code = new Uint8Array(offsets.length);
  let line = 0;
  const endLine = (startsStatement: boolean, holdsCode: boolean) => {
    starts[line] = startsStatement ? 1 : 0;
    code[line++] = holdsCode ? 1 : 0;
  };
  const n = text.length;
  let depth = 0;
  let lineStart = true;
  let hasCode = false;
  let continued = false;
  // One pass over the char codes. Most characters are code that changes nothing but `hasCode`: they are told
  // apart first, with no jump through the cases below.
  for (let i = 0; i < n; i++) {
    const c = text.charCodeAt(i);
    // A space (indentation makes it the commonest character of Python) changes nothing.
    if (c === 32) continue;
    if (c > 93 ? c !== 123 && c !== 125 : !SPECIAL[c]) {
      hasCode = true;
      continued = false;
      continue;
    }
    switch (c) {
      case 10: // \n: the next line starts a statement unless a bracket or a backslash carries this one on
        endLine(lineStart && hasCode, hasCode);
        lineStart = depth === 0 && !continued;
        hasCode = false;
        continued = false;
        break;
      case 9: // \t
      case 12: // \f
      case 13: // \r
        break;
      case 35: {
        // #
        const end = text.indexOf("\n", i);
        i = (end === -1 ? n : end) - 1;
        break;
      }
      case 92: // \\
        hasCode = true;
        // A backslash at the end of a line joins the next one to it.
        continued =
          text.charCodeAt(i + 1) === 10 || (text.charCodeAt(i + 1) === 13 && text.charCodeAt(i + 2) === 10);
        break;
      case 40: // (
      case 91: // [
      case 123: // {
        hasCode = true;
        continued = false;
        depth++;
        break;
      case 41: // )
      case 93: // ]
      case 125: // }
        hasCode = true;
        continued = false;
        if (depth > 0) depth--;
        break;
      default: {
        // " or '
        hasCode = true;
        continued = false;
        const triple = text.charCodeAt(i + 1) === c && text.charCodeAt(i + 2) === c;
        let j = i + (triple ? 3 : 1);
        let end = -1;
        while (j < n) {
          const d = text.charCodeAt(j);
          if (d === c) {
            if (!triple || (text.charCodeAt(j + 1) === c && text.charCodeAt(j + 2) === c)) {
              end = j;
              break;
            }
            j++;
            continue;
          }
          if (d === 92) {
            // An escaped character is skipped, unless it is a line break.
            if (text.charCodeAt(j + 1) !== 10) {
              j += 2;
              continue;
            }
            j++;
          } else if (d !== 10) {
            j++;
            continue;
          }
          // A line break inside the string. A one-line string may only go on past one escaped by a backslash.
          if (
            !triple &&
            text.charCodeAt(j - 1) !== 92 &&
            !(text.charCodeAt(j - 1) === 13 && text.charCodeAt(j - 2) === 92)
          )
            return null;
          // A line that starts inside a string starts no statement.
          endLine(lineStart && hasCode, hasCode);
          lineStart = false;
          hasCode = true;
          continued = false;
          j++;
        }
        if (end === -1) return null;
        i = end + (triple ? 3 : 1) - 1;
      }
    }
  }
  endLine(lineStart && hasCode, hasCode);
  return depth === 0 ? { starts, code, offsets } : null;
}

/** Char codes up to 93 that the line reader looks at (spaces aside, passed over first): line breaks, tabs, form feeds, `#`, quotes, backslashes, brackets. */
const SPECIAL: readonly boolean[] = Array.from({ length: 94 }, (_, c) =>
  [10, 9, 12, 13, 35, 92, 40, 91, 41, 93, 34, 39].includes(c),
);

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

export function pythonBlocks(text: string): PythonBlocks | null {
  // Old Mac line ends (a lone CR): tree-sitter and the text would count lines differently.
  if (text.includes("\r") && /\r(?!\n)/.test(text)) return null;
  const kinds = lineKinds(text);
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
