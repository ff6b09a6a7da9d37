import { describe, expect, it } from "vitest";
import { reviewTree } from "../../../testing/memory-fs.js";
import { scatteredModelName } from "./scattered-model-name.js";

const RULE = "llm-reliability/scattered-model-name";
const found = async (tree: Record<string, string>) =>
  (await reviewTree(tree, [scatteredModelName])).findings.map((f) => [f.ruleId, f.file, f.line, f.message]);

const call = (model: string) => `r = client.chat.completions.create(model="${model}", messages=m)`;

describe(RULE, () => {
  it("reports once, at the first call site, when one model name is typed at 3+ sites in 2+ files", async () => {
    expect(
      await found({
        "bot.py": ["from openai import OpenAI", "client = OpenAI()", call("gpt-4o-mini")].join("\n"),
        "grade.py": [
          "from openai import OpenAI",
          "r = client.chat.completions.create(",
          '    model="gpt-4o-mini",',
          "    messages=m,",
          ")",
          'payload = {"model": "gpt-4o-mini", "messages": m}',
        ].join("\n"),
        "src/summarize.ts": [
          'import OpenAI from "openai";',
          'const r = await client.chat.completions.create({ model: "gpt-4o-mini", messages });',
          'const s = await generateText({ model: openai("gpt-4o"), prompt });',
        ].join("\n"),
      }),
    ).toEqual([
      [RULE, "bot.py", 3, "The model name `gpt-4o-mini` is written out at 4 call sites in 3 files."],
    ]);
  });

  it("counts a default parameter and calls in one file, and mentions other repeated names", async () => {
    expect(
      await found({
        "summarize.py": [
          "import requests",
          'API_URL = "https://api.openai.com/v1/chat/completions"',
          'def call_model(messages, model="gpt-4o-mini"):',
          "    return requests.post(API_URL, json={'model': model, 'messages': messages}, timeout=30)",
          'a = call_model(m, model="gpt-4o-mini")',
          'b = call_model(m, model="gpt-4o-mini")',
          'c = call_model(m, model="gpt-4o-mini")',
        ].join("\n"),
        "src/a.js":
          'const c = { model: "gpt-4o" };\nconst d = { model: "gpt-4o" };\nconst e = { model: "gpt-4o" };',
      }),
    ).toEqual([
      [
        RULE,
        "summarize.py",
        3,
        "The model name `gpt-4o-mini` is written out at 4 call sites (and 1 more model name is repeated the same way).",
      ],
    ]);
  });

  it("stays quiet when the name is a setting defined once and imported", async () => {
    expect(
      await found({
        "config.py":
          'import os\nCHAT_MODEL = os.getenv("CHAT_MODEL", "gpt-4o-mini")\nmodel = "gpt-4o-mini"\n',
        "bot.py":
          "from openai import OpenAI\nfrom config import CHAT_MODEL\nr = client.chat.completions.create(model=CHAT_MODEL)\n",
        "grade.py":
          "from openai import OpenAI\nfrom config import CHAT_MODEL\nr = client.chat.completions.create(model=CHAT_MODEL)\n",
      }),
    ).toEqual([]);
  });

  it("stays quiet on two sites, notebooks, tests and comments", async () => {
    const notebook = JSON.stringify({
      cells: [1, 2, 3].map((n) => ({
        cell_type: "code",
        source: `import openai\n${call("gpt-4o-mini")}`,
        outputs: [],
        n,
      })),
    });
    expect(
      await found({
        "bot.py": `from openai import OpenAI\n${call("gpt-4o-mini")}\n${call("gpt-4o-mini")}`,
        "other.py": `import openai\n# ${call("gpt-4o-mini")}\n${call("gpt-4.1")}`,
        "explore.ipynb": notebook,
        "tests/test_bot.py": `${call("gpt-4o-mini")}\n${call("gpt-4o-mini")}`,
        "tests/test_grade.py": call("gpt-4.1"),
      }),
    ).toEqual([]);
  });
});
