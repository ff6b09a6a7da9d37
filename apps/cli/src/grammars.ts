// The published bundle carries the tree-sitter grammars beside it; from source they come from node_modules.
import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { setGrammarDirectory } from "@learnloop/core/detector-worker";

export function useBundledGrammars(): void {
  const bundled = fileURLToPath(new URL("./grammars/", import.meta.url));
  if (existsSync(bundled)) setGrammarDirectory(bundled);
}
