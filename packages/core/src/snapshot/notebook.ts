// Flattens a Jupyter notebook to its code, with a map from each line back to the cell it came from.
import { z } from "zod";
import { cellLineMap, storedSources } from "./notebook-lines.js";
import type { NotebookCell } from "./types.js";

const source = z
  .union([z.string(), z.array(z.string())])
  .transform((s) => (Array.isArray(s) ? s.join("") : s));

const output = z
  .object({
    output_type: z.string(),
    text: source.optional(),
    data: z.record(z.string(), z.unknown()).optional(),
    ename: z.string().optional(),
    evalue: z.string().optional(),
  })
  .loose();

const cell = z
  .object({
    cell_type: z.string(),
    source: source,
    execution_count: z.number().int().nullable().optional(),
    outputs: z.array(output).optional(),
  })
  .loose();

const notebook = z.object({ cells: z.array(cell) }).loose();

export interface FlatNotebook {
  code: string;
  cells: NotebookCell[];
  /** For each line of `code` (at index line - 1), the 1-based line of the .ipynb file where it sits. */
  ipynbLines: number[];
}

function outputText(outputs: z.infer<typeof output>[]): string {
  const parts: string[] = [];
  for (const o of outputs) {
    if (o.text !== undefined) parts.push(o.text);
    const plain = o.data?.["text/plain"];
    if (typeof plain === "string") parts.push(plain);
    else if (Array.isArray(plain)) parts.push(plain.join(""));
    if (o.ename !== undefined) parts.push(`${o.ename}: ${o.evalue ?? ""}`);
  }
  return parts.join("\n");
}

/** Returns null when the text is not a notebook we can read (invalid JSON or no cells). */
export function flattenNotebook(json: string): FlatNotebook | null {
  let raw: unknown;
  try {
    raw = JSON.parse(json);
  } catch {
    return null;
  }
  const parsed = notebook.safeParse(raw);
  if (!parsed.success) return null;

  const stored = storedSources(json);
  const cells: NotebookCell[] = [];
  const chunks: string[] = [];
  const ipynbLines: number[] = [];
  let nextLine = 1;
  for (const [i, c] of parsed.data.cells.entries()) {
    if (c.cell_type !== "code") continue;
    // IPython magics (`%pip install`, `!ls`) are not Python: turned into comments of the same length, so the
    // parser reads the rest of the cell and every position stays where it was.
    const text = c.source
      .replace(/\r\n/g, "\n")
      .replace(/\n$/, "")
      .replace(/^([ \t]*)[%!]/gm, "$1#");
    const lineCount = text.split("\n").length;
    const outputs = c.outputs ?? [];
    cells.push({
      index: i + 1,
      startLine: nextLine,
      lineCount,
      executionCount: c.execution_count ?? null,
      outputText: outputText(outputs),
      hasError: outputs.some((o) => o.output_type === "error"),
    });
    chunks.push(text);
    // The tree and JSON.parse read the same valid text, so a code cell has its stored source; if a reader ever
    // disagreed, no line is better than a wrong one.
    const where = stored[i];
    if (!where) return null;
    ipynbLines.push(...cellLineMap(where, lineCount));
    nextLine += lineCount;
  }
  return { code: chunks.join("\n"), cells, ipynbLines };
}
