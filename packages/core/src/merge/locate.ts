// Where a finding sits in the file the learner has: for a notebook, lines of the .ipynb file and the cell, in words.
import type { DetectedFinding } from "../detectors/run.js";
import { cellOf, fileLineOf } from "../snapshot/notebook-cells.js";
import type { SourceFile } from "../snapshot/types.js";

export interface Placement {
  line: number | null;
  endLine: number | null;
  message: string;
  /** For the assistant prompt: "app.py, line 3", "nb.ipynb, cell 4, line 2". */
  where: string | null;
}

/**
 * Rules see a notebook as its flattened code; a learner, a diff and GitHub see the .ipynb file and Jupyter's cells.
 * A notebook finding gets the file's lines, and its message names the cell so the spot can be found in Jupyter.
 */
export function locate(d: DetectedFinding, file: SourceFile | undefined): Placement {
  const endLine = d.line === null ? null : (d.endLine ?? d.line);
  const plain = { line: d.line, endLine, message: d.message, where: describe(d.file, d.line, endLine) };
  if (!file?.notebook || d.line === null || endLine === null) return plain;

  const cell = cellWords(file.notebook.cells, d.line, endLine);
  const index = cellOf(file.notebook.cells, d.line)?.cell;
  const line = fileLineOf(file, d.line);
  const last = line === null ? null : (fileLineOf(file, endLine) ?? line);
  return {
    line,
    endLine: last,
    // A message that already names its cell ("Cell 4 was never run") needs no second mention.
    message: cell === null || namesCell(d.message, index) ? d.message : `In ${cell}: ${d.message}`,
    where: cell === null ? describe(d.file, line, last) : `${d.file}, ${cell}`,
  };
}

/** "cell 4, line 2", "cell 4, lines 2-5", "cells 4-5"; null for a line outside every cell. */
export function cellWords(cells: Parameters<typeof cellOf>[0], line: number, endLine: number): string | null {
  const start = cellOf(cells, line);
  if (!start) return null;
  const end = cellOf(cells, endLine) ?? start;
  if (end.cell !== start.cell) return `cells ${start.cell}-${end.cell}`;
  return end.line !== start.line
    ? `cell ${start.cell}, lines ${start.line}-${end.line}`
    : `cell ${start.cell}, line ${start.line}`;
}

const namesCell = (message: string, index: number | undefined) =>
  index !== undefined && new RegExp(`\\bcell ${index}\\b`, "i").test(message);

function describe(file: string | null, line: number | null, endLine: number | null): string | null {
  if (file === null) return null;
  if (line === null) return file;
  return endLine !== null && endLine !== line ? `${file}, lines ${line}-${endLine}` : `${file}, line ${line}`;
}
