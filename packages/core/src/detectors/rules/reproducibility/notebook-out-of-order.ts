// reproducibility/notebook-out-of-order: a notebook saved after running its cells out of order, skipping some,
// or with an error, so its outputs may not come from a clean top-to-bottom run (hidden state).
import type { NotebookCell, SourceFile } from "../../../snapshot/types.js";
import type { FileDetector } from "../../types.js";

interface Problem {
  cell: NotebookCell;
  message: string;
}

const codeOf = (file: SourceFile, cell: NotebookCell): string =>
  file.lines.slice(cell.startLine - 1, cell.startLine - 1 + cell.lineCount).join("\n");

/** The error's name from a cell's outputs (`KeyError`), never its value: values can hold data or secrets. */
function errorName(cell: NotebookCell): string | null {
  const matches = [...cell.outputText.matchAll(/^([A-Za-z_][\w.]*(Error|Exception|Interrupt|Exit))\b/gm)];
  return matches.at(-1)?.[1] ?? null;
}

/** The first cell (top to bottom) that shows the notebook was not run cleanly from the top. */
function firstProblem(file: SourceFile, cells: readonly NotebookCell[]): Problem | null {
  const code = cells.filter((c) => codeOf(file, c).trim() !== "");
  const executed = code.filter((c) => c.executionCount !== null);
  // A notebook saved with no outputs at all (cleared before commit) has no order to check.
  if (executed.length === 0) return null;
  const lastExecuted = executed.at(-1)!;
  let highest: NotebookCell | null = null;
  for (const cell of code) {
    const n = cell.executionCount;
    if (n === null) {
      if (highest && cell.index < lastExecuted.index) {
        return {
          cell,
          message: `Cell ${cell.index} was never run, yet cells below it were (cell ${lastExecuted.index} shows [${lastExecuted.executionCount}]), so the saved outputs come from a run that skipped it.`,
        };
      }
      continue;
    }
    if (highest && n < highest.executionCount!) {
      return {
        cell,
        message: `Cell ${cell.index} was last run before cell ${highest.index} above it (execution count [${n}] against [${highest.executionCount}]), so the saved outputs may depend on state a top-to-bottom run does not build.`,
      };
    }
    if (cell.hasError) {
      const name = errorName(cell);
      return {
        cell,
        message: `Cell ${cell.index} was saved with an error${name ? ` (${name})` : ""}, so the notebook does not run from top to bottom as it stands.`,
      };
    }
    if (!highest || n > highest.executionCount!) highest = cell;
  }
  return null;
}

export const notebookOutOfOrder: FileDetector = {
  scope: "file",
  languages: ["python"],
  appliesToPath: (path) => /\.ipynb$/i.test(path),
  meta: {
    id: "reproducibility/notebook-out-of-order",
    area: "reproducibility",
    level: "actionable",
    title: "The notebook was saved after running cells out of order",
    why: "A notebook keeps every variable of every cell you ran, in the order you ran them. When cells were run out of order, skipped, or left with an error, the saved results can depend on state that a fresh top-to-bottom run does not recreate, and someone else (or you next month) cannot get the same numbers.",
    tryThis:
      "Restart the kernel and choose Run All; fix the first cell that fails, then save. The execution counts should read 1, 2, 3... from top to bottom.",
    learnMore: ["https://docs.jupyter.org/en/latest/running.html", "https://doi.org/10.1109/MSR.2019.00077"],
    example: {
      language: "text",
      file: "analysis.ipynb",
      bad: "[3] df = load()\n[1] model.fit(X, y)\n[ ] X = df.drop('label')\n[2] print(score)",
      good: "[1] df = load()\n[2] X = df.drop('label')\n[3] model.fit(X, y)\n[4] print(score)",
    },
    goal: "Restart and run every notebook top to bottom without errors before committing it, so its execution counts read 1, 2, 3...",
  },
  check(file) {
    const cells = file.notebook?.cells;
    if (!cells) return [];
    const problem = firstProblem(file, cells);
    if (!problem) return [];
    const { cell } = problem;
    return [
      {
        file: file.path,
        line: cell.startLine,
        endLine: cell.startLine + cell.lineCount - 1,
        message: problem.message,
      },
    ];
  },
};
