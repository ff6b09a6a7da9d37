// Counts a report's findings the way every output format states them in its closing line.
import { modelProfile } from "../agent/models.js";
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

const MAX_LEFT_OUT_SHOWN = 5;

/**
 * What the LLM mentor did, in one line for every output: model, tokens, estimated cost, what it dropped or
 * moved, what did not fit the budget, or why it was skipped. Null when the mentor was not asked.
 */
export function mentorLine(report: Report): string | null {
  const llm = report.stats.llm;
  if (!llm) return null;
  const n = (x: number) => x.toLocaleString("en-US");
  const tokens = `${n(llm.promptTokens)} prompt + ${n(llm.completionTokens)} completion tokens`;
  const price = modelProfile(llm.model).inputPerMillion === null && llm.costUsd === 0;
  const cost = price
    ? "cost unknown for this model"
    : `about $${llm.costUsd < 0.01 ? llm.costUsd.toFixed(4) : llm.costUsd.toFixed(2)}`;
  if (llm.skippedReason) {
    const spent = llm.promptTokens + llm.completionTokens > 0 ? ` (${tokens}, ${cost})` : "";
    return `Mentor (${llm.model}) skipped: ${llm.skippedReason}. These findings are from the detectors alone${spent}.`;
  }
  const kept = report.findings.filter((f) => f.source === "llm").length;
  const parts = [`Mentor (${llm.model}): ${plural(kept, "finding")}, ${tokens}, ${cost}`];
  if (llm.dropped) parts.push(`${llm.dropped} dropped (unverifiable or not feedback)`);
  if (llm.moved) parts.push(`${llm.moved} moved to the lines they quote`);
  const left = llm.leftOut ?? [];
  if (left.length) {
    const shown = left.slice(0, MAX_LEFT_OUT_SHOWN).join(", ");
    const more = left.length > MAX_LEFT_OUT_SHOWN ? ` (+${left.length - MAX_LEFT_OUT_SHOWN} more)` : "";
    const budget = llm.promptBudget ? ` ${n(llm.promptBudget)}-token` : "";
    parts.push(`left out of the${budget} prompt: ${shown}${more}`);
  }
  return parts.join(" · ");
}
