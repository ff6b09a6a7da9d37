// Every detector learnloop runs: each area folder lists its own rules in its index.ts.

import { codeQualityRules } from "./rules/code-quality/index.js";
import { dataRules } from "./rules/data/index.js";
import { documentationRules } from "./rules/documentation/index.js";
import { evaluationRules } from "./rules/evaluation/index.js";
import { llmMechanicsRules } from "./rules/llm-mechanics/index.js";
import { llmReliabilityRules } from "./rules/llm-reliability/index.js";
import { mlMethodologyRules } from "./rules/ml-methodology/index.js";
import { observabilityRules } from "./rules/observability/index.js";
import { reproducibilityRules } from "./rules/reproducibility/index.js";
import { securityRules } from "./rules/security/index.js";
import { systemDesignRules } from "./rules/system-design/index.js";
import { testingRules } from "./rules/testing/index.js";
import type { Detector } from "./types.js";

export const DETECTORS: readonly Detector[] = [
  ...testingRules,
  ...evaluationRules,
  ...llmReliabilityRules,
  ...llmMechanicsRules,
  ...securityRules,
  ...mlMethodologyRules,
  ...dataRules,
  ...reproducibilityRules,
  ...observabilityRules,
  ...codeQualityRules,
  ...systemDesignRules,
  ...documentationRules,
];

/** Whether a repo-level rule reads this path's text: PR mode loads it even when the change did not touch it. */
export function readByRepoRules(path: string): boolean {
  return DETECTORS.some((d) => d.scope === "repo" && d.reads?.(path));
}

export function findDetector(id: string): Detector | undefined {
  return DETECTORS.find((d) => d.meta.id === id);
}
