// A file as the loader reads it: its `lines` are split on first use (most files are never read line by line:
// the rules that read lines gate on the text first), the same way on every thread.
import type { SourceFile } from "./types.js";

/**
 * A file's `lines`: at "\n" or "\r\n"; a notebook's flattened code at "\n" only (its `ipynbLines` map those).
 * Workers split them with this too, so both threads number lines alike.
 */
export const splitLines = (text: string, notebook: boolean): string[] =>
  notebook ? text.split("\n") : text.split(/\r?\n/);

/** Line starts found lately, newest first: the rules of a pass ask about one file after another, each again. */
const recent: { text: string; starts: Int32Array }[] = [];
const RECENT = 2;
/** Where the scan writes line starts before they are copied out at their count. */
let scratch = new Int32Array(4096);

/**
 * Where each line of `text` starts (after each "\n"): index line - 1. Shared, not to be written to: the file's
 * rules ask one after another (its blocks, its size, a line of it), and the text is searched once.
 */
export function lineStarts(text: string): Int32Array {
  for (const seen of recent) if (seen.text === text) return seen.starts;
  let count = 1;
  for (let i = text.indexOf("\n"); i !== -1; i = text.indexOf("\n", i + 1)) {
    if (count === scratch.length) {
      const larger = new Int32Array(scratch.length * 2);
      larger.set(scratch);
      scratch = larger;
    }
    scratch[count++] = i + 1;
  }
  const starts = scratch.slice(0, count);
  recent.unshift({ text, starts });
  if (recent.length > RECENT) recent.pop();
  return starts;
}

/**
 * A file's lines read one at a time, as `splitLines` gives them, without splitting the whole text: for a rule that
 * reads a few lines of many files.
 */
export class LineReader {
  readonly starts: Int32Array;

  constructor(
    readonly text: string,
    private readonly notebook: boolean,
  ) {
    this.starts = lineStarts(text);
  }

  get count(): number {
    return this.starts.length;
  }

  /** Line `i` (0-based, as `lines[i]`). */
  line(i: number): string {
    const { text, starts } = this;
    const from = starts[i]!;
    const end = i + 1 < starts.length ? starts[i + 1]! - 1 : text.length;
    // Outside a notebook, a "\r" before the "\n" belongs to the line break.
    const cr = !this.notebook && end < text.length && end > from && text[end - 1] === "\r";
    return text.slice(from, cr ? end - 1 : end);
  }

  /** The 0-based line holding `offset`. */
  indexAt(offset: number): number {
    const { starts } = this;
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (starts[mid]! <= offset) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  }
}

/** How many `lines` a text splits into, without splitting it. */
export const countLines = (text: string): number => lineStarts(text).length;

/**
 * A `SourceFile` whose `lines` are split when first read. The getter sits on the class, so every file shares one
 * shape (an accessor defined per object would give each its own, and slow every `file.text` of the rules).
 */
export class LoadedFile implements SourceFile {
  readonly path: string;
  readonly bytes: number;
  readonly language: SourceFile["language"];
  readonly text: string;
  readonly notebook: SourceFile["notebook"];
  #lines: string[] | undefined;

  constructor(file: Omit<SourceFile, "lines">) {
    this.path = file.path;
    this.bytes = file.bytes;
    this.language = file.language;
    this.text = file.text;
    this.notebook = file.notebook;
  }

  get lines(): string[] {
    this.#lines ??= splitLines(this.text, Boolean(this.notebook));
    return this.#lines;
  }
}
