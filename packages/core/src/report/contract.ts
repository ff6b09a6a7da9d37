// The public JSON contract of a review (DESIGN.md, "Contracts"): other tools parse this, so change it only on purpose.
import { z } from "zod";
import { AREAS, LEVELS } from "./areas.js";

export const areaSchema = z.enum(AREAS);
export const levelSchema = z.enum(LEVELS);

export const findingSchema = z
  .object({
    ruleId: z.string().regex(/^[a-z-]+\/[a-z0-9-]+$/),
    area: areaSchema,
    level: levelSchema,
    file: z.string().nullable(),
    line: z.number().int().positive().nullable(),
    endLine: z.number().int().positive().nullable(),
    message: z.string().min(1),
    why: z.string().min(1),
    tryThis: z.string().min(1),
    learnMore: z.array(z.string().url()),
    assistantPrompt: z.string().min(1),
    source: z.enum(["detector", "llm"]),
    fingerprint: z.string().min(1),
  })
  .strict();

export const goalSchema = z
  .object({
    id: z.string().min(1),
    area: areaSchema,
    text: z.string().min(1),
    status: z.enum(["open", "done"]),
    source: z.string().min(1),
    evidence: z.object({ pr: z.number().int().nullable(), commit: z.string().nullable() }).nullable(),
  })
  .strict();

export const llmStatsSchema = z.object({
  model: z.string(),
  promptTokens: z.number().int().nonnegative(),
  completionTokens: z.number().int().nonnegative(),
  costUsd: z.number().nonnegative(),
  dropped: z.number().int().nonnegative(),
  moved: z.number().int().nonnegative(),
  skippedReason: z.string().nullable(),
  /** Files (or "repository facts") that did not fit the prompt budget, most relevant first. */
  leftOut: z.array(z.string()).optional(),
  /** Tokens one prompt may hold for this model (the budget `leftOut` was measured against). */
  promptBudget: z.number().int().nonnegative().optional(),
});

export const statsSchema = z.object({
  files: z.number().int().nonnegative(),
  bytes: z.number().int().nonnegative(),
  skipped: z.record(z.string(), z.number().int().positive()),
  ms: z.number().nonnegative(),
  mode: z.enum(["full", "changes"]),
  changedFiles: z.number().int().nonnegative().nullable(),
  detectors: z.number().int().nonnegative(),
  /** Threads that ran the file rules (1 unless the review was large enough for workers). */
  threads: z.number().int().positive(),
  llm: llmStatsSchema.optional(),
});

export const reportSchema = z
  .object({
    schemaVersion: z.literal(1),
    findings: z.array(findingSchema),
    goals: z.array(goalSchema),
    stats: statsSchema,
  })
  .strict();

export type Finding = z.infer<typeof findingSchema>;
export type Goal = z.infer<typeof goalSchema>;
export type LlmStats = z.infer<typeof llmStatsSchema>;
export type Stats = z.infer<typeof statsSchema>;
export type Report = z.infer<typeof reportSchema>;
