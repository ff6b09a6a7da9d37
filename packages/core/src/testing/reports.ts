// Builders for tests: a finding and a report with every field the contract asks for, plain values in each.

import type { Area, Level } from "../report/areas.js";
import type { Finding, Report } from "../report/contract.js";

export function finding(
  ruleId: string,
  file: string | null = "app.py",
  level: Level = "actionable",
): Finding {
  return {
    ruleId,
    area: ruleId.split("/")[0] as Area,
    level,
    file,
    line: file ? 1 : null,
    endLine: file ? 1 : null,
    message: `seen ${ruleId}`,
    why: "why",
    tryThis: "try",
    learnMore: [],
    assistantPrompt: "prompt",
    source: "detector",
    fingerprint: `${ruleId}:${file}`,
  };
}

/** A full review's report holding these findings; `stats` replaces any of the placeholder figures. */
export function reportOf(findings: Finding[], stats: Partial<Report["stats"]> = {}): Report {
  return {
    schemaVersion: 1,
    findings,
    goals: [],
    stats: {
      files: 1,
      bytes: 1,
      skipped: {},
      ms: 1,
      mode: "full",
      changedFiles: null,
      detectors: 1,
      threads: 1,
      ...stats,
    },
  };
}
