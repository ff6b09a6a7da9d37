import { describe, expect, it } from "vitest";
import { reviewTree } from "../../../testing/memory-fs.js";
import { hardcodedServiceUrl } from "./hardcoded-service-url.js";

const RULE = "system-design/hardcoded-service-url";
const found = async (tree: Record<string, string>) =>
  (await reviewTree(tree, [hardcodedServiceUrl])).findings.map((f) => [f.ruleId, f.file, f.line, f.message]);

describe(RULE, () => {
  it("fires on a local model server and databases written into client calls", async () => {
    expect(
      await found({
        "bot.py": [
          "from openai import OpenAI",
          'client = OpenAI(base_url="http://localhost:11434/v1", api_key="ollama")',
          'engine = create_engine("postgresql://db.internal:5432/app")',
          'qdrant = QdrantClient(url="http://127.0.0.1:6333")',
          'cache = redis.from_url("redis://localhost:6379/0")',
        ].join("\n"),
      }),
    ).toEqual([
      [
        RULE,
        "bot.py",
        2,
        '`base_url="http://localhost:11434/v1"` is written into the `OpenAI` call instead of read from the environment.',
      ],
      [
        RULE,
        "bot.py",
        3,
        '`"postgresql://db.internal:5432/app"` is written into the `create_engine` call instead of read from the environment.',
      ],
      [
        RULE,
        "bot.py",
        4,
        '`url="http://127.0.0.1:6333"` is written into the `QdrantClient` call instead of read from the environment.',
      ],
      [
        RULE,
        "bot.py",
        5,
        '`"redis://localhost:6379/0"` is written into the `from_url` call instead of read from the environment.',
      ],
    ]);
  });

  it("fires in TypeScript on client options and a positional connection URL", async () => {
    expect(
      await found({
        "src/db.ts": [
          'const client = new ChromaClient({ path: "http://localhost:8000" });',
          'await mongoose.connect("mongodb://localhost:27017/notes");',
        ].join("\n"),
      }),
    ).toEqual([
      [
        RULE,
        "src/db.ts",
        1,
        '`path: "http://localhost:8000"` is written into the `ChromaClient` call instead of read from the environment.',
      ],
      [
        RULE,
        "src/db.ts",
        2,
        '`"mongodb://localhost:27017/notes"` is written into the `connect` call instead of read from the environment.',
      ],
    ]);
  });

  it("fires on a module-level address setting, not on a settings class default", async () => {
    expect(
      await found({
        "pipeline.py": [
          "from sqlalchemy import create_engine",
          'DB_URL = "postgresql://localhost:5432/sales_reports"',
          'OUTPUT_DIR = "output"',
          "class Settings(BaseSettings):",
          '    database_url: str = "postgresql://localhost:5432/app"',
          "def main():",
          '    url = "http://localhost:8000"',
          "    engine = create_engine(DB_URL)",
        ].join("\n"),
        "src/config.ts": 'export const API_BASE = "http://localhost:8000/api";\n',
      }),
    ).toEqual([
      [
        RULE,
        "pipeline.py",
        2,
        '`DB_URL = "postgresql://localhost:5432/sales_reports"` is written into the code instead of read from the environment.',
      ],
      [
        RULE,
        "src/config.ts",
        1,
        '`API_BASE = "http://localhost:8000/api"` is written into the code instead of read from the environment.',
      ],
    ]);
  });

  it("stays quiet on addresses read from the environment, public APIs, servers and local files", async () => {
    expect(
      await found({
        "app.py": [
          "import os",
          'client = OpenAI(base_url=os.getenv("LLM_URL", "http://localhost:11434/v1"))',
          'router = OpenAI(base_url="https://openrouter.ai/api/v1")',
          'app.run(host="0.0.0.0", port=8000)',
          'uvicorn.run("main:app", host="127.0.0.1")',
          'db = chromadb.PersistentClient(path="chroma")',
          'engine = create_engine("sqlite:///app.db")',
          'r = requests.get("http://localhost:8000/health")',
          'engine = create_engine(f"postgresql://{HOST}/app")',
        ].join("\n"),
        "src/env.ts":
          'const client = new OpenAI({ baseURL: process.env.LLM_URL ?? "http://localhost:11434/v1" });\n',
      }),
    ).toEqual([]);
  });

  it("never quotes a URL that carries a password, and skips tests and notebooks", async () => {
    expect(
      await found({
        "db.py": 'engine = create_engine("postgresql://admin:hunter2@localhost:5432/app")\n',
        "tests/test_db.py": 'engine = create_engine("postgresql://localhost/test")\n',
        "explore.ipynb": JSON.stringify({
          cells: [
            { cell_type: "code", source: 'c = OpenAI(base_url="http://localhost:11434/v1")', outputs: [] },
          ],
        }),
      }),
    ).toEqual([]);
  });
});
