// The learner's `.github/learnloop.yml`: the zod schema is the contract; the committed JSON Schema is generated from it.
import { z } from "zod";
import { areaSchema } from "../report/contract.js";
import { TONES } from "./defaults.js";

export const configSchema = z
  .object({
    outcome: z
      .string()
      .trim()
      .min(1)
      .max(500)
      .describe(
        'What you are building and how you will know it works, in one sentence, e.g. "A bot that answers questions about my city\'s bylaws, 90% right on 50 test questions".',
      )
      .optional(),
    focus: z
      .array(areaSchema)
      .describe("Areas you are working on now: their feedback comes first.")
      .default([]),
    skip: z.array(areaSchema).describe("Areas to leave out of reviews.").default([]),
    ignore: z
      .array(z.string().min(1))
      .describe('Globs of files to leave out, relative to the repository root, e.g. "data/**".')
      .default([]),
    "max-inline-comments": z
      .number()
      .int()
      .min(0)
      .max(50)
      .describe("At most this many inline comments on a pull request; the rest go into the summary.")
      .default(10),
    tone: z
      .enum(TONES)
      .describe('"encouraging" explains why each gap matters; "concise" says what to try and no more.')
      .default("encouraging"),
    model: z
      .string()
      .min(1)
      .describe("The LLM model the mentor agent uses when an API key is configured.")
      .optional(),
    llm: z
      .object({
        "context-window": z
          .number()
          .int()
          .min(4_000)
          .describe(
            "Tokens the model accepts per request; known OpenAI models have a default, others 32,000.",
          )
          .optional(),
        "input-price": z
          .number()
          .min(0)
          .describe(
            "US dollars per million prompt tokens, for the cost estimate (known OpenAI models have a default).",
          )
          .optional(),
        "output-price": z
          .number()
          .min(0)
          .describe("US dollars per million completion tokens, for the cost estimate.")
          .optional(),
        "max-prompt-tokens": z
          .number()
          .int()
          .min(2_000)
          .describe(
            "At most this many tokens in one prompt (default 24,000, never more than the context window).",
          )
          .optional(),
        "max-total-tokens": z
          .number()
          .int()
          .min(2_000)
          .describe("At most this many tokens spent per review, over every model call (default 120,000).")
          .optional(),
        "request-timeout": z
          .number()
          .int()
          .min(1)
          .max(600)
          .describe("Seconds one model request may take (default 60; raise it for slow local models).")
          .optional(),
        deadline: z
          .number()
          .int()
          .min(1)
          .max(1800)
          .describe(
            "Seconds the whole mentor may take, retries included (default 150); then the review goes on without it.",
          )
          .optional(),
        "max-steps": z
          .number()
          .int()
          .min(1)
          .max(20)
          .describe("At most this many tool-using turns before the mentor must answer (default 6).")
          .optional(),
      })
      .strict()
      .describe("Limits and prices for the LLM mentor.")
      .optional(),
  })
  .strict()
  .describe("learnloop configuration (.github/learnloop.yml)");

export type LearnloopConfig = z.infer<typeof configSchema>;
