// Reported gaps matched to labels, one to one: the rule the corpus test and `pnpm eval` both score by.
import type { Area } from "../report/areas.js";
import type { Expected, Label } from "./labels.js";

/** A reported line within this many lines of the labelled one counts as the same finding. */
export const LINE_TOLERANCE = 2;

export interface Spot {
  area: Area;
  file: string | null;
  line: number | null;
}

export interface LabelMatch<G> {
  matched: { gap: G; label: Label }[];
  /** Reports that matched no label (false positives); any report in a quiet area is one. */
  unmatched: G[];
  /** Labels nothing matched (false negatives). */
  missed: Label[];
}

/** Distance between a report and a label, or null when they cannot be the same finding. */
function distance(gap: Spot, label: Label): number | null {
  if (gap.area !== label.area || gap.file !== label.file) return null;
  if (gap.line === null || label.line === null) return gap.line === label.line ? 0 : null;
  const d = Math.abs(gap.line - label.line);
  return d <= LINE_TOLERANCE ? d : null;
}

/** As many report–label pairs as possible (augmenting paths, nearest label tried first), not the greedy few. */
export function matchLabels<G extends Spot>(
  gaps: readonly G[],
  expected: Pick<Expected, "findings" | "quiet">,
): LabelMatch<G> {
  const quiet = new Set<Area>(expected.quiet);
  const candidates = gaps.map((gap) =>
    quiet.has(gap.area)
      ? []
      : expected.findings
          .map((label, j) => ({ j, d: distance(gap, label) }))
          .filter((c): c is { j: number; d: number } => c.d !== null)
          .sort((a, b) => a.d - b.d || a.j - b.j)
          .map((c) => c.j),
  );
  const labelTakenBy = new Array<number>(expected.findings.length).fill(-1);
  const augment = (i: number, seen: Set<number>): boolean => {
    for (const j of candidates[i]!) {
      if (seen.has(j)) continue;
      seen.add(j);
      if (labelTakenBy[j] === -1 || augment(labelTakenBy[j]!, seen)) {
        labelTakenBy[j] = i;
        return true;
      }
    }
    return false;
  };
  for (let i = 0; i < gaps.length; i++) augment(i, new Set());

  const gapMatched = new Set(labelTakenBy.filter((i) => i !== -1));
  return {
    matched: labelTakenBy.flatMap((i, j) =>
      i === -1 ? [] : [{ gap: gaps[i]!, label: expected.findings[j]! }],
    ),
    unmatched: gaps.filter((_, i) => !gapMatched.has(i)),
    missed: expected.findings.filter((_, j) => labelTakenBy[j] === -1),
  };
}
