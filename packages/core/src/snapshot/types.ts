// What a review sees of a repository: the files it read, what it skipped and why, and (in PR mode) what changed.

export type Language = "python" | "javascript" | "typescript" | "markdown" | "text";

export type SkipReason =
  | "binary"
  | "minified"
  | "vendored"
  | "generated"
  | "oversized"
  | "unreadable"
  | "symlink"
  | "invalid-notebook"
  | "ignored-by-config";

export interface NotebookCell {
  /** 1-based position of the cell among all cells of the notebook, as Jupyter shows it. */
  index: number;
  /** 1-based line in the flattened code where this cell starts. */
  startLine: number;
  lineCount: number;
  executionCount: number | null;
  /** Text of the cell's outputs (stream, results, errors), so rules can look for leaked secrets or errors. */
  outputText: string;
  hasError: boolean;
}

export interface SourceFile {
  /** Relative to the snapshot root, "/"-separated. */
  path: string;
  bytes: number;
  language: Language;
  /** The file's text; for a notebook, its code cells joined by newlines (see `notebook`). */
  text: string;
  lines: string[];
  notebook?: {
    cells: NotebookCell[];
    /** For each line of `lines` (at index line - 1), the 1-based line of the .ipynb file where it sits. */
    ipynbLines: number[];
  };
}

export interface SkippedFile {
  path: string;
  reason: SkipReason;
  bytes: number | null;
}

export interface ChangedFile {
  path: string;
  status: "added" | "modified" | "deleted" | "renamed";
  /** New-side line numbers added or changed by the diff. */
  addedLines: ReadonlySet<number>;
}

export interface Snapshot {
  /** How to name the reviewed tree to a person, e.g. "examples/bylaws-bot". */
  name: string;
  /** Every file of the tree that is not ignored, read or not: repo-level rules ask "are there tests at all". */
  paths: string[];
  /** Files whose text was read. */
  files: SourceFile[];
  skipped: SkippedFile[];
  /** Set in PR mode: only these changes are reviewed file by file. */
  changes: ChangedFile[] | null;
}
