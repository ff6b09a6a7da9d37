// testing/client-at-import: an LLM client built when a module is imported, in a module that other code imports.
import type { Node } from "@vscode/tree-sitter-wasm";
import { calls, keywordArguments, lineOf } from "../../../parse/syntax.js";
import { isNotebook } from "../../../snapshot/language.js";
import type { SourceFile } from "../../../snapshot/types.js";
import { isTestPath, LLM_LIBRARIES, moduleList, type RepoView } from "../../repo-view.js";
import type { FileDetector } from "../../types.js";

/** Clients whose constructor needs a key from the environment (most raise at once without one). */
const PY_CLIENTS =
  /^((openai|anthropic|groq|mistralai|cohere|together)\.)?(OpenAI|AsyncOpenAI|AzureOpenAI|AsyncAzureOpenAI|Anthropic|AsyncAnthropic|Groq|AsyncGroq|Mistral|Together|Client|ClientV2|ChatOpenAI|AzureChatOpenAI|OpenAIEmbeddings|ChatAnthropic|ChatGoogleGenerativeAI|GoogleGenerativeAIEmbeddings|ChatGroq|ChatMistralAI|ChatCohere)$|^genai\.Client$/;
/**
 * LangChain.js's `ChatOpenAI` and `OpenAIEmbeddings` are not here: they read no key when built (the first call asks
 * for it), so importing a module that builds one at the top needs no key, unlike Python's `ChatOpenAI()`.
 */
const JS_CLIENTS = /^(OpenAI|AzureOpenAI|Anthropic|GoogleGenAI|Groq|Mistral|ChatAnthropic)$/;
/** `Client` and `ClientV2` are only LLM clients when they come from one of these modules. */
const GENERIC_CLIENT = /^(Client|ClientV2)$/;
const CLIENT_MODULES = moduleList([
  ...LLM_LIBRARIES,
  "langchain_anthropic",
  "langchain_google_genai",
  "langchain_groq",
  "langchain_mistralai",
  "langchain_cohere",
  "together",
  "@langchain/anthropic",
  "groq-sdk",
  "@mistralai/mistralai",
]);

/** Nodes between the call and the module that mean "not run unconditionally at import". */
const GUARDS = new Set([
  "function_definition",
  "lambda",
  "class_definition",
  "if_statement",
  "try_statement",
  "with_statement",
  "conditional_expression",
  "boolean_operator",
  "for_statement",
  "while_statement",
  "function_declaration",
  "function_expression",
  "arrow_function",
  "method_definition",
  "class_declaration",
  "class_body",
  "ternary_expression",
  "binary_expression",
]);

function atImport(call: Node): boolean {
  for (let n = call.parent; n; n = n.parent) {
    if (n.type === "module" || n.type === "program") return true;
    if (GUARDS.has(n.type)) return false;
  }
  return false;
}

