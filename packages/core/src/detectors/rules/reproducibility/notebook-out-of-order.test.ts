import { describe, expect, it } from "vitest";
import { reviewTree } from "../../../testing/memory-fs.js";
import { ipynbLine, jupyterJson } from "../../../testing/notebook.js";
import { notebookOutOfOrder } from "./notebook-out-of-order.js";

const RULE = "reproducibility/notebook-out-of-order";

type Cell = [source: string, count: number | null, error?: string];
const notebook = (cells: Cell[]) =>
  jupyterJson({
    cells: cells.map(([source, count, error]) => ({
      cell_type: "code",
      source,
      execution_count: count,
      outputs: error
        ? [
            { output_type: "stream", name: "stderr", text: "UserWarning: slow\n" },
            { output_type: "error", ename: error, evalue: "'label'", traceback: [] },
          ]
        : [],
    })),
  });

describe("reproducibility/notebook-out-of-order", () => {
  it("fires once, at the first cell run out of order, spanning its lines", async () => {
    const analysis = notebook([
      ["import pandas as pd", 1],
      ["df = pd.read_csv('a.csv')\ndf = df.dropna()", 7],
      ["X = df.drop(columns='y')", 3],
      ["model.fit(X, y)", 2],
    ]);
    const report = await reviewTree({ "analysis.ipynb": analysis }, [notebookOutOfOrder]);
    const line = ipynbLine(analysis, "X = df.drop(columns='y')");
    expect(report.findings.map((f) => [f.ruleId, f.file, f.line, f.endLine, f.level])).toEqual([
      [RULE, "analysis.ipynb", line, line, "actionable"],
    ]);
    expect(report.findings[0]!.message).toBe(
      "Cell 3 was last run before cell 2 above it (execution count [3] against [7]), so the saved outputs may depend on state a top-to-bottom run does not build.",
    );
    expect(report.findings[0]!.assistantPrompt).toContain("cell 3, line 1");
  });

  it("fires on a cell never run between cells that were, naming the cell", async () => {
    const nb = notebook([
      ["a = 1", 1],
      ["b = 2", null],
      ["", null],
      ["print(a)", 2],
      ["c = 3", null],
    ]);
    const report = await reviewTree({ "nb.ipynb": nb }, [notebookOutOfOrder]);
    expect(report.findings.map((f) => [f.line, f.message])).toEqual([
      [
        ipynbLine(nb, "b = 2"),
        "Cell 2 was never run, yet cells below it were (cell 4 shows [2]), so the saved outputs come from a run that skipped it.",
      ],
    ]);
  });

  it("fires on a cell saved with an error, naming the error type and never its value", async () => {
    const nb = notebook([
      ["df = load()", 1],
      ["df['label']", 2, "KeyError"],
      ["print(df)", 3],
    ]);
    const report = await reviewTree({ "nb.ipynb": nb }, [notebookOutOfOrder]);
    expect(report.findings.map((f) => [f.line, f.message])).toEqual([
      [
        ipynbLine(nb, "df['label']"),
        "Cell 2 was saved with an error (KeyError), so the notebook does not run from top to bottom as it stands.",
      ],
    ]);
  });

  it("stays quiet on a clean run, gaps from re-runs, a cleared notebook, unrun cells at the end and empty cells", async () => {
    const report = await reviewTree(
      {
        "clean.ipynb": notebook([
          ["a = 1", 1],
          ["b = 2", 2],
          ["c = a + b", 3],
        ]),
        "gaps.ipynb": notebook([
          ["a = 1", 4],
          ["b = 2", 9],
          ["c = a + b", 12],
        ]),
        "cleared.ipynb": notebook([
          ["a = 1", null],
          ["b = 2", null],
        ]),
        "tail.ipynb": notebook([
          ["a = 1", 1],
          ["b = 2", 2],
          ["plot(b)", null],
        ]),
        "empty.ipynb": notebook([
          ["a = 1", 1],
          ["", null],
          ["b = 2", 2],
        ]),
      },
      [notebookOutOfOrder],
    );
    expect(report.findings).toEqual([]);
  });

  it("reads only notebooks", async () => {
    const report = await reviewTree({ "script.py": "# In[3]:\nx = 1\n# In[1]:\ny = 2\n" }, [
      notebookOutOfOrder,
    ]);
    expect(report.findings).toEqual([]);
  });
});
