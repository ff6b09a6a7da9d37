import { describe, expect, it } from "vitest";
import { reviewTree } from "../../../testing/memory-fs.js";
import { envNotGitignored } from "./env-not-gitignored.js";

const RULE = "security/env-not-gitignored";
const KEY = `sk-proj-${"Qw1Er2Ty3Ui4Op5As6Df".repeat(3)}`;

describe("security/env-not-gitignored", () => {
  it("fires at the load_dotenv line when .gitignore does not list .env", async () => {
    const report = await reviewTree(
      {
        ".gitignore": "__pycache__/\n*.pyc\n.venv/\n.env.local\n",
        "app/bot.py": [
          "import os",
          "# load_dotenv() used to live here",
          "from dotenv import load_dotenv",
          "load_dotenv()",
          "key = os.environ['OPENAI_API_KEY']",
        ].join("\n"),
      },
      [envNotGitignored],
    );
    expect(report.findings.map((f) => [f.ruleId, f.file, f.line, f.level])).toEqual([
      [RULE, "app/bot.py", 4, "actionable"],
    ]);
    expect(report.findings[0]!.message).toBe(
      "This loads `.env`, but no `.gitignore` rule keeps `.env` out of git, so `git add .` would commit its keys.",
    );
  });

  it("fires when there is no .gitignore at all, for dotenv in JavaScript and a notebook magic", async () => {
    const js = await reviewTree(
      { "server.js": 'require("dotenv").config();\nconst key = process.env.OPENAI_API_KEY;\n' },
      [envNotGitignored],
    );
    expect(js.findings.map((f) => [f.file, f.line, f.message])).toEqual([
      [
        "server.js",
        1,
        "This loads `.env`, but the repository has no `.gitignore`, so `git add .` would commit its keys.",
      ],
    ]);
    const notebook = JSON.stringify({
      cells: [
        { cell_type: "code", source: "%load_ext dotenv\n%dotenv", outputs: [] },
        { cell_type: "code", source: "import os", outputs: [] },
      ],
    });
    const nb = await reviewTree({ "explore.ipynb": notebook, ".gitignore": "data/\n" }, [envNotGitignored]);
    expect(nb.findings.map((f) => [f.file, f.line])).toEqual([["explore.ipynb", 1]]);
  });

  it("fires on a tracked .env whose key names are still empty, and on an explicit path", async () => {
    const tracked = await reviewTree(
      {
        ".env": "OPENAI_API_KEY=\nMODEL=gpt-4o-mini\n",
        "bot.py": "from dotenv import load_dotenv\nload_dotenv()\n",
      },
      [envNotGitignored],
    );
    expect(tracked.findings.map((f) => [f.file, f.line, f.message])).toEqual([
      [
        "bot.py",
        2,
        "This loads `.env`, which git tracks: once real keys go into it, the next commit includes them.",
      ],
    ]);
    const explicit = await reviewTree(
      {
        ".gitignore": ".env\n",
        "bot.py": "from dotenv import load_dotenv\nload_dotenv('config/secrets.env')\n",
      },
      [envNotGitignored],
    );
    expect(explicit.findings.map((f) => f.message)).toEqual([
      "This loads `config/secrets.env`, but no `.gitignore` rule keeps `config/secrets.env` out of git, so `git add .` would commit its keys.",
    ]);
  });

  it("stays quiet when .gitignore covers .env by any pattern, here or in the loader's folder", async () => {
    for (const [gitignorePath, rules] of [
      [".gitignore", ".env\n"],
      [".gitignore", "*.env\n"],
      [".gitignore", ".env*\n!.env.example\n"],
      [".gitignore", "**/.env\n"],
      ["app/.gitignore", ".env\n"],
      [".gitignore", "app/\n"],
    ] as const) {
      const report = await reviewTree(
        { [gitignorePath]: rules, "app/bot.py": "from dotenv import load_dotenv\nload_dotenv()\n" },
        [envNotGitignored],
      );
      expect(report.findings, `${gitignorePath}: ${rules}`).toEqual([]);
    }
  });

  it("stays quiet with no loader, a loader only in comments or tests, or a committed .env of public defaults", async () => {
    const report = await reviewTree(
      {
        "bot.py":
          "import os\n# from dotenv import load_dotenv; load_dotenv()\nkey = os.environ['OPENAI_API_KEY']\n",
        "tests/test_bot.py": "from dotenv import load_dotenv\nload_dotenv()\n",
        "README.md": "Call `load_dotenv()` first.\n",
      },
      [envNotGitignored],
    );
    expect(report.findings).toEqual([]);
    const nextjs = await reviewTree(
      {
        "web/.env": "NEXT_PUBLIC_API_URL=http://localhost:8000\n",
        "web/server.ts": 'import "dotenv/config";\n',
      },
      [envNotGitignored],
    );
    expect(nextjs.findings).toEqual([]);
  });

  it("leaves a committed .env with real keys to security/env-file-committed", async () => {
    const report = await reviewTree(
      { ".env": `OPENAI_API_KEY=${KEY}\n`, "bot.py": "from dotenv import load_dotenv\nload_dotenv()\n" },
      [envNotGitignored],
    );
    expect(report.findings).toEqual([]);
  });
});
