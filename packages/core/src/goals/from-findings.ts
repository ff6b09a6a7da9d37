// Turns open gaps into specific goals: one per area, from the most important gap seen there.

import type { RuleMeta } from "../detectors/types.js";
import type { Finding, Goal } from "../report/contract.js";

export function goalsFromFindings(
  ranked: readonly Finding[],
  metaOf: (ruleId: string) => RuleMeta | undefined,
): Goal[] {
  const goals: Goal[] = [];
  const seenAreas = new Set<string>();
  for (const finding of ranked) {
    if (finding.level === "celebratory" || finding.level === "informative" || seenAreas.has(finding.area))
      continue;
    const meta = metaOf(finding.ruleId);
    if (!meta) continue;
    seenAreas.add(finding.area);
    goals.push({
      id: finding.ruleId,
      area: finding.area,
      text: meta.goal,
      status: "open",
      source: finding.ruleId,
      evidence: null,
    });
  }
  return goals;
}
