import { describe, expect, it } from "vitest";
import { reviewTree } from "../../../testing/memory-fs.js";
import { printDebugging } from "./print-debugging.js";

const RULE = "observability/print-debugging";

describe("observability/print-debugging", () => {
  it("fires once in a FastAPI module, at the first print inside a function, with the count", async () => {
    const report = await reviewTree(
      {
        "app/main.py": [
          "from fastapi import FastAPI",
          "app = FastAPI()",
          "print('starting')",
          "",
          "@app.post('/ask')",
          "def ask(question: str):",
          "    print('got question', question)",
          "    try:",
          "        return answer(question)",
          "    except Exception as err:",
          "        print('failed:', err)",
          "        raise",
        ].join("\n"),
      },
      [printDebugging],
    );
    expect(report.findings.map((f) => [f.ruleId, f.file, f.line, f.level])).toEqual([
      [RULE, "app/main.py", 7, "informative"],
    ]);
    expect(report.findings[0]!.message).toBe(
      "This module reports through `print` in 2 places (first here), where a logger would add levels and timestamps.",
    );
  });

  it("fires in a module that other code imports, but not in its __main__ block", async () => {
    const report = await reviewTree(
      {
        "rag/retriever.py": [
          "def search(query, k=3):",
          "    hits = index.search(query, k)",
          "    print(f'found {len(hits)} hits')",
          "    return hits",
          "",
          "if __name__ == '__main__':",
          "    print(search('test'))",
        ].join("\n"),
        "rag/bot.py": "from rag.retriever import search\n",
        "rag/chunker.py": "def chunk(text):\n    print('chunking')\n    return [text]\n",
        "ingest.py": "from rag import chunker\n",
      },
      [printDebugging],
    );
    expect(report.findings.map((f) => [f.file, f.line, f.message])).toEqual([
      [
        "rag/chunker.py",
        2,
        "This module reports through `print` here, where a logger would add a level and a timestamp.",
      ],
      [
        "rag/retriever.py",
        3,
        "This module reports through `print` here, where a logger would add a level and a timestamp.",
      ],
    ]);
  });

  it("fires on console.log in an Express handler, but not the listen callback or a browser script", async () => {
    const report = await reviewTree(
      {
        "server.js": [
          'import express from "express";',
          "const app = express();",
          'console.log("booting");',
          'app.post("/api/chat", async (req, res) => {',
          '  console.log("incoming chat", req.body);',
          "  res.json({ ok: true });",
          "});",
          'app.listen(3000, () => console.log("running on 3000"));',
        ].join("\n"),
        "public/chat.js": "function add(text) {\n  console.log(text);\n}\n",
        "cli.ts":
          'import { Command } from "commander";\nimport express from "express";\nfunction go() {\n  console.log("x");\n}\n',
        "app/api/ask/route.ts":
          "export async function POST(req: Request) {\n  console.debug(await req.json());\n}\n",
      },
      [printDebugging],
    );
    expect(report.findings.map((f) => [f.file, f.line, f.message])).toEqual([
      [
        "app/api/ask/route.ts",
        2,
        "This module reports through `console.debug` here, where a logger would add a level and a timestamp.",
      ],
      [
        "server.js",
        5,
        "This module reports through `console.log` here, where a logger would add a level and a timestamp.",
      ],
    ]);
  });

  it("fires on console.log in a module a bot imports, but not on its ready message", async () => {
    const report = await reviewTree(
      {
        "bot.js": [
          'import { Client } from "discord.js";',
          'import { makeQuiz } from "./commands/quiz.js";',
          "const client = new Client({ intents: [] });",
          'client.once("ready", (c) => console.log("Logged in as " + c.user.tag));',
        ].join("\n"),
        "commands/quiz.js": [
          'import { openai } from "../lib/llm.js";',
          "export async function makeQuiz(topic) {",
          "  const quiz = await ask(topic);",
          '  console.log("quiz generated", quiz);',
          "  return quiz;",
          "}",
        ].join("\n"),
        "lib/format.js": "export function show(x) {\n  console.log(x);\n}\n",
      },
      [printDebugging],
    );
    expect(report.findings.map((f) => [f.file, f.line])).toEqual([["commands/quiz.js", 4]]);
  });

  it("stays quiet on scripts, CLIs, interactive programs, notebooks and tests", async () => {
    const notebook = JSON.stringify({
      cells: [{ cell_type: "code", source: "import streamlit\ndef f():\n    print('x')", outputs: [] }],
    });
    const report = await reviewTree(
      {
        "train.py": "def train():\n    print('epoch 1')\n",
        "cli.py": "from fastapi import FastAPI\ndef run():\n    print('x')\n",
        "scripts/ingest.py": "from flask import Flask\ndef go():\n    print('x')\n",
        "chat.py": "from fastapi import FastAPI\ndef loop():\n    q = input('> ')\n    print(q)\n",
        "evaluate.py": "import argparse\nfrom fastapi import FastAPI\ndef main2():\n    print('score')\n",
        "explore.ipynb": notebook,
        "tests/test_api.py": "from fastapi import FastAPI\ndef helper():\n    print('x')\n",
      },
      [printDebugging],
    );
    expect(report.findings).toEqual([]);
  });

  it("stays quiet on a module whose name only matches a library's submodule", async () => {
    const report = await reviewTree(
      {
        "tools.py": "def search(q):\n    print('searching', q)\n",
        "app/agent.py": "from langchain.tools import tool\nfrom langchain_core import tools\n",
      },
      [printDebugging],
    );
    expect(report.findings).toEqual([]);
  });

  it("stays quiet on module-level prints, printing helpers and modules that use a logger", async () => {
    const report = await reviewTree(
      {
        "server.py": [
          "from flask import Flask",
          "import logging",
          "logger = logging.getLogger(__name__)",
          "print('loaded config')",
          "",
          "def print_routes(app):",
          "    print(app.url_map)",
          "",
          "def __repr__(self):",
          "    return 'x'",
          "",
          "def handle():",
          "    logger.info('handled')",
          "    # print('debug')",
        ].join("\n"),
      },
      [printDebugging],
    );
    expect(report.findings).toEqual([]);
  });
});
