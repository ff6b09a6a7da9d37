// documentation/undocumented-env-vars: code reads environment variables that no README or .env example names.
import type { Node } from "@vscode/tree-sitter-wasm";
import { callName, lineOf, positionalArguments, type Syntax } from "../../../parse/syntax.js";
import { outsideTests, type RepoView } from "../../repo-view.js";
import type { FileDetector } from "../../types.js";

/** Set by the system, the shell, CI or the platform: nobody has to document them. */
const SYSTEM_VARS = new Set([
  "PATH",
  "HOME",
  "USER",
  "USERNAME",
  "USERPROFILE",
  "LOGNAME",
  "SHELL",
  "TERM",
  "LANG",
  "LC_ALL",
  "TZ",
  "PWD",
  "TMPDIR",
  "TEMP",
  "TMP",
  "HOSTNAME",
  "APPDATA",
  "LOCALAPPDATA",
  "EDITOR",
  "CI",
  "NODE_ENV",
  "DEBUG",
  "PORT",
  "HOST",
  "PYTHONPATH",
  "VIRTUAL_ENV",
  "CONDA_PREFIX",
  "PYTEST_CURRENT_TEST",
  "JPY_PARENT_PID",
  "COLAB_GPU",
  "KAGGLE_KERNEL_RUN_TYPE",
  "NEXT_RUNTIME",
  "NEXT_PHASE",
  "MODE",
  "BASE_URL",
  "DEV",
  "PROD",
  "SSR",
]);
const SYSTEM_PREFIX =
  /^(GITHUB_|RUNNER_|VERCEL_|NETLIFY_|RENDER_|RAILWAY_|HEROKU_|AWS_LAMBDA_|XDG_|npm_|LC_)/;

/** Where a project documents its settings: READMEs and other docs, .env templates, compose files. */
const DOC_PATH =
  /\.(md|markdown|rst)$|(^|\/)(\.env([.\w-]*)?|[\w.-]+\.env|env\.(example|sample|template|dist))$|(^|\/)(docker-)?compose[\w.-]*\.ya?ml$|(^|\/)readme(\.txt)?$/i;
const ENV_TEMPLATE = /(^|\/)(\.env[.\w-]+|[\w.-]+\.env|env\.(example|sample|template|dist))$/i;

const PY_GETTERS = /^(os\.getenv|getenv|os\.environ\.get|environ\.get)$/;
const JS_GETTERS = /^(Deno\.env\.get)$/;
const JS_ENV_OBJECTS = new Set(["process.env", "import.meta.env", "Bun.env"]);

