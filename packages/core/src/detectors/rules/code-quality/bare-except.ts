// code-quality/bare-except: `except:` with no exception type catches everything, even Ctrl-C.
import { lineOf } from "../../../parse/syntax.js";
import { codeLinesMatching } from "../../lib/python-text.js";
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
    // Only the functions around `except:` lines are parsed; a comment or a string saying `except:` needs none.
    const candidates = codeLinesMatching(file, /\bexcept\s*:/g);
    if (candidates.length === 0) return [];
    const tree = syntaxAround(candidates);
    if (!tree) return [];
    const found: RawFinding[] = [];
    for (const { node } of tree.captures("(except_clause) @except")) {
      if (!tree.complete(node)) continue;
      // `except:` has only its block (and perhaps a comment); `except ValueError:` names a type.
      const bare = node.namedChildren.every((c) => c === null || c.type === "block" || c.type === "comment");
      if (!bare) continue;
      found.push({
        file: file.path,
        line: lineOf(node),
        message: "`except:` here catches every error, not only the one you expect.",
      });
    }
    return found;
  },
};
