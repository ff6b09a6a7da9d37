// The labelled corpora (packages/core/fixtures/corpus*): each repo's hand-written `expected.json`, read with the
// schema packages/core/src/corpus.test.ts uses (@learnloop/core/corpus), and the repo loaded as the CLI loads it.

import { fileURLToPath } from "node:url";
import { loadDirectory, nodeFileSystem, type Snapshot } from "@learnloop/core";
import { corpusRepos, type Expected, readExpected } from "@learnloop/core/corpus";

export type { Expected, Label } from "@learnloop/core/corpus";

/** The labelled sets, as `corpus.test.ts` scores them: the tuning set first, then the two sets labelled blind. */
export const CORPUS_SETS = ["corpus", "corpus-heldout", "corpus-blind2"] as const;
export type CorpusSet = (typeof CORPUS_SETS)[number];

const FIXTURES = fileURLToPath(new URL("../../../packages/core/fixtures/", import.meta.url));

export interface CorpusRepo {
  name: string;
  snapshot: Snapshot;
  expected: Expected;
}

export function corpusRepoNames(set: CorpusSet = "corpus"): string[] {
  return corpusRepos(`${FIXTURES}${set}`);
}

export async function loadCorpusRepo(name: string, set: CorpusSet = "corpus"): Promise<CorpusRepo> {
  const dir = `${FIXTURES}${set}/${name}`;
  const expected = readExpected(dir);
  const loaded = await loadDirectory(dir, { fs: nodeFileSystem, name, ignore: ["expected.json"] });
  if (!loaded.ok) throw new Error(`${name}: ${loaded.error.message}`);
  return { name, snapshot: loaded.value, expected };
}
