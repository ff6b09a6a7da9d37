import { describe, expect, it } from "vitest";
import { reviewTree } from "../../../testing/memory-fs.js";
import { ipynbLine, jupyterJson } from "../../../testing/notebook.js";
import { tokenUsageUnread } from "./token-usage-unread.js";

const RULE = "observability/token-usage-unread";
const BOT = [
  "from openai import OpenAI",
  "client = OpenAI()",
  "",
  "def ask(q):",
  "    # response.usage is ignored for now",
  "    r = client.chat.completions.create(model='gpt-4o-mini', messages=[{'role': 'user', 'content': q}])",
  "    return r.choices[0].message.content",
].join("\n");

describe("observability/token-usage-unread", () => {
  it("fires once, at the first model call, when nothing reads usage", async () => {
    const report = await reviewTree(
      {
        "bot.py": BOT,
        "web/chat.ts":
          'import OpenAI from "openai";\nconst r = await new OpenAI().responses.create({ model: "m", input: "x" });\n',
      },
      [tokenUsageUnread],
    );
    expect(report.findings.map((f) => [f.ruleId, f.file, f.line, f.level])).toEqual([
      [RULE, "bot.py", 6, "informative"],
    ]);
    expect(report.findings[0]!.message).toBe(
      "The project calls a model (first here) but no code reads the token counts the responses report, so cost and context use go unmeasured.",
    );
  });

  it("fires for a LangChain chain in a notebook", async () => {
    const notebook = jupyterJson({
      cells: [
        {
          cell_type: "code",
          source: "from langchain_openai import ChatOpenAI\nllm = ChatOpenAI()",
          outputs: [],
        },
        { cell_type: "code", source: "answer = llm.invoke('hello')", outputs: [] },
      ],
    });
    const report = await reviewTree({ "explore.ipynb": notebook }, [tokenUsageUnread]);
    expect(report.findings.map((f) => [f.file, f.line])).toEqual([
      ["explore.ipynb", ipynbLine(notebook, "answer = llm.invoke('hello')")],
    ]);
  });

  it("fires on a model API called with fetch or requests, with no SDK installed", async () => {
    const report = await reviewTree(
      {
        "lib/openai.ts": [
          "export async function chat(messages: unknown[]) {",
          '  const res = await fetch("https://api.openai.com/v1/chat/completions", {',
          '    method: "POST",',
          "    body: JSON.stringify({ model: 'gpt-4o-mini', messages }),",
          "  });",
          "  return (await res.json()).choices[0].message.content;",
          "}",
        ].join("\n"),
      },
      [tokenUsageUnread],
    );
    expect(report.findings.map((f) => [f.file, f.line])).toEqual([["lib/openai.ts", 2]]);
    const python = await reviewTree(
      {
        "ask.py": [
          "import requests",
          'API_URL = "https://api.anthropic.com/v1/messages"',
          "def ask(q):",
          "    return requests.post(API_URL, json={'messages': [q]}, timeout=30).json()",
        ].join("\n"),
      },
      [tokenUsageUnread],
    );
    expect(python.findings.map((f) => [f.file, f.line])).toEqual([["ask.py", 4]]);
    const reads = await reviewTree(
      {
        "ask.py": [
          "import requests",
          'API_URL = "https://api.openai.com/v1/chat/completions"',
          "def ask(q):",
          "    data = requests.post(API_URL, json={}, timeout=30).json()",
          "    print(data['usage']['total_tokens'])",
        ].join("\n"),
      },
      [tokenUsageUnread],
    );
    expect(reads.findings).toEqual([]);
  });

  it.each([
    ["logs.py", "def log(r):\n    logger.info('tokens %d', r.usage.total_tokens)\n"],
    ["cost.py", "from langchain_community.callbacks import get_openai_callback\n"],
    ["meta.py", "tokens = msg.usage_metadata['total_tokens']\n"],
    ["web/track.ts", "console.log(result.usage.totalTokens);\n"],
    [".env.example", "LANGSMITH_TRACING=true\nLANGSMITH_API_KEY=\n"],
    ["trace.py", "from langfuse.openai import openai\n"],
  ])("stays quiet when %s records token use", async (path, text) => {
    const report = await reviewTree({ "bot.py": BOT, [path]: text }, [tokenUsageUnread]);
    expect(report.findings).toEqual([]);
  });

  it("fires on a LlamaIndex query or chat engine, and stays quiet with a token counter or on a vector search", async () => {
    const rag = (extra: string[]) =>
      [
        "from llama_index.core import VectorStoreIndex",
        ...extra,
        "index = VectorStoreIndex.from_vector_store(store)",
        "engine = index.as_query_engine(similarity_top_k=4)",
        'print(engine.query("What is dropout?"))',
        'chat_engine.chat("And batch norm?")',
      ].join("\n");
    const fired = await reviewTree({ "rag.py": rag([]) }, [tokenUsageUnread]);
    expect(fired.findings.map((f) => [f.ruleId, f.file, f.line])).toEqual([[RULE, "rag.py", 4]]);
    const counted = rag([
      "from llama_index.core.callbacks import CallbackManager, TokenCountingHandler",
      "token_counter = TokenCountingHandler()",
    ]);
    expect((await reviewTree({ "rag.py": counted }, [tokenUsageUnread])).findings).toEqual([]);
    const search =
      'import chromadb\nfrom openai import OpenAI\nhits = collection.query(query_texts=["dropout"])\n';
    expect((await reviewTree({ "search.py": search }, [tokenUsageUnread])).findings).toEqual([]);
  });

  it("stays quiet when the only model calls are in tests or comments, or the project calls no model", async () => {
    const report = await reviewTree(
      {
        "bot.py": "from openai import OpenAI\n# r = client.chat.completions.create(model='m', messages=[])\n",
        "tests/test_bot.py":
          "from openai import OpenAI\nr = OpenAI().chat.completions.create(model='m', messages=[])\n",
      },
      [tokenUsageUnread],
    );
    expect(report.findings).toEqual([]);
    const noModel = await reviewTree({ "train.py": "import sklearn\nmodel.fit(X, y)\n" }, [tokenUsageUnread]);
    expect(noModel.findings).toEqual([]);
  });
});
