// What a file imports from the other files of the repo, read from text (those files have no tree here): the
// functions that call a model, and the prompt strings, so a rule can follow `from llm import ask` one step.
import type { SourceFile } from "../../snapshot/types.js";
import type { RepoView } from "../repo-view.js";
import { escapeRegExp, fileMentionsLlmUrl, MODEL_CALL_TEXT, mentionsLlmUrl } from "./llm-code.js";
import { perFileForReview } from "./memo.js";

/**
 * Names this file imports from other files of the repo whose definition calls a model (an SDK call or raw HTTP to a
 * model API): `from llm import classify_ticket`, `import { chat } from "../lib/openai"`.
 */
export function importedModelFunctions(file: SourceFile, repo: RepoView): Set<string> {
  // Several rules ask this of the same file in one review: answer once per file object.
  return new Set(
    perFileForReview(file, "imported-model-functions", () => readImportedModelFunctions(file, repo)),
  );
}

function readImportedModelFunctions(file: SourceFile, repo: RepoView): Set<string> {
  const out = new Set<string>();
  const python = file.language === "python";
  for (const { target, names: imported } of importsOf(file, repo)) {
    // A module with no model call and no model API URL anywhere in it has no function that calls a model.
    if (!mentionsModel(target)) continue;
    for (const name of imported) {
      if (name.endsWith(".*")) {
        // `import llm` then `llm.classify(...)`: every model-calling function of the module, under its dotted name.
        const alias = name.slice(0, -2);
        for (const fn of definedFunctions(target.text, python))
          if (callsModel(target.text, fn, python)) out.add(`${alias}.${fn}`);
      } else if (callsModel(target.text, name, python)) out.add(name);
    }
  }
  return out;
}

const mentionsModel = (file: SourceFile): boolean =>
  perFileForReview(file, "mentions-model", () => MODEL_CALL_TEXT.test(file.text) || fileMentionsLlmUrl(file));

/** A string literal bound at the top of a module: `NAME = "..."`, `NAME = ("..." "...")`, `export const NAME = \`...\``. */
const QUOTE = String.raw`("""|'''|"|'|\x60)`;

/**
 * Strings bound at the top level of the modules this file imports them from (`from prompts import STATS_PROMPT`,
 * `import { KEYWORDS_PROMPT } from "../lib/prompts"`), by the name the file uses.
 */
export function importedStrings(file: SourceFile, repo: RepoView): Map<string, string> {
  const out = new Map<string, string>();
  for (const { target, names: imported } of importsOf(file, repo)) {
    for (const name of imported) {
      if (name.endsWith(".*")) continue;
      const start = new RegExp(
        String.raw`^(?:export[ \t]+)?(?:const[ \t]+|let[ \t]+)?${escapeRegExp(name)}[ \t]*(?::[^=\n]+)?=[ \t]*\(?\s*`,
        "m",
      ).exec(target.text);
      if (!start) continue;
      // One literal, or Python's implicit concatenation of several inside parentheses.
      const rest = target.text.slice(start.index + start[0].length);
      const parts: string[] = [];
      const piece = new RegExp(String.raw`^\s*[rRfFbBuU]{0,2}${QUOTE}([\s\S]*?)\1`);
      let offset = 0;
      for (let m = piece.exec(rest); m; m = piece.exec(rest.slice(offset))) {
        parts.push(m[2]!);
        offset += m[0].length;
      }
      if (parts.length > 0) out.set(name, parts.join(""));
    }
  }
  return out;
}

interface Import {
  target: SourceFile;
  /** Names as the importing file uses them; `alias.*` for a whole module. */
  names: string[];
}

function importsOf(file: SourceFile, repo: RepoView): Import[] {
  const python = file.language === "python";
  const dir = file.path.includes("/") ? file.path.slice(0, file.path.lastIndexOf("/") + 1) : "";
  const imports: { module: string; names: string[] }[] = [];
  if (python) {
    for (const m of file.text.matchAll(
      /^[ \t]*from[ \t]+(\.*[\w.]*)[ \t]+import[ \t]+(?:\(([^)]*)\)|([\w \t,]+))/gm,
    ))
      imports.push({ module: m[1]!, names: names(m[2] ?? m[3]!) });
    for (const m of file.text.matchAll(/^[ \t]*import[ \t]+([\w.]+)(?:[ \t]+as[ \t]+(\w+))?[ \t]*$/gm))
      imports.push({ module: m[1]!, names: [`${m[2] ?? m[1]}.*`] });
  } else {
    for (const m of file.text.matchAll(
      /\bimport\s+(?:(\w+)\s*,?\s*)?(?:\{([^}]*)\})?\s*from\s*["']([^"']+)["']/g,
    ))
      imports.push({ module: m[3]!, names: [...(m[1] ? [m[1]] : []), ...names(m[2] ?? "")] });
    for (const m of file.text.matchAll(
      /\b(?:const|let|var)\s*\{([^}]*)\}\s*=\s*require\(\s*["']([^"']+)["']\s*\)/g,
    ))
      imports.push({ module: m[2]!, names: names(m[1]!) });
  }
  const out: Import[] = [];
  for (const { module, names: imported } of imports) {
    const target = resolve(module, dir, python, repo);
    if (target && target.path !== file.path) out.push({ target, names: imported });
  }
  return out;
}

