// observability/print-debugging (informative): an application module (a web app, or a module other code imports)
// reports status and errors with print() instead of a logger.
import { callName, calls, lineOf } from "../../../parse/syntax.js";
import type { Node } from "../../../parse/tree-sitter.js";
import type { SourceFile } from "../../../snapshot/types.js";
import { perRepo, sharedAnswer } from "../../lib/memo.js";
import { lineMatches } from "../../lib/needles.js";
import { codeLinesMatching } from "../../lib/python-text.js";
import { isFunctionNode } from "../../lib/value-flow.js";
import { isTestPath, moduleList, type RepoView } from "../../repo-view.js";
import type { FileDetector, SharedAnswer } from "../../types.js";

/** Modules that run as a long-lived app, where output should go through a logger. */
const APP_FRAMEWORKS = moduleList([
  "fastapi",
  "flask",
  "django",
  "starlette",
  "aiohttp",
  "sanic",
  "litestar",
  "quart",
  "tornado",
  "streamlit",
  "gradio",
  "chainlit",
  "langserve",
  "celery",
  "slack_bolt",
  "discord",
  "telegram",
]);
/** A command-line program talks to its user on the terminal: print is its interface. */
const CLI_LIBRARIES = moduleList(["argparse", "click", "typer", "fire", "docopt", "rich", "tqdm"]);
const CLI_TEXT = /\bsys\.argv\b|\binput\s*\(/;
const SCRIPT_PATH =
  /(^|\/)(scripts?|bin|examples?|notebooks?|tools|demo|demos)\/|(^|\/)(__main__|cli|manage|setup|conftest)\.py$/;
/** Functions whose job is to print (a report, a summary, a REPL, `__repr__`). */
const PRINTING_FUNCTION =
  /^(main|cli|run_cli|repl|chat_loop|_?print\w*|show\w*|display\w*|report\w*|summar\w*|pretty\w*|dump\w*|debug\w*|__repr__|__str__)$/;

/** Node servers and bots, whose handlers run per request or message: console.log there is debugging output. */
const JS_SERVERS = moduleList([
  "express",
  "fastify",
  "koa",
  "hono",
  "@hapi/hapi",
  "next/server",
  "@nestjs/core",
  "restify",
  "discord.js",
  "telegraf",
  "grammy",
  "@slack/bolt",
  "node-telegram-bot-api",
  "socket.io",
]);
/** Next.js and similar route files are server code even without an import. */
const JS_ROUTE_PATH = /(^|\/)(app\/.*\/route|pages\/api\/.*)\.[cm]?[jt]sx?$/;
/** Node command-line programs talk to their user through the console. */
const JS_CLI = moduleList([
  "commander",
  "yargs",
  "inquirer",
  "readline",
  "node:readline",
  "@clack/prompts",
  "meow",
  "cac",
]);
const JS_CONSOLE = /^console\.(log|debug)$/;

/** A JS/TS module path without its extension or a trailing `/index`: how a relative import names it. */
const jsModule = (path: string): string => path.replace(/\.[cm]?[jt]sx?$/, "").replace(/\/index$/, "");

/** Whether another JS/TS file imports this one by a relative path (`./commands/quiz.js`). */
function importedElsewhereJs(repo: RepoView, file: SourceFile): boolean {
  const importers = jsImporters(repo).get(jsModule(file.path));
  // A file importing itself does not count.
  return importers !== undefined && (importers.size > 1 || !importers.has(file.path));
}

/** Each module a JS/TS file of the repo imports by a relative path, with the files that import it: read once. */
const jsImporters = (repo: RepoView): Map<string, Set<string>> =>
  perRepo(repo, "print-debugging:js-importers", () => {
    const out = new Map<string, Set<string>>();
    for (const f of repo.files) {
      if (f.language !== "javascript" && f.language !== "typescript") continue;
      const dir = dirOf(f.path).split("/").filter(Boolean);
      for (const spec of repo.importsOf(f)) {
        if (!spec.startsWith(".")) continue;
        const parts = [...dir];
        for (const part of spec.split("/")) {
          if (part === "..") parts.pop();
          else if (part !== "." && part !== "") parts.push(part);
        }
        const target = jsModule(parts.join("/"));
        const importers = out.get(target);
        if (importers) importers.add(f.path);
        else out.set(target, new Set([f.path]));
      }
    }
    return out;
  });

const dirOf = (path: string): string => (path.includes("/") ? path.slice(0, path.lastIndexOf("/")) : "");

interface PythonImports {
  /**
   * Every module named in an import (without leading dots) and each of its dotted prefixes: `a.b.c` gives `a`,
   * `a.b` and `a.b.c`. A lookup says whether any import names a module or one inside it.
   */
  modules: Set<string>;
  /** `parent\0name` for `from parent import name`. */
  fromNames: Set<string>;
  /** Bare names imported (absolute or relative) by the files of each folder. */
  byFolder: Map<string, Set<string>>;
}

const IMPORT_LINE = /^[ \t]*import[ \t]+([^\n#]+)/gm;
const FROM_LINE = /^[ \t]*from[ \t]+(\.*[\w.]*)[ \t]+import[ \t]+\(?([^\n#)]+)/gm;

/** Every Python import of the repo, read once per review (a regex pass per file, not per question). */
const PYTHON_IMPORTS: SharedAnswer<PythonImports> = { key: "python-imports", compute: readPythonImports };

const pythonImports = (repo: RepoView): PythonImports => sharedAnswer(repo, PYTHON_IMPORTS);

function readPythonImports(repo: RepoView): PythonImports {
  const index: PythonImports = { modules: new Set(), fromNames: new Set(), byFolder: new Map() };
  const addModule = (name: string) => {
    for (let dot = name.indexOf("."); dot !== -1; dot = name.indexOf(".", dot + 1))
      index.modules.add(name.slice(0, dot));
    index.modules.add(name);
  };
  for (const f of repo.files) {
    if (f.language !== "python") continue;
    const folder = index.byFolder.get(dirOf(f.path)) ?? new Set<string>();
    index.byFolder.set(dirOf(f.path), folder);
    for (const m of lineMatches(f, IMPORT_LINE, "import")) {
      for (const part of m[1]!.split(",")) {
        const name = part
          .trim()
          .split(/\s+as\s+/)[0]!
          .trim();
        if (!name) continue;
        addModule(name);
        folder.add(name.split(".")[0]!);
      }
    }
    for (const m of lineMatches(f, FROM_LINE, "import")) {
      const module = m[1]!;
      const bare = module.replace(/^\.+/, "");
      if (bare) {
        addModule(bare);
        folder.add(bare.split(".")[0]!);
      }
      for (const part of m[2]!.split(",")) {
        const name = part
          .trim()
          .split(/\s+as\s+/)[0]!
          .trim();
        if (!name) continue;
        index.fromNames.add(`${bare}\0${name}`);
        if (module === ".") folder.add(name);
      }
    }
  }
  return index;
}

/**
 * Whether another Python file of the repo imports this module, so it is part of an application and not a script:
 * by its dotted path (`rag.retriever`, `from rag import retriever`), or by its bare name from the same folder.
 * A bare name from elsewhere (`from langchain.tools import ...` for our `tools.py`) does not count.
 */
function importedElsewhere(repo: RepoView, file: SourceFile): boolean {
  const parts = file.path.replace(/\.py$/, "").split("/");
  if (parts[parts.length - 1] === "__init__") parts.pop();
  const last = parts[parts.length - 1];
  if (!last) return false;
  const index = pythonImports(repo);
  for (let start = 0; start < parts.length - 1; start++) {
    const dotted = parts.slice(start).join(".");
    const parent = parts.slice(start, -1).join(".");
    if (index.modules.has(dotted)) return true;
    if (index.fromNames.has(`${parent}\0${last}`)) return true;
  }
  return index.byFolder.get(dirOf(file.path))?.has(last) ?? false;
}

function mainGuards(root: Node): Node[] {
  return root.namedChildren.filter(
    (n): n is Node =>
      n !== null &&
      n.type === "if_statement" &&
      /__name__\s*==\s*["']__main__["']/.test(n.childForFieldName("condition")?.text ?? ""),
  );
}

function enclosingFunction(node: Node): Node | null {
  for (let n = node.parent; n; n = n.parent) if (isFunctionNode(n)) return n;
  return null;
}

export const printDebugging: FileDetector = {
  scope: "file",
  languages: ["python", "javascript", "typescript"],
  prefilter: /\bprint\s*\(|\bconsole\.(log|debug)\s*\(/,
  appliesToPath: (path) => /\.(py|[cm]?[jt]sx?)$/.test(path) && !isTestPath(path) && !SCRIPT_PATH.test(path),
  shared: PYTHON_IMPORTS,
  meta: {
    id: "observability/print-debugging",
    area: "observability",
    level: "informative",
    title: "An application module reports what it does with print() or console.log",
    why: "`print` and `console.log` write a bare line with no time, no level and no module name, and they cannot be turned down or sent elsewhere without editing code. In a running app (an API, a Streamlit page, a module other code imports) a logger gives each message a level and a timestamp, so you can find the one failing request in the output and quiet the rest. Logging whole request bodies this way also copies users' data into the logs.",
    tryThis:
      "Add `logger = logging.getLogger(__name__)` at the top of the module (in Node, a `pino` logger), replace the `print` calls with `logger.info(...)` or `logger.warning(...)`, and call `logging.basicConfig(level=logging.INFO)` once where the app starts.",
    learnMore: ["https://docs.python.org/3/howto/logging.html", "https://getpino.io/#/"],
    example: {
      language: "python",
      file: "retriever.py",
      bad: 'def search(query):\n    print("searching for", query)\n    hits = index.search(query)\n    print(f"found {len(hits)} hits")\n    return hits',
      good: 'logger = logging.getLogger(__name__)\n\ndef search(query):\n    hits = index.search(query)\n    logger.info("search found %d hits", len(hits))\n    return hits',
    },
    goal: "Use a module-level logger with levels in every application module, configured once at startup",
  },
  check(file, { repo, syntax, syntaxAround }) {
    if (file.notebook) return [];
    const python = file.language === "python";
    if (python) {
      if (repo.fileImports(file, CLI_LIBRARIES) || CLI_TEXT.test(file.text)) return [];
      if (!repo.fileImports(file, APP_FRAMEWORKS) && !importedElsewhere(repo, file)) return [];
    } else {
      if (repo.fileImports(file, JS_CLI)) return [];
      const server = repo.fileImports(file, JS_SERVERS) || JS_ROUTE_PATH.test(file.path);
      // A module of a server or bot that other code imports (`commands/quiz.js`) runs inside it; in a repo with a
      // command-line program it may be printing for that program's user instead.
      const inApp = repo.imports(JS_SERVERS) && !repo.imports(JS_CLI) && importedElsewhereJs(repo, file);
      if (!server && !inApp) return [];
    }
    // In Python only the code around `print(` lines is parsed (a print inside the main guard brings the guard).
    const tree = python ? syntaxAround(codeLinesMatching(file, /\bprint\s*\(/g)) : syntax();
    if (!tree) return [];
    const guards = python ? mainGuards(tree.root) : [];
    const prints = calls(tree).filter(({ node, name }) => {
      if (python ? name !== "print" : !JS_CONSOLE.test(name)) return false;
      if (!tree.complete(node)) return false;
      const fn = enclosingFunction(node);
      if (!fn) return false;
      if (guards.some((g) => node.startIndex >= g.startIndex && node.endIndex <= g.endIndex)) return false;
      // `app.listen(PORT, () => console.log("running"))`, `client.once("ready", ...)`: a startup line.
      if (!python && /\.(listen|once)$/.test(callNameOfCallback(fn))) return false;
      return !PRINTING_FUNCTION.test(fn.childForFieldName("name")?.text ?? "");
    });
    const first = prints[0];
    if (!first) return [];
    const count = prints.length;
    const what = `\`${first.name}\``;
    return [
      {
        file: file.path,
        line: lineOf(first.node),
        message:
          count === 1
            ? `This module reports through ${what} here, where a logger would add a level and a timestamp.`
            : `This module reports through ${what} in ${count} places (first here), where a logger would add levels and timestamps.`,
      },
    ];
  },
};

/** The call a callback function is passed to: `app.listen` for `app.listen(PORT, () => ...)`. */
function callNameOfCallback(fn: Node): string {
  const call = fn.parent?.type === "arguments" ? fn.parent.parent : null;
  return call ? (callName(call) ?? "") : "";
}
