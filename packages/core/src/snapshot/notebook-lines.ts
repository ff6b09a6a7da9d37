// Where each line of a notebook cell's code sits in the .ipynb file itself: the line a diff, an editor and GitHub show.
import { type Node, parseTree } from "jsonc-parser";

/** The source of one cell as stored: its pieces (one string, or an array of them) and the file line of each. */
export interface StoredSource {
  pieces: { text: string; line: number }[];
  /** The line of the `source` value itself, for a cell with no text to point at. */
  line: number;
}

/**
 * The stored source of every cell of a notebook, by cell position, read from a syntax tree that keeps offsets.
 * The text must already be known to be valid JSON: this only finds where things are.
 */
export function storedSources(json: string): (StoredSource | null)[] {
  const lineAt = lineFinder(json);
  const cells = propertyValue(parseTree(json), "cells");
  return (cells?.type === "array" ? (cells.children ?? []) : []).map((cell) => {
    const source = propertyValue(cell, "source");
    if (!source) return null;
    const strings = source.type === "array" ? (source.children ?? []) : [source];
    return {
      line: lineAt(source.offset),
      pieces: strings
        .filter((s) => s.type === "string")
        .map((s) => ({ text: s.value as string, line: lineAt(s.offset) })),
    };
  });
}

/**
 * For each of the first `count` lines of the cell's code, the file line where that line begins. A line that starts
 * inside a string holding several lines (`"a\nb"`, or a whole notebook on one line) gets that string's line: JSON
 * keeps a string on one line, so it is the true one, if not the only one.
 */
export function cellLineMap(stored: StoredSource, count: number): number[] {
  const { pieces } = stored;
  const joined = pieces.map((p) => p.text).join("");
  // The flattened code breaks lines at \n and \r\n, as the loader does.
  const starts = [0];
  for (const m of joined.matchAll(/\r?\n/g)) starts.push(m.index + m[0].length);

  const out: number[] = [];
  let piece = 0;
  let pieceStart = 0;
  for (let k = 0; k < count; k++) {
    const offset = starts[k] ?? joined.length;
    while (piece < pieces.length - 1 && offset >= pieceStart + pieces[piece]!.text.length) {
      pieceStart += pieces[piece]!.text.length;
      piece += 1;
    }
    out.push(pieces[piece]?.line ?? stored.line);
  }
  return out;
}

/** The value of an object's property; the last one when a key repeats, as `JSON.parse` reads it. */
function propertyValue(node: Node | undefined, key: string): Node | undefined {
  if (node?.type !== "object") return undefined;
  let found: Node | undefined;
  for (const property of node.children ?? []) {
    const [name, value] = property.children ?? [];
    if (name?.value === key) found = value;
  }
  return found;
}

/** Turns an offset into a 1-based line, counting \n as git and GitHub do. */
function lineFinder(text: string): (offset: number) => number {
  const breaks: number[] = [];
  for (let i = text.indexOf("\n"); i !== -1; i = text.indexOf("\n", i + 1)) breaks.push(i);
  return (offset) => {
    let low = 0;
    let high = breaks.length;
    while (low < high) {
      const mid = (low + high) >> 1;
      if (breaks[mid]! < offset) low = mid + 1;
      else high = mid;
    }
    return low + 1;
  };
}
