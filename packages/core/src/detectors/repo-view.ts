// Questions rules ask about the whole repository, answered once and shared by every rule.
import type { Snapshot, SourceFile } from "../snapshot/types.js";
import { lineMatches, literalAny, literalGate } from "./lib/needles.js";

const TEST_PATH =
  /(^|\/)(tests?|__tests__|spec)\/|(^|\/)test_[^/]*\.py$|_test\.py$|\.(test|spec)\.[cm]?[jt]sx?$|(^|\/)conftest\.py$/;
const CODE_PATH = /\.(py|ipynb|[cm]?[jt]sx?)$/;
const PY_IMPORT =
  /^[ \t]*(?:from[ \t]+([A-Za-z_][\w.]*)[ \t]+import|import[ \t]+([A-Za-z_][\w.]*(?:[ \t]*,[ \t]*[A-Za-z_][\w.]*)*))/gm;
const JS_IMPORT = /(?:\bfrom[ \t]*|\bimport[ \t]*\(?[ \t]*|\brequire[ \t]*\([ \t]*)["']([^"']+)["']/g;

/** A module name's first segment: `google` of `google.genai`, `@langchain` of `@langchain/openai`. */
const rootOf = (module: string): string => module.split(/[./]/, 1)[0]!;

/** A module list grouped by first segment; for a list made with `moduleList`, what a file must hold to import one. */
interface ModuleIndex {
  byRoot: Map<string, string[]>;
  mayImport: ((file: SourceFile) => boolean) | null;
}
const moduleIndexes = new WeakMap<readonly string[], ModuleIndex>();

/** A list's index, built once per list (rules pass the same constant lists). */
function indexOf(modules: readonly string[]): ModuleIndex {
  let index = moduleIndexes.get(modules);
  if (!index) {
    const byRoot = new Map<string, string[]>();
    for (const m of modules) {
      const same = byRoot.get(rootOf(m));
      if (same) same.push(m);
      else byRoot.set(rootOf(m), [m]);
    }
    index = { byRoot, mayImport: null };
    moduleIndexes.set(modules, index);
  }
  return index;
}

/** First segments this short hide in words (`ai` in `main`): those are looked for as an import writes them. */
const SHORT_ROOT = 3;

/**
 * A module list for `imports` and `fileImports`, made at module load (as literal gates are). An import of a module
 * holds its first segment (`openai` of `openai.types`), and a short one after a quote (JS) or a blank or comma
 * (Python): a file that holds none of the list's is not read for its imports. A list made on the spot works too,
 * with every file read.
 */
export function moduleList<const T extends readonly string[]>(modules: T): T {
  const index = indexOf(modules);
  const words = [...index.byRoot.keys()].flatMap((root) =>
    root.length > SHORT_ROOT ? [root] : ['"', "'", " ", "\t", ","].map((before) => before + root),
  );
  index.mayImport = literalAny(words);
  return modules;
}

/** Libraries that mean "this project calls an LLM". */
export const LLM_LIBRARIES = moduleList([
  "openai",
  "anthropic",
  "@anthropic-ai/sdk",
  "langchain",
  "langchain_openai",
  "langchain_core",
  "langchain_community",
  "@langchain/openai",
  "@langchain/core",
  "langchain/",
  "llama_index",
  "litellm",
  "google.generativeai",
  "google.genai",
  "@google/genai",
  "ollama",
  "mistralai",
  "groq",
  "cohere",
  "transformers",
  "ai",
  "@ai-sdk/openai",
]);

/** Libraries that mean "this project retrieves by embeddings" (RAG). */
export const RAG_LIBRARIES = moduleList([
  "chromadb",
  "faiss",
  "pinecone",
  "qdrant_client",
  "weaviate",
  "lancedb",
  "pgvector",
  "sentence_transformers",
  "llama_index",
  "langchain_chroma",
  "langchain_community.vectorstores",
  "@pinecone-database/pinecone",
  "chromadb-client",
  "@qdrant/js-client-rest",
]);

/** PyTorch, for the rules of training loops. */
export const TORCH = moduleList(["torch"]);
/** Data-frame libraries, for the rules of reading and cleaning data. */
export const DATA_FRAMES = moduleList(["pandas", "polars"]);

/** An embeddings call or client, for repos that embed without a vector-store library. */
const EMBEDDINGS = /\bembeddings?\.create\(|Embeddings\(/;
const EMBEDDINGS_GATE = literalGate(EMBEDDINGS);

export class RepoView {
  private readonly byPath: Map<string, SourceFile>;
  private importsCache: Map<string, Set<string>> | null = null;
  /** Answers of `imports`, by module list (the lists are constants of the rules). */
  private importsAnswers: Map<readonly string[], boolean> | null = null;

  constructor(readonly snapshot: Snapshot) {
    this.byPath = new Map(snapshot.files.map((f) => [f.path, f]));
  }

  get paths(): readonly string[] {
    return this.snapshot.paths;
  }

  get files(): readonly SourceFile[] {
    return this.snapshot.files;
  }

  file(path: string): SourceFile | undefined {
    return this.byPath.get(path);
  }

  /** The README at the root, whatever its case or extension. */
  readme(): SourceFile | undefined {
    const path = this.paths.find((p) => /^readme(\.(md|markdown|rst|txt))?$/i.test(p));
    return path === undefined ? undefined : this.file(path);
  }

  hasCode(): boolean {
    return this.paths.some((p) => CODE_PATH.test(p));
  }

  hasPython(): boolean {
    return this.paths.some((p) => /\.(py|ipynb)$/.test(p));
  }

  testPaths(): string[] {
    return this.paths.filter((p) => TEST_PATH.test(p));
  }

  /** Files whose text matches, in path order. */
  filesMatching(pattern: RegExp): SourceFile[] {
    return this.files.filter((f) => pattern.test(f.text));
  }

  /** Modules each code file imports (Python dotted names, JS specifiers), read once from the text. */
  importsOf(file: SourceFile): Set<string> {
    this.importsCache ??= new Map();
    let found = this.importsCache.get(file.path);
    if (!found) {
      found = new Set();
      if (file.language === "python") {
        for (const m of lineMatches(file, PY_IMPORT, "import")) {
          for (const name of (m[1] ?? m[2] ?? "").split(",")) if (name.trim()) found.add(name.trim());
        }
      } else if (file.language === "javascript" || file.language === "typescript") {
        for (const m of file.text.matchAll(JS_IMPORT)) found.add(m[1]!);
      }
      this.importsCache.set(file.path, found);
    }
    return found;
  }

  /** Whether `file` imports one of `modules` (a module or any submodule of it). */
  fileImports(file: SourceFile, modules: readonly string[]): boolean {
    const { byRoot, mayImport } = indexOf(modules);
    if (mayImport && !mayImport(file)) return false;
    for (const imported of this.importsOf(file)) {
      // Only a module with the same first segment can be the import or one of its parents.
      const candidates = byRoot.get(rootOf(imported));
      if (
        candidates?.some(
          (m) =>
            imported === m ||
            imported.startsWith(m.endsWith("/") ? m : `${m}.`) ||
            imported.startsWith(`${m}/`),
        )
      ) {
        return true;
      }
    }
    return false;
  }

  /**
   * Whether any file of the repo imports one of `modules`, answered once per list (rules ask it for every file
   * they check, and a repo where the answer is no would be read through each time).
   */
  imports(modules: readonly string[]): boolean {
    this.importsAnswers ??= new Map();
    let answer = this.importsAnswers.get(modules);
    if (answer === undefined) {
      answer = this.files.some((f) => this.fileImports(f, modules));
      this.importsAnswers.set(modules, answer);
    }
    return answer;
  }

  usesLlm(): boolean {
    return this.imports(LLM_LIBRARIES);
  }

  usesRag(): boolean {
    return this.imports(RAG_LIBRARIES) || this.files.some((f) => EMBEDDINGS_GATE.test(f));
  }
}

export const isTestPath = (path: string): boolean => TEST_PATH.test(path);

/** A rule's `appliesToPath` for code outside the tests. */
export const outsideTests = (path: string): boolean => !isTestPath(path);
