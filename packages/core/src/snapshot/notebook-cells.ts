// Where a line of a file's code sits: in the file as stored, and in a notebook's cells. Apart from the notebook
// reader (notebook.ts), which validates with zod: detector workers need these and not the reader.
import type { NotebookCell, SourceFile } from "./types.js";

/**
 * The line of the file itself that holds a line of the file's code: the same line for most files, the .ipynb line
 * for a notebook; null for a line the notebook does not have.
 */
export function fileLineOf(file: Pick<SourceFile, "notebook">, line: number): number | null {
  if (!file.notebook) return line;
  return file.notebook.ipynbLines[line - 1] ?? null;
}

/** Where a line of flattened notebook code lives, in the words Jupyter uses. */
export function cellOf(cells: readonly NotebookCell[], line: number): { cell: number; line: number } | null {
  for (const c of cells) {
    if (line >= c.startLine && line < c.startLine + c.lineCount)
      return { cell: c.index, line: line - c.startLine + 1 };
  }
  return null;
}
