// The 12 areas and the 4 levels of a finding: plain constants (the review's hot path reads them without loading
// the contract's schemas; see contract.ts for the contract itself).

export const AREAS = [
  "testing",
  "evaluation",
  "llm-reliability",
  "llm-mechanics",
  "security",
  "ml-methodology",
  "data",
  "reproducibility",
  "observability",
  "code-quality",
  "system-design",
  "documentation",
] as const;

export const LEVELS = ["essential", "actionable", "informative", "celebratory"] as const;

export type Area = (typeof AREAS)[number];
export type Level = (typeof LEVELS)[number];

export const AREA_TITLES: Record<Area, string> = {
  testing: "Testing",
  evaluation: "Evaluation",
  "llm-reliability": "LLM reliability",
  "llm-mechanics": "LLM mechanics",
  security: "Security",
  "ml-methodology": "ML methodology",
  data: "Data",
  reproducibility: "Reproducibility",
  observability: "Observability",
  "code-quality": "Code quality",
  "system-design": "System design",
  documentation: "Documentation",
};
