// Syntax trees for Python, JavaScript and TypeScript, from tree-sitter's WebAssembly grammars (@vscode/tree-sitter-wasm).
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { Language, type Node, Parser, Query, type Tree } from "@vscode/tree-sitter-wasm";

export type Grammar = "python" | "javascript" | "typescript" | "tsx";
export type { Node, Tree };

const GRAMMAR_FILES: Record<Grammar, string> = {
  python: "tree-sitter-python.wasm",
  javascript: "tree-sitter-javascript.wasm",
  typescript: "tree-sitter-typescript.wasm",
  tsx: "tree-sitter-tsx.wasm",
};

let grammarDirectory: string | null = null;

/** Where the .wasm files are; bundles that ship them beside their code call this before the first parse. */
export function setGrammarDirectory(dir: string): void {
  grammarDirectory = dir;
}

function wasmDirectory(): string {
  grammarDirectory ??= dirname(createRequire(import.meta.url).resolve("@vscode/tree-sitter-wasm"));
  return grammarDirectory;
}

export interface Parsers {
  parse(grammar: Grammar, text: string): Tree | null;
  /** A compiled query, cached per grammar and source. */
  query(grammar: Grammar, source: string): Query;
}

let loading: Promise<Parsers> | null = null;

/** Loads the runtime and the grammars once per process. */
export function loadParsers(): Promise<Parsers> {
  loading ??= init();
  return loading;
}

async function init(): Promise<Parsers> {
  const dir = wasmDirectory();
  await Parser.init({ locateFile: (file: string) => join(dir, file) });
  const languages = new Map<Grammar, Language>();
  for (const [grammar, file] of Object.entries(GRAMMAR_FILES) as [Grammar, string][]) {
    languages.set(grammar, await Language.load(join(dir, file)));
  }
  const parsers = new Map<Grammar, Parser>();
  const queries = new Map<string, Query>();
  const language = (g: Grammar) => languages.get(g)!;
  return {
    parse(grammar, text) {
      let parser = parsers.get(grammar);
      if (!parser) {
        parser = new Parser();
        parser.setLanguage(language(grammar));
        parsers.set(grammar, parser);
      }
      return parser.parse(text);
    },
    query(grammar, source) {
      const key = `${grammar}\0${source}`;
      let query = queries.get(key);
      if (!query) {
        query = new Query(language(grammar), source);
        queries.set(key, query);
      }
      return query;
    },
  };
}

export function grammarOf(path: string): Grammar | null {
  const ext = path.slice(path.lastIndexOf(".") + 1).toLowerCase();
  if (ext === "py" || ext === "pyi" || ext === "ipynb") return "python";
  if (ext === "js" || ext === "mjs" || ext === "cjs" || ext === "jsx") return "javascript";
  if (ext === "ts" || ext === "mts" || ext === "cts") return "typescript";
  if (ext === "tsx") return "tsx";
  return null;
}
