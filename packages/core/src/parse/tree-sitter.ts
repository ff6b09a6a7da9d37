// Syntax trees for Python, JavaScript and TypeScript, from tree-sitter's WebAssembly grammars (@vscode/tree-sitter-wasm).
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import treeSitter, {
  type Language,
  type Node,
  type Parser,
  type Query,
  type Tree,
} from "@vscode/tree-sitter-wasm";

// The package is CommonJS (UMD): Node's ES module loader exposes it as a default export only.
const { Language: LanguageClass, Parser: ParserClass, Query: QueryClass } = treeSitter;

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

/** A range of the text to parse, as tree-sitter takes it: offsets in UTF-16 code units, rows and columns 0-based. */
export interface TextRange {
  startIndex: number;
  endIndex: number;
  startPosition: { row: number; column: number };
  endPosition: { row: number; column: number };
}

export interface Parsers {
  /** The whole text, or only `ranges` of it (rows and columns stay those of the whole text). */
  parse(grammar: Grammar, text: string, ranges?: readonly TextRange[]): Tree | null;
  /** A compiled query, cached per grammar and source. */
  query(grammar: Grammar, source: string): Query;
}

let runtime: Promise<void> | null = null;
const languages = new Map<Grammar, Promise<Language>>();
const parsers = new Map<Grammar, Parser>();
const queries = new Map<string, Query>();

/** Loads the runtime once per process, and each grammar the first time it is asked for. */
export async function loadParsers(grammars: Iterable<Grammar>): Promise<Parsers> {
  runtime ??= ParserClass.init({ locateFile: (file: string) => join(wasmDirectory(), file) });
  await runtime;
  const loaded = new Map<Grammar, Language>();
  for (const grammar of new Set(grammars)) {
    let language = languages.get(grammar);
    if (!language) {
      language = LanguageClass.load(join(wasmDirectory(), GRAMMAR_FILES[grammar]));
      languages.set(grammar, language);
    }
    loaded.set(grammar, await language);
  }
  const language = (g: Grammar) => {
    const found = loaded.get(g);
    if (!found) throw new Error(`grammar ${g} was not loaded`);
    return found;
  };
  return {
    parse(grammar, text, ranges) {
      let parser = parsers.get(grammar);
      if (!parser) {
        parser = new ParserClass();
        parser.setLanguage(language(grammar));
        parsers.set(grammar, parser);
      }
      if (!ranges) return parser.parse(text);
      return parser.parse(rangeReader(text, ranges), null, { includedRanges: [...ranges] });
    },
    query(grammar, source) {
      const key = `${grammar}\0${source}`;
      let query = queries.get(key);
      if (!query) {
        query = new QueryClass(language(grammar), source);
        queries.set(key, query);
      }
      return query;
    },
  };
}

/**
 * The text as tree-sitter reads it when it parses ranges: each read stops at the end of the range it starts in.
 * (Read from a plain string, every jump to the next range copies 10,240 characters into WebAssembly memory,
 * which costs more than parsing a small range.) Node texts read through it too, past the ranges if need be.
 */
function rangeReader(text: string, ranges: readonly TextRange[]): (index: number) => string {
  return (index) => {
    let low = 0;
    let high = ranges.length - 1;
    while (low <= high) {
      const mid = (low + high) >> 1;
      const range = ranges[mid]!;
      if (index < range.startIndex) high = mid - 1;
      else if (index >= range.endIndex) low = mid + 1;
      else return text.slice(index, range.endIndex);
    }
    return text.slice(index, index + 4096);
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
