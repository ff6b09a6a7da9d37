// Checks every model finding against the file it cites: kept where the quote is, moved to where it really is, or dropped.
import type { Snapshot, SourceFile } from "../snapshot/types.js";
import type { ModelFinding } from "./schema.js";

export interface GroundedFinding extends ModelFinding {
  endLine: number;
}

export interface Grounding {
  kept: GroundedFinding[];
  dropped: number;
  moved: number;
}

/** A quote shorter than this (without spaces) matches too much to prove anything, e.g. ")" or "x = 1". */
const MIN_QUOTE_CHARS = 6;

const squash = (s: string) => s.replace(/\s+/g, " ").trim();
// Models often copy the "  12| " prefix of numbered lines along with the code.
const stripNumber = (s: string) => s.replace(/^\s*[+ ]?\d+\| ?/, "");

export function groundFindings(findings: readonly ModelFinding[], snapshot: Snapshot): Grounding {
  const files = new Map(snapshot.files.map((f) => [f.path, f]));
  const kept: GroundedFinding[] = [];
  let dropped = 0;
  let moved = 0;
  for (const finding of findings) {
    const file = files.get(finding.file.replace(/^\.?\/+/, ""));
    const quote = finding.quote
      .split("\n")
      .map((l) => squash(stripNumber(l)))
      .filter(Boolean);
    if (!file || quote.join("").replace(/\s/g, "").length < MIN_QUOTE_CHARS) {
      dropped++;
      continue;
    }
    const places = findQuote(file, quote);
    if (places.length === 0) {
      dropped++;
      continue;
    }
    const claimedEnd = Math.max(finding.line, finding.endLine ?? finding.line);
    const atClaim = places.find(([from, to]) => from <= claimedEnd && to >= finding.line);
    const [line, endLine] =
      atClaim ??
      places.reduce((best, p) =>
        Math.abs(p[0] - finding.line) < Math.abs(best[0] - finding.line) ? p : best,
      );
    if (!atClaim) moved++;
    kept.push({ ...finding, file: file.path, line, endLine });
  }
  return { kept, dropped, moved };
}

/** Every [from, to] (1-based) where the quoted lines appear in order (each within its line), blank lines skipped. */
function findQuote(file: SourceFile, quote: readonly string[]): [number, number][] {
  const lines = file.lines.map(squash);
  const places: [number, number][] = [];
  for (let start = 0; start < lines.length; start++) {
    if (!lines[start]!.includes(quote[0]!)) continue;
    let at = start;
    let ok = true;
    for (let q = 1; q < quote.length; q++) {
      at++;
      while (at < lines.length && lines[at] === "") at++;
      if (at >= lines.length || !lines[at]!.includes(quote[q]!)) {
        ok = false;
        break;
      }
    }
    if (ok) places.push([start + 1, at + 1]);
  }
  return places;
}
