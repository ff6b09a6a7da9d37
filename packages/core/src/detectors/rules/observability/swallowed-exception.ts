// observability/swallowed-exception: an except block whose whole body is `pass`, so failures vanish.

import { LineReader } from "../../../snapshot/source-file.js";
import { lineMatches } from "../../lib/needles.js";
import { indentOf, stripComment } from "../../lib/python-text.js";
import type { FileDetector, RawFinding } from "../../types.js";

const EXCEPT_HEADER = /^\s*except\b[^:]*:\s*(.*)$/;
/** A line that starts with `except`, for `lineMatches` (which tries it from each line's start only). */
const EXCEPT_LINE = /^[^\S\n]*except\b/gm;
const NOTHING = /^(pass|\.\.\.|continue)$/;

export const swallowedException: FileDetector = {
  scope: "file",
  languages: ["python"],
  prefilter: /except\b/,
  meta: {
    id: "observability/swallowed-exception",
    area: "observability",
    level: "actionable",
    title: "An error is caught and thrown away without a trace",
    why: "When an `except` block only says `pass`, a failure (a file that did not parse, an API call that timed out) disappears: the program goes on with missing data and you cannot find out why the answers got worse. Observability starts with never losing an error silently.",
    tryThis:
      "Log the error with the input it failed on (`logging.warning('skipped %s: %s', path, err)`) and count how many were skipped, so a run tells you what it lost.",
    learnMore: ["https://docs.python.org/3/howto/logging.html"],
    example: {
      language: "python",
      file: "ingest.py",
      bad: "for path in files:\n    try:\n        index(path)\n    except Exception:\n        pass",
      good: 'skipped = 0\nfor path in files:\n    try:\n        index(path)\n    except UnicodeDecodeError as err:\n        skipped += 1\n        logger.warning("skipped %s: %s", path, err)\nlogger.info("indexed %d files, skipped %d", len(files) - skipped, skipped)',
    },
    goal: "Make every caught error leave a trace: log it with its input and report how many items a run skipped",
  },
  check(file) {
    // Only lines that start with `except` are read, with those under them: the file is not split.
    let lines: LineReader | undefined;
    const found: RawFinding[] = [];
    for (const m of lineMatches(file, EXCEPT_LINE, "except")) {
      lines ??= new LineReader(file.text, Boolean(file.notebook));
      const i = lines.indexAt(m.index);
      const raw = lines.line(i);
      const match = EXCEPT_HEADER.exec(stripComment(raw));
      if (!match) continue;
      const inline = match[1]!.trim();
      if (inline !== "") {
        if (NOTHING.test(inline)) found.push(at(file.path, i + 1, i + 1));
        continue;
      }
      const body: number[] = [];
      for (let j = i + 1; j < lines.count && body.length < 2; j++) {
        const line = lines.line(j);
        if (stripComment(line).trim() === "") continue;
        if (indentOf(line) <= indentOf(raw)) break;
        body.push(j);
      }
      const only = body.length === 1 ? body[0]! : undefined;
      if (only !== undefined && NOTHING.test(stripComment(lines.line(only)).trim()))
        found.push(at(file.path, i + 1, only + 1));
    }
    return found;
  },
};

const at = (file: string, line: number, endLine: number): RawFinding => ({
  file,
  line,
  endLine,
  message: "This `except` block throws the error away, so a failure here leaves no trace.",
});
