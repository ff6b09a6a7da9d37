// observability/logging-configured (strength): the project sets up logging with a level, once, where it starts.

import { literalGate } from "../../lib/needles.js";
import { callArguments, stripComment } from "../../lib/python-text.js";
import { isTestPath } from "../../repo-view.js";
import type { RepoDetector } from "../../types.js";

const CODE = /\.(py|ipynb|[cm]?[jt]sx?)$/;
/** Set-ups that configure levels in one call: dictConfig/fileConfig, structlog, loguru sinks, a logger's level. */
const CONFIGURED =
  /\blogging\.config\.(dictConfig|fileConfig)\s*\(|\b(dictConfig|fileConfig)\s*\(|\bstructlog\.configure\s*\(|\.setLevel\s*\(\s*(logging\.)?[A-Z]|\blogger\.add\s*\([^)]*\blevel\s*=/;
const BASIC_CONFIG = /\blogging\.basicConfig\s*\(/;
/** JS/TS loggers created with a level: pino, winston, bunyan, log4js. */
const JS_CONFIGURED =
  /\bpino\s*\(\s*\{[^}]*\blevel\b|\b(winston|bunyan)\.createLogger\s*\(|\blog4js\.configure\s*\(/;
const CONFIGURED_GATE = literalGate([CONFIGURED, BASIC_CONFIG, JS_CONFIGURED]);

export const loggingConfigured: RepoDetector = {
  scope: "repo",
  meta: {
    id: "observability/logging-configured",
    area: "observability",
    level: "celebratory",
    title: "Logging is set up with a level",
    why: "A configured logger gives every message a time, a level and its module, so a run can be read after the fact and the noise turned down without touching code. It is the base for everything else in observability: timing model calls, counting tokens, tracing a bad answer back to its input.",
    tryThis:
      "Go one step further: log each model call with its latency and token counts at INFO level, and check you can answer 'which request was slowest today' from the logs alone.",
    learnMore: ["https://docs.python.org/3/howto/logging.html", "https://www.structlog.org/en/stable/"],
    example: {
      language: "python",
      file: "app.py",
      bad: 'print("answered in", elapsed)',
      good: 'logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s %(message)s")\nlogger = logging.getLogger(__name__)\nlogger.info("answered in %.2fs", elapsed)',
    },
    goal: "Log every model call with its latency and token counts",
  },
  check(repo) {
    for (const file of repo.files) {
      if (!CODE.test(file.path) || isTestPath(file.path) || !CONFIGURED_GATE.mayMatch(file)) continue;
      const python = file.language === "python";
      for (let i = 0; i < file.lines.length; i++) {
        const line = python ? stripComment(file.lines[i]!) : file.lines[i]!.replace(/^\s*\/\/.*$/, "");
        let configured = python ? CONFIGURED.test(line) : JS_CONFIGURED.test(line);
        if (!configured && python) {
          const basic = BASIC_CONFIG.exec(line);
          if (basic) {
            const args = callArguments(file.lines, i, basic.index + basic[0].length - 1);
            configured =
              args !== null && /\blevel\s*=/.test(args.text.split("\n").map(stripComment).join("\n"));
          }
        }
        if (configured) {
          return [
            { file: file.path, line: i + 1, message: `Logging is configured with a level (${file.path}).` },
          ];
        }
      }
    }
    return [];
  },
};
