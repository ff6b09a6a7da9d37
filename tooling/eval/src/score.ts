// Precision and recall of reported findings against a repo's labels, matched the way the corpus test matches:
// same area and file, a line within ±2 (null only with null), one report per label, a quiet area never matches.

import type { Finding } from "@learnloop/core";
import { type Expected, type Label, matchLabels } from "@learnloop/core/corpus";

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

/** Scored by the corpus test's matching (`matchLabels`). */
export function score(
  findings: readonly Finding[],
  expected: Pick<Expected, "findings" | "quiet">,
): ScoreDetail {
  const gaps = findings.filter((f) => f.level !== "celebratory");
  const { matched, unmatched, missed } = matchLabels(gaps, expected);
  return {
    reported: gaps.length,
    expected: expected.findings.length,
    tp: matched.length,
    fp: unmatched.length,
    fn: missed.length,
    unmatched,
    missed,
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
