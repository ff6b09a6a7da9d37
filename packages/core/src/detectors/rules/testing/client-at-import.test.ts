import { describe, expect, it } from "vitest";
import { reviewTree } from "../../../testing/memory-fs.js";
import { clientAtImport } from "./client-at-import.js";

const RULE = "testing/client-at-import";
const RAG = [
  "import os",
  "from openai import OpenAI",
  "",
  "client = OpenAI()",
  "",
  "def build_prompt(question, chunks):",
  "    return question + '\\n'.join(chunks)",
  "",
  "def answer(question):",
  "    return client.responses.create(model='gpt-4o-mini', input=question).output_text",
].join("\n");

describe("testing/client-at-import", () => {
  it("fires on a module-level client in a module that a test imports, at the constructor", async () => {
    const report = await reviewTree(
      {
        "rag.py": RAG,
        "tests/test_rag.py":
          "from rag import build_prompt\n\ndef test_prompt():\n    assert build_prompt('q', [])\n",
      },
      [clientAtImport],
    );
    expect(report.findings.map((f) => [f.ruleId, f.file, f.line, f.level])).toEqual([
      [RULE, "rag.py", 4, "informative"],
    ]);
    expect(report.findings[0]!.message).toBe(
      "`OpenAI()` is created when rag.py is imported, and tests/test_rag.py imports it: those tests build a real client that needs an API key.",
    );
  });

  it("names a test that imports the module through another module", async () => {
    const report = await reviewTree(
      {
        "llm.py": "from openai import OpenAI\nclient = OpenAI(max_retries=0)\n",
        "main.py": "from fastapi import FastAPI\nfrom llm import client\napp = FastAPI()\n",
        "tests/test_api.py": "from fastapi.testclient import TestClient\nfrom main import app\n",
      },
      [clientAtImport],
    );
    expect(report.findings.map((f) => [f.file, f.line, f.message])).toEqual([
      [
        "llm.py",
        2,
        "`OpenAI()` is created when llm.py is imported, and tests/test_api.py imports it (through main.py): those tests build a real client that needs an API key.",
      ],
    ]);
  });

  it("fires on a library module that app code imports, for package imports and other providers", async () => {
    const report = await reviewTree(
      {
        "src/bot/llm.py":
          "import anthropic\nfrom langchain_openai import ChatOpenAI\nllm = ChatOpenAI(model='gpt-4o-mini')\nraw = anthropic.Anthropic()\n",
        "src/bot/__init__.py": "",
        "app.py": "import streamlit as st\nfrom bot import llm\nst.write(llm.llm.invoke('hi'))\n",
      },
      [clientAtImport],
    );
    expect(report.findings.map((f) => [f.file, f.line])).toEqual([["src/bot/llm.py", 3]]);
    expect(report.findings[0]!.message).toContain("(app.py imports it), so a test of that module would");
  });

  it("fires on `new OpenAI()` in a TypeScript module imported through a relative path and an alias", async () => {
    const report = await reviewTree(
      {
        "src/lib/openai.ts": 'import OpenAI from "openai";\nexport const openai = new OpenAI();\n',
        "src/app/api/chat/route.ts":
          'import { openai } from "@/lib/openai";\nexport async function POST() {}\n',
        "test/openai.test.ts": 'import { openai } from "../src/lib/openai.js";\n',
      },
      [clientAtImport],
    );
    expect(report.findings.map((f) => [f.file, f.line])).toEqual([["src/lib/openai.ts", 2]]);
    expect(report.findings[0]!.message).toContain("`new OpenAI()` is created");
    expect(report.findings[0]!.message).toContain("test/openai.test.ts imports it");
  });

  it("stays quiet on entry scripts nobody imports, notebooks, and tests themselves", async () => {
    const notebook = JSON.stringify({
      cells: [{ cell_type: "code", source: "from openai import OpenAI\nclient = OpenAI()", outputs: [] }],
    });
    const report = await reviewTree(
      {
        "ingest.py": "from openai import OpenAI\nclient = OpenAI()\n",
        "app/api/chat/route.ts": 'import OpenAI from "openai";\nconst openai = new OpenAI();\n',
        "explore.ipynb": notebook,
        "tests/conftest.py": "from openai import OpenAI\nclient = OpenAI()\n",
        "tests/test_x.py": "import conftest\n",
      },
      [clientAtImport],
    );
    expect(report.findings).toEqual([]);
  });

  it("stays quiet when the client is built lazily, guarded, or with a key that is always there", async () => {
    const report = await reviewTree(
      {
        "llm.py": [
          "import os",
          "from functools import cache",
          "from openai import OpenAI",
          "",
          "@cache",
          "def get_client():",
          "    return OpenAI()",
          "",
          "class Bot:",
          "    def __init__(self, client=None):",
          "        self.client = client or OpenAI()",
          "",
          "local = OpenAI(base_url='http://localhost:11434/v1', api_key='ollama')",
          "fallback = OpenAI(api_key=os.getenv('OPENAI_API_KEY', 'test-key'))",
          "maybe = OpenAI() if os.getenv('OPENAI_API_KEY') else None",
          "try:",
          "    other = OpenAI()",
          "except Exception:",
          "    other = None",
          "if __name__ == '__main__':",
          "    main_client = OpenAI()",
          "# client = OpenAI()",
        ].join("\n"),
        "app.py": "from llm import get_client\n",
        "tests/test_llm.py": "import llm\n",
      },
      [clientAtImport],
    );
    expect(report.findings).toEqual([]);
  });

  it("stays quiet on a class of the same name that is not an LLM SDK, and on a generic Client", async () => {
    const report = await reviewTree(
      {
        "fake.py": "import requests\nclass OpenAI:\n    pass\nclient = OpenAI()\n",
        "db.py":
          "from openai import OpenAI\nfrom qdrant_client import QdrantClient\nfrom httpx import Client\nhttp = Client()\n",
        "app.py": "import fake\nimport db\n",
      },
      [clientAtImport],
    );
    expect(report.findings).toEqual([]);
  });
  it("stays quiet on LangChain.js ChatOpenAI and OpenAIEmbeddings built at import: they need no key until called (held-out corpus)", async () => {
    const report = await reviewTree(
      {
        "src/agent.ts": [
          'import { ChatOpenAI, OpenAIEmbeddings } from "@langchain/openai";',
          'const llm = new ChatOpenAI({ model: "gpt-4o-mini", temperature: 0.3 });',
          "const embeddings = new OpenAIEmbeddings();",
          "export const ask = (q: string) => llm.invoke(q);",
        ].join("\n"),
        "src/cli.ts": 'import { ask } from "./agent.js";\n',
        "test/agent.test.ts": 'import { ask } from "../src/agent.js";\n',
      },
      [clientAtImport],
    );
    expect(report.findings).toEqual([]);
  });
});
