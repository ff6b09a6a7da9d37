import { describe, expect, it } from "vitest";
import { reviewTree } from "../../../testing/memory-fs.js";
import { loggingConfigured } from "./logging-configured.js";

const RULE = "observability/logging-configured";

describe("observability/logging-configured", () => {
  it("celebrates basicConfig with a level, once, at the first place, even across lines", async () => {
    const report = await reviewTree(
      {
        "app/main.py": [
          "import logging",
          "logging.basicConfig(",
          '    format="%(asctime)s %(message)s",',
          "    level=logging.INFO,",
          ")",
        ].join("\n"),
        "worker.py": "import logging\nlogging.basicConfig(level='DEBUG')\n",
      },
      [loggingConfigured],
    );
    expect(report.findings.map((f) => [f.ruleId, f.file, f.line, f.level])).toEqual([
      [RULE, "app/main.py", 2, "celebratory"],
    ]);
    expect(report.findings[0]!.message).toBe("Logging is configured with a level (app/main.py).");
    expect(report.goals).toEqual([]);
  });

  it.each([
    ["log.py", "logging.config.dictConfig(LOGGING)"],
    ["log.py", "logger.setLevel(logging.INFO)"],
    ["log.py", "structlog.configure(processors=[])"],
    ["log.py", 'logger.add(sys.stderr, level="INFO")'],
    ["server.ts", 'const log = pino({ level: process.env.LOG_LEVEL ?? "info" });'],
    ["server.js", "const logger = winston.createLogger({ level: 'info', transports: [] });"],
  ])("celebrates %s: `%s`", async (path, line) => {
    const report = await reviewTree({ [path]: `import x\n${line}\n` }, [loggingConfigured]);
    expect(report.findings.map((f) => [f.file, f.line])).toEqual([[path, 2]]);
  });

  it("stays quiet on basicConfig without a level, getLogger alone, comments, docs and tests", async () => {
    const report = await reviewTree(
      {
        "app.py": [
          "import logging",
          "logging.basicConfig(format='%(message)s')  # level=logging.INFO later",
          "logger = logging.getLogger(__name__)",
          "# logging.basicConfig(level=logging.DEBUG)",
          "logger.info('started')",
        ].join("\n"),
        "README.md": "Call `logging.basicConfig(level=logging.INFO)`.\n",
        "tests/conftest.py": "import logging\nlogging.basicConfig(level=logging.DEBUG)\n",
        "web/log.ts": "// const log = pino({ level: 'info' });\nconsole.log('x');\n",
      },
      [loggingConfigured],
    );
    expect(report.findings).toEqual([]);
  });
});
