// Precision and recall of reported findings against a repo's labels, matched the way the corpus test matches:
// same area and file, a line within ±2 (null only with null), one report per label, a quiet area never matches.

import type { Area, Finding } from "@learnloop/core";
import type { Expected, Label } from "./labels.js";

export const LINE_TOLERANCE = 2;

type Gap = Pick<Finding, "area" | "file" | "line">;

export interface Score {
  /** Gap findings reported (celebratory ones never count for or against). */
  reported: number;
  expected: number;
  tp: number;
  fp: number;
  fn: number;
}

/** A score with what it is made of: the reports that matched no label and the labels nothing matched. */
export interface ScoreDetail extends Score {
  unmatched: Finding[];
  missed: Label[];
}

function distance(gap: Gap, label: Label): number | null {
  if (gap.area !== label.area || gap.file !== label.file) return null;
  if (gap.line === null || label.line === null) return gap.line === label.line ? 0 : null;
  const d = Math.abs(gap.line - label.line);
  return d <= LINE_TOLERANCE ? d : null;
}

/** As many report–label pairs as possible (augmenting paths, nearest label tried first). */
export function score(
  findings: readonly Finding[],
  expected: Pick<Expected, "findings" | "quiet">,
): ScoreDetail {
  const gaps = findings.filter((f) => f.level !== "celebratory");
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
  const matched = new Set(labelTakenBy.filter((i) => i !== -1));
  return {
    reported: gaps.length,
    expected: expected.findings.length,
    tp: matched.size,
    fp: gaps.length - matched.size,
    fn: expected.findings.length - matched.size,
    unmatched: gaps.filter((_, i) => !matched.has(i)),
    missed: expected.findings.filter((_, j) => labelTakenBy[j] === -1),
  };
}

export function addScores(scores: readonly Score[]): Score {
  const total: Score = { reported: 0, expected: 0, tp: 0, fp: 0, fn: 0 };
  for (const s of scores) for (const key of Object.keys(total) as (keyof Score)[]) total[key] += s[key];
  return total;
}

/** Null when nothing was reported (precision of nothing is undefined, shown as "-"). */
export const precision = (s: Score): number | null => (s.reported === 0 ? null : s.tp / s.reported);
export const recall = (s: Score): number | null => (s.expected === 0 ? null : s.tp / s.expected);
