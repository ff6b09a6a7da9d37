// data/silent-row-loss: rows are dropped (dropna, drop_duplicates, a notna filter) and nothing reports how many.
import { calls, endLineOf, keywordArguments, lineOf, type Syntax } from "../../../parse/syntax.js";
import type { Node } from "../../../parse/tree-sitter.js";
import type { SourceFile } from "../../../snapshot/types.js";
import { stringContent } from "../../lib/llm-code.js";
import { DATA_FRAMES, outsideTests } from "../../repo-view.js";
import type { FileDetector } from "../../types.js";

const DROPS = /\.(dropna|drop_duplicates|drop_nulls)$/;
/** A filter that keeps only complete or first-seen rows: `df[df["x"].notna()]`, `df[~df.duplicated()]`. */
const KEEP_MASK = /\.(notna|notnull)\(\)|~\s*[\w.[\]"']+\.(isna|isnull|duplicated)\(/;
/**
 * Something nearby that shows how many rows the frame has (or had): its length or shape, a look at its missing
 * values, or a print, log line or assert that mentions it. Printing another frame (`len(train_df)`) does not count.
 */
function reportsOn(name: string): RegExp {
  const n = name.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  return new RegExp(
    String.raw`\blen\(\s*${n}\b|\b${n}\.(shape|count\(|info\(|isna\(|isnull\(|describe\(|value_counts|duplicated\(|height|null_count\()` +
      String.raw`|\b(print|logging\.\w+|logger\.\w+|log\.\w+|st\.\w+|assert|warnings\.warn)\b[^\n]*\b${n}\b`,
  );
}
const WINDOW_BEFORE = 3;
const WINDOW_AFTER = 8;

const WHAT: Record<string, string> = {
  dropna: "drops every row with a missing value",
  drop_nulls: "drops every row with a missing value",
  drop_duplicates: "drops duplicate rows",
  mask: "keeps only some rows",
};

/** The statement a call's value ends up in: `df = df.dropna().reset_index()` → the assignment. */
function assignmentOf(node: Node): Node | null {
  let n: Node = node;
  while (
    n.parent &&
    ["attribute", "call", "argument_list", "parenthesized_expression"].includes(n.parent.type)
  ) {
    // An argument of another call (`len(df.dropna())`) is measured, not kept.
    if (n.parent.type === "argument_list") return null;
    n = n.parent;
  }
  return n.parent?.type === "assignment" && n.parent.childForFieldName("right")?.id === n.id
    ? n.parent
    : null;
}

/** A DataFrame-like receiver: a name, a call chain, or a list of columns; not one column (`df["x"]`, `df.x`). */
function isFrame(receiver: Node | null): boolean {
  if (!receiver) return false;
  if (receiver.type === "identifier" || receiver.type === "call") return true;
  if (receiver.type === "subscript") {
    const index = receiver.childForFieldName("subscript");
    return index !== null && stringContent(index) === null;
  }
  if (receiver.type === "attribute") return /(df|data|frame|table)\w*$/i.test(receiver.text);
  return false;
}

interface Drop {
  at: Node;
  kind: string;
  /** The frame that lost rows, as written (`df`, `self.df`): a report has to be about it. */
  frame: string;
}

function drops(tree: Syntax): Drop[] {
  const out: Drop[] = [];
  for (const { node, name } of calls(tree)) {
    const m = DROPS.exec(name);
    if (!m) continue;
    const kw = keywordArguments(node);
    if (kw === null) continue;
    const axis = kw.get("axis")?.text.replace(/["']/g, "");
    if (axis === "1" || axis === "columns") continue;
    const receiver = node.childForFieldName("function")?.childForFieldName("object") ?? null;
    if (!isFrame(receiver)) continue;
    const inplace = kw.get("inplace")?.text === "True";
    const statement = inplace ? node : assignmentOf(node);
    const frame = inplace ? receiver : statement?.childForFieldName("left");
    if (statement && frame) out.push({ at: statement, kind: m[1]!, frame: frame.text });
  }
  for (const { node } of tree.captures("(assignment right: (subscript) @s)")) {
    const index = node.childForFieldName("subscript");
    const value = node.childForFieldName("value");
    if (
      index &&
      value?.type === "identifier" &&
      KEEP_MASK.test(index.text) &&
      index.text.includes(value.text)
    )
      out.push({
        at: node.parent ?? node,
        kind: "mask",
        frame: node.parent?.childForFieldName("left")?.text ?? value.text,
      });
  }
  return out.sort((a, b) => a.at.startIndex - b.at.startIndex);
}

/**
 * The lines to look at for a report: a few around the drop (not the drop itself), in a notebook up to the end of
 * the next cell.
 */
function nearby(file: SourceFile, line: number, endLine: number): string {
  let first = Math.max(1, line - WINDOW_BEFORE);
  let last = line + WINDOW_AFTER;
  const cells = file.notebook?.cells ?? [];
  const index = cells.findIndex((c) => line >= c.startLine && line < c.startLine + c.lineCount);
  if (index !== -1) {
    const cell = cells[index]!;
    const next = cells[index + 1];
    first = Math.max(first, cell.startLine);
    last = next ? next.startLine + next.lineCount - 1 : cell.startLine + cell.lineCount - 1;
  }
  return [...file.lines.slice(first - 1, line - 1), ...file.lines.slice(endLine, last)].join("\n");
}

/** In a notebook, a cell that ends with the frame's name shows it, and pandas prints its row count under it. */
function cellShowsFrame(file: SourceFile, line: number, frame: string): boolean {
  const cells = file.notebook?.cells ?? [];
  const index = cells.findIndex((c) => line >= c.startLine && line < c.startLine + c.lineCount);
  return [cells[index], cells[index + 1]].some((cell) => {
    if (!cell) return false;
    const lines = file.lines.slice(cell.startLine - 1, cell.startLine - 1 + cell.lineCount);
    const last =
      lines
        .map((l) => l.trim())
        .filter((l) => l !== "" && !l.startsWith("#"))
        .pop() ?? "";
    return last === frame;
  });
}

export const silentRowLoss: FileDetector = {
  scope: "file",
  languages: ["python"],
  appliesToPath: outsideTests,
  prefilter: /dropna|drop_duplicates|drop_nulls|notna|notnull|duplicated|isna|isnull/,
  meta: {
    id: "data/silent-row-loss",
    area: "data",
    level: "actionable",
    title: "Rows are dropped and nothing reports how many",
    why: "`dropna()` and `drop_duplicates()` can remove a handful of rows or most of the dataset, and the code runs the same either way. If the rows lost are not random (one class, one source, the long texts), the model trains and is scored on a different population than you think. Counting the rows before and after turns that into a number you can check.",
    tryThis:
      "Record the row count before the drop and print or log what was removed (`print(f'dropped {before - len(df)} of {before} rows')`), then look at a few dropped rows to see whether they have something in common.",
    learnMore: [
      "https://pandas.pydata.org/docs/reference/api/pandas.DataFrame.dropna.html",
      "https://pandas.pydata.org/docs/user_guide/missing_data.html",
    ],
    example: {
      language: "python",
      file: "prepare.py",
      bad: "df = df.dropna()\ndf = df.drop_duplicates()",
      good: 'before = len(df)\ndf = df.dropna(subset=["text", "label"])\nlogger.info("dropna removed %d of %d rows", before - len(df), before)',
    },
    goal: "Log the number of rows removed by every cleaning step, and check what share of the data each step drops",
  },
  applies: (repo) => repo.imports(DATA_FRAMES),
  check(file, { syntax }) {
    const tree = syntax();
    if (!tree) return [];
    const silent = drops(tree).filter(({ at, frame }) => {
      const line = lineOf(at);
      return !reportsOn(frame).test(nearby(file, line, endLineOf(at))) && !cellShowsFrame(file, line, frame);
    });
    const first = silent[0];
    if (!first) return [];
    const more = silent.length - 1;
    const code = first.at.text.split("\n")[0]!.trim();
    const shown = code.length > 60 ? `${code.slice(0, 57)}...` : code;
    return [
      {
        file: file.path,
        line: lineOf(first.at),
        message: `\`${shown}\` ${WHAT[first.kind]} and nothing reports how many were lost${more > 0 ? ` (${more} more such step${more === 1 ? "" : "s"} in this file)` : ""}.`,
      },
    ];
  },
};
