// Unified-diff patches as GitHub serves them in `GET /pulls/{n}/files` (`patch`: hunks only, no file
// headers), and the rules GitHub applies when a review comment is anchored to a line of that diff.

export type Side = "LEFT" | "RIGHT";

export interface DiffLine {
  kind: "context" | "add" | "del" | "no-newline";
  text: string;
  /** Line number in the base file (context and deleted lines). */
  oldLine?: number;
  /** Line number in the head file (context and added lines). */
  newLine?: number;
  /** GitHub's `position`: lines below the first `@@` header, later headers included. */
  position: number;
  hunk: number;
}

export interface Hunk {
  index: number;
  header: string;
  oldStart: number;
  oldLines: number;
  newStart: number;
  newLines: number;
  /** Position of the header line itself (0 for the first hunk). */
  position: number;
  lines: DiffLine[];
}

export interface ParsedPatch {
  hunks: Hunk[];
  lines: DiffLine[];
}

const HUNK_HEADER = /^@@ -(\d+)(?:,(\d+))? \+(\d+)(?:,(\d+))? @@/;

export function parsePatch(patch: string): ParsedPatch {
  const hunks: Hunk[] = [];
  const lines: DiffLine[] = [];
  const raw = patch.split("\n");
  if (raw.at(-1) === "") raw.pop();
  let position = -1;
  let oldLine = 0;
  let newLine = 0;
  let current: Hunk | undefined;
  for (const text of raw) {
    const header = HUNK_HEADER.exec(text);
    if (header) {
      position++;
      current = {
        index: hunks.length,
        header: text,
        oldStart: Number(header[1]),
        oldLines: header[2] === undefined ? 1 : Number(header[2]),
        newStart: Number(header[3]),
        newLines: header[4] === undefined ? 1 : Number(header[4]),
        position,
        lines: [],
      };
      hunks.push(current);
      oldLine = current.oldStart;
      newLine = current.newStart;
      continue;
    }
    if (!current) throw new Error(`patch does not start with a hunk header: ${JSON.stringify(text)}`);
    position++;
    const marker = text[0];
    let line: DiffLine;
    if (marker === "+") {
      line = { kind: "add", text: text.slice(1), newLine: newLine++, position, hunk: current.index };
    } else if (marker === "-") {
      line = { kind: "del", text: text.slice(1), oldLine: oldLine++, position, hunk: current.index };
    } else if (marker === "\\") {
      line = { kind: "no-newline", text, position, hunk: current.index };
    } else {
      // " " (or an empty line whose trailing space was stripped).
      line = {
        kind: "context",
        text: text.slice(1),
        oldLine: oldLine++,
        newLine: newLine++,
        position,
        hunk: current.index,
      };
    }
    current.lines.push(line);
    lines.push(line);
  }
  return { hunks, lines };
}

/** The diff line a comment on `line` of `side` refers to, if that line is part of the diff. */
export function findLine(parsed: ParsedPatch, line: number, side: Side): DiffLine | undefined {
  return parsed.lines.find((l) =>
    side === "RIGHT" ? l.kind !== "del" && l.newLine === line : l.kind !== "add" && l.oldLine === line,
  );
}

export function findPosition(parsed: ParsedPatch, position: number): DiffLine | undefined {
  return parsed.lines.find((l) => l.position === position && l.kind !== "no-newline");
}

/** GitHub's `diff_hunk` of a review comment: the hunk header and the hunk's lines up to the commented one. */
export function diffHunkFor(parsed: ParsedPatch, target: DiffLine): string {
  const hunk = parsed.hunks[target.hunk]!;
  const upTo = hunk.lines.filter((l) => l.position <= target.position);
  return [hunk.header, ...upTo.map(render)].join("\n");
}

function render(line: DiffLine): string {
  if (line.kind === "no-newline") return line.text;
  return `${line.kind === "add" ? "+" : line.kind === "del" ? "-" : " "}${line.text}`;
}

export function countChanges(patch: string | undefined): { additions: number; deletions: number } {
  if (!patch) return { additions: 0, deletions: 0 };
  const { lines } = parsePatch(patch);
  return {
    additions: lines.filter((l) => l.kind === "add").length,
    deletions: lines.filter((l) => l.kind === "del").length,
  };
}

// ---------------------------------------------------------------------------------------------------
// Making patches from file contents (so fixtures can state "before" and "after" instead of hand-written hunks).

