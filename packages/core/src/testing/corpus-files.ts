// Every file of the labelled corpora, as a review reads them: for tests that hold a fast path to the slow one's
// answers over realistic learner code.
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { corpusRepos } from "../corpus/labels.js";
import { nodeFileSystem } from "../snapshot/file-system.js";
import { loadDirectory } from "../snapshot/load-directory.js";
import type { SourceFile } from "../snapshot/types.js";

const FIXTURES = fileURLToPath(new URL("../../fixtures", import.meta.url));
const SETS = ["corpus", "corpus-heldout", "corpus-blind2"];

export async function labelledCorpusFiles(): Promise<SourceFile[]> {
  const files: SourceFile[] = [];
  for (const set of SETS) {
    for (const repo of corpusRepos(join(FIXTURES, set))) {
      const loaded = await loadDirectory(join(FIXTURES, set, repo), { fs: nodeFileSystem });
      if (!loaded.ok) throw new Error(loaded.error.message);
      files.push(...loaded.value.files);
    }
  }
  return files;
}
