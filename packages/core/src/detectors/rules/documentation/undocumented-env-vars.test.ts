import { describe, expect, it } from "vitest";
import { reviewTree } from "../../../testing/memory-fs.js";
import { ipynbLine, jupyterJson } from "../../../testing/notebook.js";
import { undocumentedEnvVars } from "./undocumented-env-vars.js";

const RULE = "documentation/undocumented-env-vars";
const README = "# Bot\n\nSet `OPENAI_API_KEY` before running.\n";

describe("documentation/undocumented-env-vars", () => {
  it("fires once per file, listing the undocumented names, at the first read", async () => {
    const report = await reviewTree(
      {
        "README.md": README,
        ".env.example": "OPENAI_API_KEY=\n",
        "config.py": [
          "import os",
          "from os import getenv",
          "OPENAI_API_KEY = os.environ['OPENAI_API_KEY']",
          "INDEX = os.environ.get('PINECONE_INDEX', 'bylaws')",
          "KEY = getenv('PINECONE_API_KEY')",
          "HOME = os.environ['HOME']",
          "again = os.getenv('PINECONE_INDEX')",
          "os.environ['TOKENIZERS_PARALLELISM'] = 'false'",
          "name = os.getenv(f'{PREFIX}_KEY')",
        ].join("\n"),
      },
      [undocumentedEnvVars],
    );
    expect(report.findings.map((f) => [f.ruleId, f.file, f.line, f.level])).toEqual([
      [RULE, "config.py", 4, "actionable"],
    ]);
    expect(report.findings[0]!.message).toBe(
      "config.py reads `PINECONE_INDEX` and `PINECONE_API_KEY` from the environment, and neither README.md nor .env.example mentions them.",
    );
  });

  it("fires on process.env, its destructuring and import.meta.env in TypeScript", async () => {
    const report = await reviewTree(
      {
        "README.md": README,
        "src/env.ts": [
          "const key = process.env.OPENAI_API_KEY;",
          'const model = process.env["CHAT_MODEL"] ?? "gpt-4o-mini";',
          "const { QDRANT_URL, NODE_ENV } = process.env;",
          "const base = import.meta.env.VITE_API_BASE;",
          "process.env.SET_HERE = '1';",
          "const mode = import.meta.env.MODE;",
        ].join("\n"),
      },
      [undocumentedEnvVars],
    );
    expect(report.findings.map((f) => [f.file, f.line, f.message])).toEqual([
      [
        "src/env.ts",
        2,
        "src/env.ts reads `CHAT_MODEL`, `QDRANT_URL` and `VITE_API_BASE` from the environment, and README.md does not mention them.",
      ],
    ]);
  });

  it("fires in a notebook, at the line of the read", async () => {
    const notebook = jupyterJson({
      cells: [
        { cell_type: "code", source: "import os", outputs: [] },
        { cell_type: "code", source: "key = os.environ['HF_TOKEN']", outputs: [] },
      ],
    });
    const report = await reviewTree({ ".env.example": "OPENAI_API_KEY=\n", "explore.ipynb": notebook }, [
      undocumentedEnvVars,
    ]);
    expect(report.findings.map((f) => [f.file, f.line, f.message])).toEqual([
      [
        "explore.ipynb",
        ipynbLine(notebook, "key = os.environ['HF_TOKEN']"),
        "In cell 2, line 1: explore.ipynb reads `HF_TOKEN` from the environment, and .env.example does not mention it.",
      ],
    ]);
  });

  it("stays quiet when every variable is named in a README, an env template, other docs or a compose file", async () => {
    const report = await reviewTree(
      {
        "README.md": README,
        ".env.sample": "PINECONE_API_KEY=\n",
        "docs/setup.md": "Export `PINECONE_INDEX`.\n",
        "docker-compose.yml": "services:\n  app:\n    environment:\n      - REDIS_URL\n",
        "app.py": [
          "import os",
          "a = os.environ['OPENAI_API_KEY']",
          "b = os.getenv('PINECONE_API_KEY')",
          "c = os.environ.get('PINECONE_INDEX')",
          "d = os.environ['REDIS_URL']",
          "e = os.getenv('GITHUB_TOKEN')",
          "f = os.getenv('DEBUG')",
        ].join("\n"),
      },
      [undocumentedEnvVars],
    );
    expect(report.findings).toEqual([]);
  });

  it("fires on a name that only shares a prefix with a documented one", async () => {
    const report = await reviewTree(
      { "README.md": "Set OPENAI_API_KEY_OLD.\n", "app.py": "import os\nk = os.environ['OPENAI_API_KEY']\n" },
      [undocumentedEnvVars],
    );
    expect(report.findings.map((f) => f.line)).toEqual([2]);
  });

  it("stays quiet with no README or env template (missing-readme speaks), in tests, and on writes only", async () => {
    expect(
      (await reviewTree({ "app.py": "import os\nk = os.environ['OPENAI_API_KEY']\n" }, [undocumentedEnvVars]))
        .findings,
    ).toEqual([]);
    const report = await reviewTree(
      {
        "README.md": "# Bot\n",
        "tests/test_live.py": "import os\nLIVE = os.getenv('RUN_LIVE_TESTS')\n",
        "notebook_setup.py": "import os\nos.environ['OPENAI_API_KEY'] = input()\ndel os.environ['OLD']\n",
      },
      [undocumentedEnvVars],
    );
    expect(report.findings).toEqual([]);
  });
});
