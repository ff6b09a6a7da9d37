// The code a finding points at, read from its file: its line (the fingerprint hashes it) and the lines the
// assistant prompt shows. Read where the rule ran (see `keep` in detectors/run.ts), while the file's line starts
// are at hand; the review reads it here only for findings that come without it.
import type { LineReader } from "../snapshot/source-file.js";

/** The most lines of code an assistant prompt quotes. */
const MAX_PROMPT_CODE_LINES = 12;

export interface FindingText {
  /** The finding's line as the file has it; "" for a finding with no line, or one past the file's end. */
  code: string;
  /**
   * Lines `line` to `endLine` (at most MAX_PROMPT_CODE_LINES) for the assistant prompt; null for a secret's finding
   * (its code is never quoted) or one with no line.
   */
  excerpt: string | null;
}

export function findingText(
  lines: LineReader,
  line: number | null,
  endLine: number | null | undefined,
  sensitive: boolean,
): FindingText {
  const code = line !== null && line >= 1 && line <= lines.count ? lines.line(line - 1) : "";
  if (line === null || sensitive) return { code, excerpt: null };
  const last = Math.min(endLine ?? line, line + MAX_PROMPT_CODE_LINES - 1, lines.count);
  const out: string[] = [];
  for (let i = Math.max(1, line); i <= last; i++) out.push(lines.line(i - 1));
  return { code, excerpt: out.join("\n") };
}
