// Test helpers for notebooks: a fixture saved the way Jupyter saves it, and where a piece of code sits in its JSON.

/** A notebook's JSON as Jupyter writes it: one-space indent, so each string of a `source` array has its own line. */
export function jupyterJson(notebook: unknown): string {
  return `${JSON.stringify(notebook, null, 1)}\n`;
}

/**
 * The 1-based line of the .ipynb text where `code` first occurs (as JSON writes it inside a string), at or after
 * the first occurrence of `after` when given: read from the fixture's text, so tests do not restate the mapping.
 */
export function ipynbLine(json: string, code: string, after?: string): number {
  const encode = (s: string) => JSON.stringify(s).slice(1, -1);
  const from = after === undefined ? 0 : json.indexOf(encode(after));
  const at = from === -1 ? -1 : json.indexOf(encode(code), from);
  if (at === -1) throw new Error(`not in the notebook: ${code}`);
  return json.slice(0, at).split("\n").length;
}
