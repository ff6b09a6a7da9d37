// code-quality/giant-module: one source file or notebook that holds most of a project's code.
import type { Node } from "../../../parse/tree-sitter.js";
import { countLines } from "../../../snapshot/source-file.js";
import type { SourceFile } from "../../../snapshot/types.js";
import { pythonBlocksOf } from "../../lib/python-text.js";
import { isTestPath } from "../../repo-view.js";
import type { FileDetector } from "../../types.js";

const MAX_MODULE_LINES = 800;
const MAX_NOTEBOOK_LINES = 1000;
const MAX_NOTEBOOK_CELLS = 60;
const DEFINITIONS = new Set([
  "function_definition",
  "class_definition",
  "decorated_definition",
  "function_declaration",
  "generator_function_declaration",
  "class_declaration",
  "abstract_class_declaration",
  "interface_declaration",
  "type_alias_declaration",
]);

/** Whether a top-level statement defines code (a function, a class), as opposed to holding data or running steps. */
function isDefinition(node: Node): boolean {
  if (DEFINITIONS.has(node.type)) return true;
  const declaration = node.type === "export_statement" ? node.childForFieldName("declaration") : null;
  return declaration !== null && DEFINITIONS.has(declaration.type);
}

/** Lines that hold code: not blank, not only a comment. */
export function codeLines(file: Pick<SourceFile, "text" | "language">): number {
  const { text } = file;
  const comment = file.language === "python" ? PY_COMMENT : JS_COMMENT;
  let count = 0;
  // Line by line as `lines` splits them, without splitting: a line counts unless it is all blanks or a comment.
  for (let from = 0; from <= text.length; ) {
    const newline = text.indexOf("\n", from);
    const end = newline === -1 ? text.length : newline;
    BLANKS.lastIndex = from;
    BLANKS.test(text);
    if (BLANKS.lastIndex < end) {
      comment.lastIndex = BLANKS.lastIndex;
      if (!comment.test(text)) count++;
    }
    if (newline === -1) break;
    from = newline + 1;
  }
  return count;
}

/** A line's leading whitespace, as `trim` sees it (line breaks aside: the line ends at the "\n"). */
const BLANKS = /[^\S\n]*/y;
const PY_COMMENT = /#/y;
const JS_COMMENT = /\/\/|\/\*|\*/y;

/** 12,345: digits in groups of three, as `toLocaleString("en-US")` writes them without its 13 ms of set-up per thread. */
const thousands = (n: number): string => String(n).replace(/\B(?=(\d{3})+$)/g, ",");

export const giantModule: FileDetector = {
  scope: "file",
  languages: ["python", "javascript", "typescript"],
  appliesToPath: (path) => !isTestPath(path) && !/\.d\.[cm]?ts$|\.pyi$/.test(path),
  meta: {
    id: "code-quality/giant-module",
    area: "code-quality",
    level: "informative",
    title: "One file holds a very large share of the code",
    why: "A file of many hundreds of lines mixes several jobs (loading data, prompts, calling the model, the UI), so a change in one risks breaking another and nothing can be tested or reused alone. Modules with one job each are easier to read, test and hand to an AI assistant with the right context.",
    tryThis:
      "List the jobs this file does in one line each, then move the most self-contained one (often data loading or prompt building) into its own module with a clear function, import it back, and check everything still runs.",
    learnMore: [
      "https://docs.python.org/3/tutorial/modules.html",
      "https://developer.mozilla.org/en-US/docs/Web/JavaScript/Guide/Modules",
    ],
    example: {
      language: "text",
      file: "(repository root)",
      bad: "app.py   # 1,400 lines: config, loading, prompts, model calls, UI",
      good: "app.py        # the UI, 150 lines\nconfig.py\nloaders.py\nprompts.py\nllm.py",
    },
    goal: "Split the largest file into modules of one job each, none over 400 lines of code",
  },
  check(file, { syntax, syntaxAround }) {
    // A module of fewer lines than the limit has fewer lines of code: no need to read them.
    if (!file.notebook && countLines(file.text) <= MAX_MODULE_LINES) return [];
    const lines = codeLines(file);
    const cells = file.notebook?.cells;
    if (cells) {
      const used = cells.filter((c) =>
        file.lines.slice(c.startLine - 1, c.startLine - 1 + c.lineCount).some((l) => l.trim() !== ""),
      ).length;
      if (used <= MAX_NOTEBOOK_CELLS && lines <= MAX_NOTEBOOK_LINES) return [];
      return [
        {
          file: file.path,
          line: null,
          message: `${file.path} has ${used} code cells and ${thousands(lines)} lines of code in one notebook.`,
        },
      ];
    }
    if (lines <= MAX_MODULE_LINES) return [];
    // A file that is mostly one data literal (a word list, a JSON-like table) is data, not a module to split.
    // In Python the indentation bounds each top-level statement: only one that may be that large is parsed.
    const half = countLines(file.text) / 2;
    const statements = file.language === "python" ? pythonBlocksOf(file)?.statements : undefined;
    const candidates = statements?.filter((s) => !s.definition && s.end - s.start + 1 > half);
    // Its code alone may settle it; only comments and blank lines after it leave the length to the parse.
    if (candidates?.some((s) => s.codeEnd - s.start + 1 > half)) return [];
    const large = candidates?.map((s) => s.start);
    if (large?.length !== 0) {
      const tree = large ? syntaxAround(large) : syntax();
      if (!tree) return [];
      const largest = Math.max(
        0,
        ...tree.root.namedChildren
          .filter((n) => n !== null && tree.complete(n) && !isDefinition(n))
          .map((n) => n!.endPosition.row - n!.startPosition.row + 1),
      );
      if (largest > half) return [];
    }
    return [
      {
        file: file.path,
        line: null,
        message: `${file.path} holds ${thousands(lines)} lines of code in one module.`,
      },
    ];
  },
};