/** The text of a plain string literal, or null for f-strings, templates with `${}`, and other expressions. */
function literal(node: Node | null | undefined): string | null {
  if (!node) return null;
  if (node.type === "string") {
    if (node.namedChildren.some((c) => c?.type === "interpolation")) return null;
    const m = /^[rRbBuU]*(['"]{1,3})([\s\S]*)\1$/.exec(node.text);
    return m ? m[2]! : null;
  }
  if (node.type === "template_string" && !node.text.includes("${")) return node.text.slice(1, -1);
  return null;
}

const isWrite = (node: Node): boolean => {
  const parent = node.parent;
  if (!parent) return false;
  if (
    (parent.type === "assignment" || parent.type === "assignment_expression") &&
    parent.childForFieldName("left")?.id === node.id
  )
    return true;
  return parent.type === "delete_statement" || parent.type === "augmented_assignment_expression";
};

interface EnvRead {
  name: string;
  line: number;
}

function pythonReads(tree: Syntax): EnvRead[] {
  const out: EnvRead[] = [];
  for (const { node } of tree.captures("(subscript) @s")) {
    const value = node.childForFieldName("value");
    if (!value || !/^(os\.)?environ$/.test(value.text) || isWrite(node)) continue;
    const name = literal(node.childForFieldName("subscript"));
    if (name) out.push({ name, line: lineOf(node) });
  }
  for (const { node } of tree.captures("(call) @c")) {
    if (!PY_GETTERS.test(callName(node) ?? "")) continue;
    const name = literal(positionalArguments(node)[0]);
    if (name) out.push({ name, line: lineOf(node) });
  }
  return out;
}

function jsReads(tree: Syntax): EnvRead[] {
  const out: EnvRead[] = [];
  for (const { node } of tree.captures("(member_expression) @m")) {
    const object = node.childForFieldName("object");
    if (!object || !JS_ENV_OBJECTS.has(object.text.replace(/\s/g, "")) || isWrite(node)) continue;
    const property = node.childForFieldName("property");
    if (property?.type === "property_identifier") out.push({ name: property.text, line: lineOf(node) });
  }
  for (const { node } of tree.captures("(subscript_expression) @s")) {
    const object = node.childForFieldName("object");
    if (!object || !JS_ENV_OBJECTS.has(object.text.replace(/\s/g, "")) || isWrite(node)) continue;
    const name = literal(node.childForFieldName("index"));
    if (name) out.push({ name, line: lineOf(node) });
  }
  // `const { OPENAI_API_KEY, MODEL: model } = process.env`
  for (const { node } of tree.captures("(variable_declarator) @d")) {
    const value = node.childForFieldName("value");
    const pattern = node.childForFieldName("name");
    if (!value || !JS_ENV_OBJECTS.has(value.text.replace(/\s/g, "")) || pattern?.type !== "object_pattern")
      continue;
    for (const prop of pattern.namedChildren) {
      if (!prop) continue;
      const key =
        prop.type === "shorthand_property_identifier_pattern"
          ? prop
          : prop.type === "pair_pattern" || prop.type === "object_assignment_pattern"
            ? (prop.childForFieldName("key") ?? prop.childForFieldName("left"))
            : null;
      if (key && /^\w+$/.test(key.text)) out.push({ name: key.text, line: lineOf(prop) });
    }
  }
  for (const { node } of tree.captures("(call_expression) @c")) {
    if (!JS_GETTERS.test(callName(node) ?? "")) continue;
    const name = literal(positionalArguments(node)[0]);
    if (name) out.push({ name, line: lineOf(node) });
  }
  return out;
}

interface Docs {
  /** Paths of the docs that exist, for the message (README and .env templates). */
  named: string[];
  text: string;
}

const docsCache = new WeakMap<RepoView, Docs | null>();

/** The text of every doc, or null when there is none to name, or some could not be read (PR mode). */
function docs(repo: RepoView): Docs | null {
  if (docsCache.has(repo)) return docsCache.get(repo)!;
  const paths = repo.paths.filter((p) => DOC_PATH.test(p));
  let result: Docs | null = null;
  if (paths.every((p) => repo.file(p) !== undefined)) {
    const readme = repo.readme()?.path;
    const named = [...(readme ? [readme] : []), ...paths.filter((p) => ENV_TEMPLATE.test(p))];
    result = named.length > 0 ? { named, text: paths.map((p) => repo.file(p)!.text).join("\n") } : null;
  }
  docsCache.set(repo, result);
  return result;
}

const list = (items: readonly string[], joiner: string): string =>
  items.length <= 1 ? (items[0] ?? "") : `${items.slice(0, -1).join(", ")} ${joiner} ${items.at(-1)}`;

export const undocumentedEnvVars: FileDetector = {
  scope: "file",
  languages: ["python", "javascript", "typescript"],
  appliesToPath: outsideTests,
  prefilter: /environ|getenv|process\.env|import\.meta\.env|Deno\.env|Bun\.env/,
  meta: {
    id: "documentation/undocumented-env-vars",
    area: "documentation",
    level: "actionable",
    title: "The code reads environment variables that no README or .env example names",
    why: "Settings read from the environment are invisible from outside: someone cloning the project (or you, on a new machine) finds out which ones it needs only when it crashes. A `.env.example` listing every variable, with a comment on each, is the usual way to say it.",
    tryThis:
      "Add every variable the code reads to `.env.example` with a placeholder value and a one-line comment, and check it by starting the app in a fresh clone from a copy of that file.",
    learnMore: ["https://12factor.net/config", "https://pypi.org/project/python-dotenv/"],
    example: {
      language: "text",
      file: ".env.example",
      bad: "OPENAI_API_KEY=",
      good: "# Your OpenAI key: https://platform.openai.com/api-keys\nOPENAI_API_KEY=\n# Pinecone index holding the bylaw chunks\nPINECONE_INDEX=bylaws",
    },
    goal: "List every environment variable the code reads in `.env.example`, and start the app from a fresh clone with only that file as a guide",
  },
  check(file, { repo, syntax }) {
    const documentation = docs(repo);
    if (!documentation) return [];
    const tree = syntax();
    if (!tree) return [];
    const reads = file.language === "python" ? pythonReads(tree) : jsReads(tree);
    const missing = new Map<string, number>();
    for (const { name, line } of reads.sort((a, b) => a.line - b.line)) {
      if (SYSTEM_VARS.has(name) || SYSTEM_PREFIX.test(name) || missing.has(name)) continue;
      if (
        new RegExp(`(^|[^\\w])${name.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}($|[^\\w])`).test(
          documentation.text,
        )
      )
        continue;
      missing.set(name, line);
    }
    if (missing.size === 0) return [];
    const names = [...missing.keys()].map((n) => `\`${n}\``);
    const shown = names.length > 6 ? [...names.slice(0, 5), `${names.length - 5} more`] : names;
    const docsSaid =
      documentation.named.length === 1
        ? `${documentation.named[0]} does not mention ${names.length === 1 ? "it" : "them"}`
        : `neither ${list(documentation.named, "nor")} mentions ${names.length === 1 ? "it" : "them"}`;
    return [
      {
        file: file.path,
        line: Math.min(...missing.values()),
        message: `${file.path} reads ${list(shown, "and")} from the environment, and ${docsSaid}.`,
      },
    ];
  },
};
