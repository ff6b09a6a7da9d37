// The order feedback is read in: what matters most first, the learner's focus areas ahead of the rest.

import { AREAS, type Area, LEVELS } from "../report/areas.js";
import type { Finding } from "../report/contract.js";

export function rankFindings(findings: readonly Finding[], focus: readonly Area[] = []): Finding[] {
  const focusRank = (a: Area) => (focus.includes(a) ? 0 : 1);
  return [...findings].sort(
    (a, b) =>
      LEVELS.indexOf(a.level) - LEVELS.indexOf(b.level) ||
      focusRank(a.area) - focusRank(b.area) ||
      AREAS.indexOf(a.area) - AREAS.indexOf(b.area) ||
      (a.file ?? "").localeCompare(b.file ?? "") ||
      (a.line ?? 0) - (b.line ?? 0) ||
      a.ruleId.localeCompare(b.ruleId),
  );
}
