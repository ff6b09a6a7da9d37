import { describe, expect, it } from "vitest";
import { reviewTree } from "../../../testing/memory-fs.js";
import { envFileCommitted } from "./env-file-committed.js";

const RULE = "security/env-file-committed";
// Built from pieces so no secret-shaped literal sits in this file.
const KEY = `sk-proj-${"Zq9Xw8Vu7Ts6Rp5On4Ml".repeat(3)}`;
const DB_PASSWORD = ["hunter", "2", "-prod"].join("");

describe("security/env-file-committed", () => {
  it("fires once for a committed .env with a key, counts the values and never shows them", async () => {
    const report = await reviewTree(
      {
        ".env": `# keys\nOPENAI_API_KEY=${KEY}\nDB_PASSWORD="${DB_PASSWORD}"\nMODEL=gpt-4o-mini\n`,
        "bot.py": "from dotenv import load_dotenv\nload_dotenv()\n",
      },
      [envFileCommitted],
    );
    expect(report.findings.map((f) => [f.ruleId, f.file, f.line, f.level])).toEqual([
      [RULE, ".env", null, "essential"],
    ]);
    expect(report.findings[0]!.message).toBe(
      "`.env` is in the repository (no `.gitignore` rule keeps it out) and sets 2 secret-looking values (not shown here).",
    );
    const json = JSON.stringify(report);
    for (const secret of [KEY, KEY.slice(10, 30), DB_PASSWORD, "OPENAI_API_KEY", "DB_PASSWORD"]) {
      expect(json).not.toContain(secret);
    }
  });

  it("names several env files in one finding, including a .local file with no secret-named value", async () => {
    const report = await reviewTree(
      {
        "backend/.env": `ANTHROPIC_API_KEY=${KEY}\n`,
        "web/.env.local": "NEXT_PUBLIC_SITE=https://example.com\n",
        "web/.env.production": `STRIPE_SECRET=${KEY}\n`,
      },
      [envFileCommitted],
    );
    expect(report.findings.map((f) => [f.file, f.message])).toEqual([
      [
        "backend/.env",
        "`backend/.env`, `web/.env.local` and 1 more are in the repository (no `.gitignore` rule keeps them out) and set 2 secret-looking values (not shown here).",
      ],
    ]);
  });

  it("stays quiet when .gitignore keeps .env out, and on templates with empty or placeholder values", async () => {
    const report = await reviewTree(
      {
        ".gitignore": ".env\n.env.*.local\n",
        ".env": `OPENAI_API_KEY=${KEY}\n`,
        "app/.env.development.local": `OPENAI_API_KEY=${KEY}\n`,
        ".env.example": `OPENAI_API_KEY=\nHF_TOKEN=your-token-here\n`,
        ".env.sample": "OPENAI_API_KEY=sk-...\n",
        "web/.env.template": 'SECRET_KEY="<generate one>"\n',
        "bot.py": "import os\nkey = os.environ['OPENAI_API_KEY']\n",
      },
      [envFileCommitted],
    );
    expect(report.findings).toEqual([]);
  });

  it("fires on a committed .env whose keys are placeholders when no code loads it (the loader rule covers that case)", async () => {
    const env = {
      ".env": "OPENAI_API_KEY=paste-your-key-here\n",
      "docker-compose.yml": "services:\n  app:\n    env_file: .env\n",
    };
    const report = await reviewTree(env, [envFileCommitted]);
    expect(report.findings.map((f) => [f.file, f.line, f.message])).toEqual([
      [
        ".env",
        null,
        "`.env` is in the repository (no `.gitignore` rule keeps it out); its keys are placeholders now, so the real ones would be committed once filled in.",
      ],
    ]);
    const loaded = await reviewTree({ ...env, "bot.py": "from dotenv import load_dotenv\nload_dotenv()\n" }, [
      envFileCommitted,
    ]);
    expect(loaded.findings).toEqual([]);
  });

  it("stays quiet on a committed .env of public defaults (the Next.js and Vite convention)", async () => {
    const report = await reviewTree(
      {
        "web/.env": "NEXT_PUBLIC_API_URL=http://localhost:8000\nMODEL=gpt-4o-mini\n",
        "web/.env.production": `NEXT_PUBLIC_API_URL=https://api.example.com\nAPI_KEY=\${API_KEY}\n`,
        "docs/env.md": `Put \`OPENAI_API_KEY=${KEY.slice(0, 8)}...\` in \`.env\`.\n`,
      },
      [envFileCommitted],
    );
    expect(report.findings).toEqual([]);
  });
});
