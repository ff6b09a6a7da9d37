// The labelled corpora's format: each repo's hand-written `expected.json` (gaps by area, file and line; quiet areas).
import { readdirSync, readFileSync } from "node:fs";
import { z } from "zod";
import { AREAS } from "../report/areas.js";

export const labelSchema = z
  .object({
    area: z.enum(AREAS),
    file: z.string().min(1).nullable(),
    line: z.number().int().positive().nullable(),
    why: z.string().min(1),
  })
  .strict()
  .refine((l) => l.file !== null || l.line === null, { message: "a line needs a file" });

export const expectedSchema = z
  .object({
    description: z.string().min(1),
    findings: z.array(labelSchema),
    quiet: z.array(z.enum(AREAS)),
  })
  .strict();

export type Expected = z.infer<typeof expectedSchema>;
export type Label = z.infer<typeof labelSchema>;

/** The repos of a corpus folder, sorted. */
export function corpusRepos(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true })
    .filter((e) => e.isDirectory())
    .map((e) => e.name)
    .sort();
}

export function readExpected(repoDir: string): Expected {
  return expectedSchema.parse(JSON.parse(readFileSync(`${repoDir}/expected.json`, "utf8")));
}
