// The labelled corpora (packages/core/fixtures/corpus*): each repo's hand-written `expected.json`, read with the
// schema packages/core/src/corpus.test.ts uses, and the repo loaded as the CLI loads it.

import { readdirSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { AREAS, loadDirectory, nodeFileSystem, type Snapshot } from "@learnloop/core";
import { z } from "zod";

/** The labelled sets, as `corpus.test.ts` scores them: the tuning set first, then the two sets labelled blind. */
export const CORPUS_SETS = ["corpus", "corpus-heldout", "corpus-blind2"] as const;
export type CorpusSet = (typeof CORPUS_SETS)[number];

const FIXTURES = fileURLToPath(new URL("../../../packages/core/fixtures/", import.meta.url));

const labelSchema = z
  .object({
    area: z.enum(AREAS),
    file: z.string().min(1).nullable(),
    line: z.number().int().positive().nullable(),
    why: z.string().min(1),
  })
  .strict()
  .refine((l) => l.file !== null || l.line === null, { message: "a line needs a file" });

const expectedSchema = z
  .object({
    description: z.string().min(1),
    findings: z.array(labelSchema),
    quiet: z.array(z.enum(AREAS)),
  })
  .strict();

export type Expected = z.infer<typeof expectedSchema>;
export type Label = z.infer<typeof labelSchema>;

export interface CorpusRepo {
  name: string;
  snapshot: Snapshot;
  expected: Expected;
}

export function corpusRepoNames(set: CorpusSet = "corpus"): string[] {
  return readdirSync(`${FIXTURES}${set}`, { withFileTypes: true })
    .filter((e) => e.isDirectory())
    .map((e) => e.name)
    .sort();
}

export async function loadCorpusRepo(name: string, set: CorpusSet = "corpus"): Promise<CorpusRepo> {
  const dir = `${FIXTURES}${set}/${name}`;
  const expected = expectedSchema.parse(JSON.parse(readFileSync(`${dir}/expected.json`, "utf8")));
  const loaded = await loadDirectory(dir, { fs: nodeFileSystem, name, ignore: ["expected.json"] });
  if (!loaded.ok) throw new Error(`${name}: ${loaded.error.message}`);
  return { name, snapshot: loaded.value, expected };
}