function splitLines(text: string): { lines: string[]; finalNewline: boolean } {
  if (text === "") return { lines: [], finalNewline: true };
  const finalNewline = text.endsWith("\n");
  const lines = (finalNewline ? text.slice(0, -1) : text).split("\n");
  return { lines, finalNewline };
}

type Edit = { op: " " | "-" | "+"; text: string; oldIndex: number; newIndex: number };

function diffLines(a: string[], b: string[]): Edit[] {
  // Longest common subsequence table; fixtures are small, O(n*m) is fine.
  const n = a.length;
  const m = b.length;
  const lcs: Uint32Array[] = Array.from({ length: n + 1 }, () => new Uint32Array(m + 1));
  for (let i = n - 1; i >= 0; i--) {
    for (let j = m - 1; j >= 0; j--) {
      lcs[i]![j] = a[i] === b[j] ? lcs[i + 1]![j + 1]! + 1 : Math.max(lcs[i + 1]![j]!, lcs[i]![j + 1]!);
    }
  }
  const edits: Edit[] = [];
  let i = 0;
  let j = 0;
  while (i < n || j < m) {
    if (i < n && j < m && a[i] === b[j]) {
      edits.push({ op: " ", text: a[i]!, oldIndex: i++, newIndex: j++ });
    } else if (i < n && (j === m || lcs[i + 1]![j]! >= lcs[i]![j + 1]!)) {
      // Deletions before additions, like git.
      edits.push({ op: "-", text: a[i]!, oldIndex: i++, newIndex: j });
    } else {
      edits.push({ op: "+", text: b[j]!, oldIndex: i, newIndex: j++ });
    }
  }
  return edits;
}

/**
 * A GitHub-style patch (hunks only) turning `before` into `after`, with `context` unchanged lines around
 * each change. `null` stands for "file does not exist" (added or removed file). Returns "" when equal.
 */
export function makePatch(before: string | null, after: string | null, context = 3): string {
  const a = splitLines(before ?? "");
  const b = splitLines(after ?? "");
  const edits = diffLines(a.lines, b.lines);
  // Treat a changed final newline as a change of the last line, like git does.
  if (before !== null && after !== null && a.finalNewline !== b.finalNewline) {
    const lastA = a.lines.length - 1;
    const lastB = b.lines.length - 1;
    const k = edits.findIndex((e) => e.op === " " && e.oldIndex === lastA && e.newIndex === lastB);
    if (k >= 0) {
      const e = edits[k]!;
      edits.splice(
        k,
        1,
        { op: "-", text: e.text, oldIndex: e.oldIndex, newIndex: e.newIndex },
        { op: "+", text: e.text, oldIndex: e.oldIndex + 1, newIndex: e.newIndex },
      );
    }
  }
  const changed = edits.map((e, k) => (e.op === " " ? -1 : k)).filter((k) => k >= 0);
  if (changed.length === 0) return "";
  // Group changes whose context windows touch.
  const groups: Array<[number, number]> = [];
  for (const k of changed) {
    const last = groups.at(-1);
    if (last && k - last[1] <= 2 * context + 1) last[1] = k;
    else groups.push([k, k]);
  }
  const out: string[] = [];
  for (const [first, lastChange] of groups) {
    const start = Math.max(0, first - context);
    const end = Math.min(edits.length - 1, lastChange + context);
    const slice = edits.slice(start, end + 1);
    const oldCount = slice.filter((e) => e.op !== "+").length;
    const newCount = slice.filter((e) => e.op !== "-").length;
    const oldStart = oldCount === 0 ? slice[0]!.oldIndex : slice.find((e) => e.op !== "+")!.oldIndex + 1;
    const newStart = newCount === 0 ? slice[0]!.newIndex : slice.find((e) => e.op !== "-")!.newIndex + 1;
    out.push(`@@ -${range(oldStart, oldCount)} +${range(newStart, newCount)} @@`);
    for (const e of slice) {
      out.push(`${e.op}${e.text}`);
      const isLastOld = e.op !== "+" && e.oldIndex === a.lines.length - 1 && !a.finalNewline;
      const isLastNew = e.op !== "-" && e.newIndex === b.lines.length - 1 && !b.finalNewline;
      if ((e.op === "-" && isLastOld) || (e.op === "+" && isLastNew) || (e.op === " " && isLastNew)) {
        out.push("\\ No newline at end of file");
      }
    }
  }
  return out.join("\n");
}

function range(start: number, count: number): string {
  return count === 1 ? String(start) : `${start},${count}`;
}
