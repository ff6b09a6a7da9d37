import { describe, expect, it } from "vitest";
import { reviewTree } from "../../../testing/memory-fs.js";
import { ipynbLine, jupyterJson } from "../../../testing/notebook.js";
import { secretsFromEnvironment } from "./secrets-from-environment.js";

const RULE = "security/secrets-from-environment";
const CONFIG =
  'import os\nfrom dotenv import load_dotenv\n\nload_dotenv()\nOPENAI_API_KEY = os.environ["OPENAI_API_KEY"]\n';

describe("security/secrets-from-environment", () => {
  it("celebrates reading an API key from the environment, once, at its line", async () => {
    const report = await reviewTree(
      {
        "config.py": CONFIG,
        "bot.py": 'import os\nHF = os.getenv("HF_TOKEN")\n',
        ".env.example": "OPENAI_API_KEY=\nHF_TOKEN=\n",
      },
      [secretsFromEnvironment],
    );
    expect(report.findings.map((f) => [f.ruleId, f.file, f.line, f.level])).toEqual([
      [RULE, "bot.py", 2, "celebratory"],
    ]);
    expect(report.findings[0]!.message).toBe("API keys are read from the environment (bot.py).");
    expect(report.goals).toEqual([]);
  });

  it.each([
    ["app.py", 'key = os.environ.get("ANTHROPIC_API_KEY")'],
    ["app.py", "token = os.getenv('GITHUB_TOKEN', '')"],
    ["app.py", 'client = OpenAI(api_key=os.environ ["OPENAI_API_KEY"])'],
    ["server.ts", "const openai = new OpenAI({ apiKey: process.env.OPENAI_API_KEY });"],
    ["server.js", 'const secret = process.env["JWT_SECRET"];'],
  ])("celebrates %s: `%s`", async (path, line) => {
    const report = await reviewTree({ [path]: `// x\n${line}\n` }, [secretsFromEnvironment]);
    expect(report.findings.map((f) => [f.ruleId, f.file, f.line, f.level])).toEqual([
      [RULE, path, 2, "celebratory"],
    ]);
  });

  it("celebrates a notebook that reads its key from the environment, when .gitignore keeps .env out", async () => {
    const notebook = jupyterJson({
      cells: [
        { cell_type: "markdown", source: "# Setup" },
        { cell_type: "code", source: ["import os\n", "key = os.getenv('OPENAI_API_KEY')"], outputs: [] },
      ],
    });
    const report = await reviewTree(
      { "explore.ipynb": notebook, ".gitignore": ".env\n", ".env": "OPENAI_API_KEY=local-only\n" },
      [secretsFromEnvironment],
    );
    expect(report.findings.map((f) => [f.ruleId, f.file, f.line, f.level])).toEqual([
      [RULE, "explore.ipynb", ipynbLine(notebook, "key = os.getenv('OPENAI_API_KEY')"), "celebratory"],
    ]);
  });

  it("stays quiet when an env file is committed, at the root or in a folder, but not for a template", async () => {
    for (const env of [".env", "app/.env", ".env.local", "web/.env.production"]) {
      const report = await reviewTree({ "config.py": CONFIG, [env]: "OPENAI_API_KEY=\n" }, [
        secretsFromEnvironment,
      ]);
      expect(report.findings).toEqual([]);
    }
    const template = await reviewTree({ "config.py": CONFIG, ".env.example": "OPENAI_API_KEY=\n" }, [
      secretsFromEnvironment,
    ]);
    expect(template.findings.map((f) => f.file)).toEqual(["config.py"]);
  });

  it("stays quiet when keys are written into the environment in code, or only named in docs", async () => {
    const report = await reviewTree(
      {
        "setup.py": [
          "import os",
          'os.environ["OPENAI_API_KEY"] = "paste-your-key"',
          "os.environ['HF_TOKEN']='x'",
          'DATA_DIR = os.getenv("DATA_DIR", "data")',
          'api_key = "not-from-the-environment"',
        ].join("\n"),
        "web/setup.js": 'process.env.OPENAI_API_KEY = "paste-your-key";\nprocess.env["API_TOKEN"] = "x";\n',
        "README.md": 'Set it with `os.environ["OPENAI_API_KEY"]` or `process.env.OPENAI_API_KEY`.\n',
        "notes.txt": 'os.getenv("OPENAI_API_KEY")\n',
      },
      [secretsFromEnvironment],
    );
    expect(report.findings).toEqual([]);
  });

  it("still celebrates a key that is compared, not assigned", async () => {
    const report = await reviewTree(
      {
        "check.py":
          'import os\nif os.environ["OPENAI_API_KEY"] == "":\n    raise SystemExit("set the key")\n',
      },
      [secretsFromEnvironment],
    );
    expect(report.findings.map((f) => [f.file, f.line])).toEqual([["check.py", 2]]);
  });
});
