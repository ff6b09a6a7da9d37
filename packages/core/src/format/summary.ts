// Counts a report's findings the way every output format states them in its closing line.
import type { Report } from "../report/contract.js";

export interface ReportCounts {
  gaps: number;
  essential: number;
  actionable: number;
  informative: number;
  strengths: number;
  areas: number;
}

export function countFindings(report: Report): ReportCounts {
  const by = (level: string) => report.findings.filter((f) => f.level === level).length;
  const gaps = report.findings.filter((f) => f.level !== "celebratory");
  return {
    gaps: gaps.length,
    essential: by("essential"),
    actionable: by("actionable"),
    informative: by("informative"),
    strengths: by("celebratory"),
    areas: new Set(gaps.map((f) => f.area)).size,
  };
}

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? "" : "s"}`;

/** e.g. "7 gaps in 5 areas (2 essential, 5 actionable) · 2 strengths · 12 files reviewed, 3 skipped · 0.2 s" */
export function summaryLine(report: Report): string {
  const c = countFindings(report);
  const levels = [
    c.essential && `${c.essential} essential`,
    c.actionable && `${c.actionable} actionable`,
    c.informative && `${c.informative} informative`,
  ].filter(Boolean);
  const gaps =
    c.gaps === 0
      ? "no gaps found"
      : `${plural(c.gaps, "gap")} in ${plural(c.areas, "area")} (${levels.join(", ")})`;
  const skipped = Object.values(report.stats.skipped).reduce((a, b) => a + b, 0);
  const files = `${plural(report.stats.files, "file")} reviewed${skipped ? `, ${skipped} skipped` : ""}`;
  return [gaps, plural(c.strengths, "strength"), files, `${(report.stats.ms / 1000).toFixed(1)} s`].join(
    " · ",
  );
}
