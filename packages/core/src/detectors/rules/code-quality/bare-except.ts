// code-quality/bare-except: `except:` with no exception type catches everything, even Ctrl-C.
import { lineOf } from "../../../parse/syntax.js";
import type { SourceFile } from "../../../snapshot/types.js";
import { codeLinesMatching, maskedLines, pythonBlocksOf } from "../../lib/python-text.js";
import type { FileDetector, RawFinding } from "../../types.js";

export const bareExcept: FileDetector = {
  scope: "file",
  languages: ["python"],
  prefilter: /except\s*:/,
  meta: {
    id: "code-quality/bare-except",
    area: "code-quality",
    level: "actionable",
    title: "A bare `except:` catches every error, including the ones you did not expect",
    why: "`except:` with no type also catches typos (NameError), Ctrl-C (KeyboardInterrupt) and exits, so real bugs turn into silent wrong behaviour. Naming the error you expect documents what can go wrong and lets the rest surface.",
    tryThis:
      "Ask yourself which error this line is guarding against (a missing file? a timeout? bad JSON?), catch only that type, and log it.",
    learnMore: ["https://docs.python.org/3/tutorial/errors.html#handling-exceptions"],
    example: {
      language: "python",
      file: "app.py",
      bad: 'try:\n    answer = ask(question)\nexcept:\n    answer = "Sorry"',
      good: 'try:\n    answer = ask(question)\nexcept openai.APITimeoutError as err:\n    logger.warning("model timed out: %s", err)\n    answer = "Sorry, try again in a minute"',
    },
    goal: "Replace every bare `except:` with the specific exception types you expect, and log what was caught",
  },
  check(file, { syntaxAround }) {
    // A comment or a string saying `except:` is no candidate.
    const candidates = codeLinesMatching(file, /\bexcept\s*:/g);
    if (candidates.length === 0) return [];
    // The text settles an `except:` that starts its line and continues a `try:`, as the block reader sees them;
    // only the functions around the others are parsed.
    const code = maskedLines(file);
    const blocks = pythonBlocksOf(file);
    const found: RawFinding[] = [];
    const unsettled: number[] = [];
    for (const line of candidates) {
      const head = blocks?.chainHeadOf(line) ?? null;
      if (head !== null && BARE.test(code[line - 1]!) && TRY.test(code[head - 1]!))
        found.push(bare(file, line));
      else unsettled.push(line);
    }
    if (unsettled.length === 0) return found;
    const tree = syntaxAround(unsettled);
    if (!tree) return found;
    const settled = new Set(found.map((f) => f.line));
    for (const { node } of tree.captures("(except_clause) @except")) {
      if (!tree.complete(node) || settled.has(lineOf(node))) continue;
      // `except:` has only its block (and perhaps a comment); `except ValueError:` names a type.
      const typed = node.namedChildren.some((c) => c !== null && c.type !== "block" && c.type !== "comment");
      if (!typed) found.push(bare(file, lineOf(node)));
    }
    return found.sort((a, b) => a.line! - b.line!);
  },
};

/** An `except` with no type, starting its line; a `try` with its colon. */
const BARE = /^\s*except\s*:/;
const TRY = /^\s*try\s*:/;

const bare = (file: SourceFile, line: number): RawFinding => ({
  file: file.path,
  line,
  message: "`except:` here catches every error, not only the one you expect.",
});