/** A literal key (`api_key="ollama"` for a local server) means the constructor cannot fail for want of one. */
function literalKey(call: Node): boolean {
  const kwargs = keywordArguments(call);
  if (kwargs === null) return true;
  const key = kwargs.get("api_key") ?? kwargs.get("apiKey");
  if (key === undefined) return false;
  if (/^(string|template_string)$/.test(key.type) && !key.text.includes("${")) return true;
  // `os.getenv("KEY", "dummy")`, `key or "x"`, `process.env.KEY ?? "x"`: a fallback string is always there.
  return /(getenv|\.get)\([^,()]+,\s*["']|\bor\s+["']|(\?\?|\|\|)\s*["'`]/.test(key.text);
}

const PY_FROM = /^[ \t]*from[ \t]+(\.*)([\w.]*)[ \t]+import[ \t]+(\([^)]*\)|[^\n#]+)/gm;
const PY_IMPORT = /^[ \t]*import[ \t]+([^\n#]+)/gm;
const JS_SPECIFIER = /(?:\bfrom[ \t]*|\bimport[ \t]*\(?[ \t]*|\brequire[ \t]*\([ \t]*)["']([^"']+)["']/g;
const JS_EXTENSIONS = ["", ".ts", ".tsx", ".js", ".jsx", ".mjs", ".cjs", ".mts", ".cts"];

const dirOf = (path: string): string => (path.includes("/") ? path.slice(0, path.lastIndexOf("/")) : "");
const join = (dir: string, rel: string): string => {
  const parts = dir ? dir.split("/") : [];
  for (const part of rel.split("/")) {
    if (part === "..") parts.pop();
    else if (part !== "." && part !== "") parts.push(part);
  }
  return parts.join("/");
};

/** Paths a Python module name may live at, from where Python looks: the root, src/, and the importer's folders. */
function pythonCandidates(importer: string, dotted: string, dots: number): string[] {
  const rel = dotted.replace(/\./g, "/");
  const bases: string[] = [];
  if (dots > 0) {
    let dir = dirOf(importer);
    for (let i = 1; i < dots; i++) dir = dirOf(dir);
    bases.push(dir);
  } else {
    bases.push("", "src");
    for (let dir = dirOf(importer); dir; dir = dirOf(dir)) bases.push(dir);
  }
  return bases.flatMap((base) => {
    const stem = [base, rel].filter(Boolean).join("/");
    return stem ? [`${stem}.py`, `${stem}/__init__.py`] : [];
  });
}

/** The repo paths a file imports (resolved local modules only). */
function localImports(file: SourceFile, known: ReadonlySet<string>): Set<string> {
  const out = new Set<string>();
  const add = (paths: string[]) => {
    for (const p of paths) if (known.has(p)) out.add(p);
  };
  if (file.language === "python") {
    for (const m of file.text.matchAll(PY_FROM)) {
      const dots = m[1]!.length;
      const module = m[2]!;
      add(pythonCandidates(file.path, module, dots));
      // `from pkg import rag` may import the module pkg/rag.py.
      for (const name of m[3]!.replace(/[()]/g, "").split(",")) {
        const n = name.trim().split(/\s+/)[0]!;
        if (/^\w+$/.test(n)) add(pythonCandidates(file.path, module ? `${module}.${n}` : n, dots));
      }
    }
    for (const m of file.text.matchAll(PY_IMPORT)) {
      for (const name of m[1]!.split(",")) {
        const n = name.trim().split(/\s+/)[0]!;
        if (/^[\w.]+$/.test(n)) add(pythonCandidates(file.path, n, 0));
      }
    }
  } else if (file.language === "javascript" || file.language === "typescript") {
    for (const m of file.text.matchAll(JS_SPECIFIER)) {
      const spec = m[1]!;
      let bases: string[];
      if (spec.startsWith(".")) bases = [join(dirOf(file.path), spec)];
      else if (/^[@~]\//.test(spec)) bases = [spec.slice(2), `src/${spec.slice(2)}`];
      else continue;
      for (const base of bases) {
        const stem = base.replace(/\.(js|jsx|mjs|cjs)$/, "");
        add(
          JS_EXTENSIONS.flatMap((ext) => [`${base}${ext}`, `${stem}${ext}`, `${base}/index${ext || ".ts"}`]),
        );
      }
    }
  }
  return out;
}

const listed = (paths: readonly string[]): string =>
  paths.length === 1 ? paths[0]! : `${paths[0]} and ${paths.length - 1} more`;

const importersCache = new WeakMap<RepoView, Map<string, string[]>>();

/** For each local module, the files that import it (computed once per review). */
function importers(repo: RepoView): Map<string, string[]> {
  let byModule = importersCache.get(repo);
  if (!byModule) {
    byModule = new Map();
    const known = new Set(repo.paths);
    for (const file of repo.files) {
      for (const target of localImports(file, known)) {
        if (target === file.path) continue;
        byModule.set(target, [...(byModule.get(target) ?? []), file.path]);
      }
    }
    importersCache.set(repo, byModule);
  }
  return byModule;
}

/** The first test that imports the module, directly or through up to 3 local modules (`test_api.py` → `main.py` → `llm.py`). */
function testImporter(repo: RepoView, module: string): { test: string; via: string | null } | null {
  const graph = importers(repo);
  let frontier: { path: string; via: string | null }[] = [{ path: module, via: null }];
  const seen = new Set([module]);
  for (let depth = 0; depth < 4 && frontier.length > 0; depth++) {
    const next: { path: string; via: string | null }[] = [];
    for (const { path, via } of frontier) {
      for (const importer of graph.get(path) ?? []) {
        if (seen.has(importer)) continue;
        seen.add(importer);
        if (isTestPath(importer)) return { test: importer, via };
        next.push({ path: importer, via: via ?? importer });
      }
    }
    frontier = next;
  }
  return null;
}

export const clientAtImport: FileDetector = {
  scope: "file",
  languages: ["python", "javascript", "typescript"],
  appliesToPath: (path) => !isNotebook(path) && !isTestPath(path),
  prefilter: /OpenAI|Anthropic|Groq|Mistral|Client|GoogleGenAI|Together|ChatCohere/,
  meta: {
    id: "testing/client-at-import",
    area: "testing",
    level: "informative",
    title: "An LLM client is created when the module is imported",
    why: "A client built at the top of a module is created the moment anything imports it: a test of a small helper in that module then needs an API key (the OpenAI SDK raises without one) and shares one real client. Creating the client in a function, or passing it in, lets tests import the module offline and hand it a fake.",
    tryThis:
      "Move `client = OpenAI()` into a function such as `get_client()` (cached with `functools.cache`), or pass the client as a parameter; then write one test that imports the module with no API key set and passes a fake client.",
    learnMore: [
      "https://docs.python.org/3/library/functools.html#functools.cache",
      "https://docs.pytest.org/en/stable/how-to/monkeypatch.html",
    ],
    example: {
      language: "python",
      file: "rag.py",
      bad: "from openai import OpenAI\n\nclient = OpenAI()\n\ndef answer(question):\n    return client.responses.create(model=MODEL, input=question).output_text",
      good: "from functools import cache\nfrom openai import OpenAI\n\n@cache\ndef get_client():\n    return OpenAI()\n\ndef answer(question, client=None):\n    client = client or get_client()\n    return client.responses.create(model=MODEL, input=question).output_text",
    },
    goal: "Make every module that calls a model importable with no API key set, and test one of its functions with a fake client",
  },
  applies: (repo) => repo.usesLlm(),
  check(file, { repo, syntax }) {
    if (!repo.fileImports(file, CLIENT_MODULES)) return [];
    const importedBy = importers(repo).get(file.path) ?? [];
    if (importedBy.length === 0) return [];
    const tree = syntax();
    if (!tree) return [];
    const python = file.language === "python";
    for (const { node, name } of calls(tree)) {
      if (
        python
          ? node.type !== "call" || !PY_CLIENTS.test(name)
          : node.type !== "new_expression" || !JS_CLIENTS.test(name)
      )
        continue;
      if (GENERIC_CLIENT.test(name)) continue;
      if (!atImport(node) || literalKey(node)) continue;
      const test = testImporter(repo, file.path);
      const shown = python ? `${name}()` : `new ${name}()`;
      const message = test
        ? `\`${shown}\` is created when ${file.path} is imported, and ${test.test} imports it${test.via ? ` (through ${test.via})` : ""}: those tests build a real client that needs an API key.`
        : `\`${shown}\` is created when ${file.path} is imported (${listed(importedBy)} import${importedBy.length > 1 ? "" : "s"} it), so a test of that module would build a real client that needs an API key.`;
      return [{ file: file.path, line: lineOf(node), message }];
    }
    return [];
  },
};