const names = (list: string): string[] =>
  list
    .split(",")
    .map((n) =>
      n
        .trim()
        .replace(/^type\s+/, "")
        .split(/\s+as\s+/)
        .pop()!
        .trim(),
    )
    .filter((n) => /^[A-Za-z_$][\w$]*$/.test(n));

function resolve(module: string, dir: string, python: boolean, repo: RepoView): SourceFile | undefined {
  const candidates: string[] = [];
  if (python) {
    const dots = /^\.*/.exec(module)![0].length;
    const rest = module.slice(dots).replace(/\./g, "/");
    const base =
      dots > 0
        ? dir
            .split("/")
            .slice(0, dots > 1 ? -dots : undefined)
            .join("/")
        : "";
    for (const root of dots > 0 ? [base] : ["", dir]) {
      const stem = `${root}${root && !root.endsWith("/") && rest ? "/" : ""}${rest}`;
      candidates.push(`${stem}.py`, `${stem}/__init__.py`);
    }
  } else {
    let stem: string;
    if (module.startsWith(".")) stem = normalizePath(dir + module);
    else if (module.startsWith("@/") || module.startsWith("~/")) stem = module.slice(2);
    else return undefined;
    for (const ext of [".ts", ".tsx", ".js", ".jsx", ".mjs", ".cjs", "/index.ts", "/index.js"])
      candidates.push(stem + ext);
    if (!module.startsWith(".")) for (const ext of [".ts", ".js"]) candidates.push(`src/${stem}${ext}`);
    candidates.push(stem);
  }
  for (const c of candidates) {
    const f = repo.file(c.replace(/^\//, ""));
    if (f) return f;
  }
  return undefined;
}

function normalizePath(path: string): string {
  const out: string[] = [];
  for (const part of path.split("/")) {
    if (part === "..") out.pop();
    else if (part !== "." && part !== "") out.push(part);
  }
  return out.join("/");
}

function definedFunctions(text: string, python: boolean): string[] {
  const re = python
    ? /^(?:async[ \t]+)?def[ \t]+(\w+)/gm
    : /^(?:export[ \t]+)?(?:default[ \t]+)?(?:async[ \t]+)?function[ \t]*\*?[ \t]*([\w$]+)|^(?:export[ \t]+)?(?:const|let)[ \t]+([\w$]+)[ \t]*=/gm;
  return [...text.matchAll(re)].map((m) => m[1] ?? m[2]!);
}

const HTTP_TEXT =
  /\b(requests\.(post|request)|httpx\.(post|request)|fetch|axios(\.post)?|session\.post)\s*\(/;

/** Whether the top-level function `name` of a file calls a model itself, or through another function of that file. */
function callsModel(text: string, name: string, python: boolean, depth = 1): boolean {
  const body = definitionOf(text, name, python);
  if (body === null) return false;
  if (MODEL_CALL_TEXT.test(body) || mentionsLlmUrl(body)) return true;
  // `requests.post(API_URL, ...)` with `API_URL = "https://api.openai.com/..."` at the top of the module.
  if (HTTP_TEXT.test(body) && mentionsLlmUrl(text)) return true;
  if (depth === 0) return false;
  return definedFunctions(text, python).some(
    (other) =>
      other !== name &&
      new RegExp(String.raw`\b${escapeRegExp(other)}\s*\(`).test(body) &&
      callsModel(text, other, python, depth - 1),
  );
}

/** The text of a top-level definition: from its line to the next line that starts at column 0 with code. */
function definitionOf(text: string, raw: string, python: boolean): string | null {
  const name = escapeRegExp(raw);
  const start = python
    ? new RegExp(String.raw`^(?:async[ \t]+)?def[ \t]+${name}\b`, "m").exec(text)
    : new RegExp(
        String.raw`^(?:export[ \t]+)?(?:default[ \t]+)?(?:async[ \t]+)?function[ \t]*\*?[ \t]*${name}\b|^(?:export[ \t]+)?(?:const|let)[ \t]+${name}[ \t]*=`,
        "m",
      ).exec(text);
  if (!start) return null;
  const rest = text.slice(start.index);
  const next = /\n(?=[^\s#/})\]])/.exec(rest.slice(1));
  return next ? rest.slice(0, next.index + 1) : rest;
}
