import { describe, expect, it } from "vitest";
import { reviewTree } from "../../../testing/memory-fs.js";
import { ipynbLine, jupyterJson } from "../../../testing/notebook.js";
import { retriesDisabled } from "./retries-disabled.js";

const RULE = "llm-reliability/retries-disabled";
const found = async (tree: Record<string, string>) =>
  (await reviewTree(tree, [retriesDisabled])).findings.map((f) => [f.ruleId, f.file, f.line, f.message]);

describe(RULE, () => {
  it("fires on max_retries=0 on an SDK client, a LangChain model and with_options", async () => {
    expect(
      await found({
        "bot.py": [
          "from openai import OpenAI",
          "from langchain_openai import ChatOpenAI",
          "client = OpenAI(",
          "    timeout=30,",
          "    max_retries=0,",
          ")",
          'llm = ChatOpenAI(model="gpt-4o-mini", max_retries=0)',
          "fast = client.with_options(max_retries=0)",
        ].join("\n"),
      }),
    ).toEqual([
      [
        RULE,
        "bot.py",
        5,
        "`max_retries=0` on `OpenAI` turns off the automatic retries for rate limits and server errors.",
      ],
      [
        RULE,
        "bot.py",
        7,
        "`max_retries=0` on `ChatOpenAI` turns off the automatic retries for rate limits and server errors.",
      ],
      [
        RULE,
        "bot.py",
        8,
        "`max_retries=0` on `with_options` turns off the automatic retries for rate limits and server errors.",
      ],
    ]);
  });

  it("fires on maxRetries: 0 in TypeScript and in a notebook", async () => {
    const notebook = jupyterJson({
      cells: [
        {
          cell_type: "code",
          source: "import anthropic\nc = anthropic.Anthropic(max_retries=0)",
          outputs: [],
        },
      ],
    });
    expect(
      await found({
        "src/llm.ts":
          'import Anthropic from "@anthropic-ai/sdk";\nconst client = new Anthropic({ maxRetries: 0 });\n',
        "explore.ipynb": notebook,
      }),
    ).toEqual([
      [
        RULE,
        "explore.ipynb",
        ipynbLine(notebook, "c = anthropic.Anthropic(max_retries=0)"),
        "In cell 1, line 2: `max_retries=0` on `Anthropic` turns off the automatic retries for rate limits and server errors.",
      ],
      [
        RULE,
        "src/llm.ts",
        2,
        "`maxRetries: 0` on `Anthropic` turns off the automatic retries for rate limits and server errors.",
      ],
    ]);
  });

  it("stays quiet when the code retries on its own (tenacity, a retry loop, a caught RateLimitError)", async () => {
    expect(
      await found({
        "a.py": [
          "from openai import OpenAI",
          "from tenacity import retry, stop_after_attempt",
          "client = OpenAI(max_retries=0)",
        ].join("\n"),
        "b.py": [
          "import openai",
          "client = openai.OpenAI(max_retries=0)",
          "for attempt in range(5):",
          "    try:",
          "        return client.chat.completions.create(model='m', messages=[])",
          "    except openai.RateLimitError:",
          "        time.sleep(2 ** attempt)",
        ].join("\n"),
        "src/c.ts": [
          "const client = new OpenAI({ maxRetries: 0 });",
          "try { await call(); } catch (err) { if (err instanceof OpenAI.RateLimitError) await later(); }",
        ].join("\n"),
      }),
    ).toEqual([]);
  });

  it("stays quiet on other retry counts, other libraries, and test files", async () => {
    expect(
      await found({
        "bot.py": [
          "from openai import OpenAI",
          "client = OpenAI(max_retries=5)",
          "session = requests.adapters.HTTPAdapter(max_retries=0)",
          "job = queue.enqueue(work, max_retries=0)",
        ].join("\n"),
        "tests/test_bot.py": "from openai import OpenAI\nclient = OpenAI(max_retries=0)\n",
      }),
    ).toEqual([]);
  });
});
