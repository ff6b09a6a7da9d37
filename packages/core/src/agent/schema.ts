// The contract the model must answer in: findings that quote the code they are about, validated with zod.
import { z } from "zod";
import { areaSchema, levelSchema } from "../report/contract.js";

const text = (max: number) => z.string().trim().min(1).max(max);

export const modelFindingSchema = z.object({
  area: areaSchema,
  level: levelSchema,
  /** Relative to the repository root, as the tools list it. */
  file: text(400),
  line: z.number().int().positive(),
  endLine: z.number().int().positive().nullish(),
  /** The exact code the finding is about, copied from the numbered lines (without the numbers). */
  quote: text(2000),
  message: text(600),
  why: text(1200),
  tryThis: text(600),
});

export const MAX_MODEL_FINDINGS = 20;

export const modelAnswerSchema = z.object({
  findings: z.array(modelFindingSchema).max(MAX_MODEL_FINDINGS),
});

export type ModelFinding = z.infer<typeof modelFindingSchema>;
export type ModelAnswer = z.infer<typeof modelAnswerSchema>;
