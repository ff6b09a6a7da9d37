import { describe, expect, it } from "vitest";
import { reviewTree } from "../../../testing/memory-fs.js";
import { ipynbLine, jupyterJson } from "../../../testing/notebook.js";
import { highTemperatureExtraction } from "./high-temperature-extraction.js";

const RULE = "llm-mechanics/high-temperature-extraction";
const found = async (tree: Record<string, string>) =>
  (await reviewTree(tree, [highTemperatureExtraction])).findings.map((f) => [
    f.ruleId,
    f.file,
    f.line,
    f.message,
  ]);

describe(RULE, () => {
  it("fires on a high temperature with response_format, an extract prompt held in a name, or a classify function", async () => {
    expect(
      await found({
        "extract.py": [
          "from openai import OpenAI",
          'PROMPT = "Extract the invoice number and total from the text."',
          "",
          "def fields(text):",
          "    return client.chat.completions.create(",
          "        model=MODEL,",
          "        temperature=1.2,",
          "        messages=[{'role': 'system', 'content': PROMPT}, {'role': 'user', 'content': text}],",
          "    )",
          "",
          "def classify_ticket(text):",
          "    return client.chat.completions.create(model=MODEL, temperature=0.9, messages=[])",
          "",
          "def answer(q):",
          "    return client.chat.completions.create(model=MODEL, temperature=1, messages=m, response_format={'type': 'json_object'})",
        ].join("\n"),
      }),
    ).toEqual([
      [RULE, "extract.py", 7, "`temperature=1.2` is set on a call that asks the model to extract."],
      [
        RULE,
        "extract.py",
        12,
        "`temperature=0.9` is set on a call that runs in `classify_ticket`, a task with one right answer.",
      ],
      [
        RULE,
        "extract.py",
        15,
        "`temperature=1` is set on a call that asks for structured output (`response_format`).",
      ],
    ]);
  });

  it("fires on a grading call that must answer with one fixed word", async () => {
    expect(
      await found({
        "commands/quiz.js": [
          'import OpenAI from "openai";',
          "export async function check(question, answer) {",
          "  const completion = await openai.chat.completions.create({",
          '    model: "gpt-4o-mini",',
          "    temperature: 1.1,",
          "    messages: [",
          '      { role: "system", content: "You grade a student\'s answer. Reply with exactly one word: CORRECT or INCORRECT." },',
          "    ],",
          "  });",
          "}",
        ].join("\n"),
      }),
    ).toEqual([
      [RULE, "commands/quiz.js", 5, "`temperature: 1.1` is set on a call that asks the model to grade."],
    ]);
  });

  it("fires on a LangChain model built hot and used with with_structured_output, and in TypeScript", async () => {
    expect(
      await found({
        "chain.py": [
          "from langchain_openai import ChatOpenAI",
          'llm = ChatOpenAI(model="gpt-4o-mini", temperature=0.8)',
          "extractor = llm.with_structured_output(Invoice)",
        ].join("\n"),
        "src/label.ts": [
          'import OpenAI from "openai";',
          "export async function labelReview(text: string) {",
          "  return client.chat.completions.create({ model, temperature: 1.5, messages });",
          "}",
        ].join("\n"),
      }),
    ).toEqual([
      [
        RULE,
        "chain.py",
        2,
        "`temperature=0.8` is set on a call that returns structured output (`with_structured_output`).",
      ],
      [
        RULE,
        "src/label.ts",
        3,
        "`temperature: 1.5` is set on a call that runs in `labelReview`, a task with one right answer.",
      ],
    ]);
  });

  it("fires on the project's own model wrapper, with a prompt imported from a prompts module", async () => {
    expect(
      await found({
        "lib/openai.ts": [
          "export async function chat(messages: Msg[], options: Options = {}) {",
          '  const res = await fetch("https://api.openai.com/v1/chat/completions", { method: "POST", body: "" });',
          "  return (await res.json()).choices[0].message.content;",
          "}",
        ].join("\n"),
        "lib/prompts.ts":
          "export const KEYWORDS_PROMPT = `Extract the 5 most important keywords from the text.`;\n",
        "app/api/keywords/route.ts": [
          'import { chat } from "../../../lib/openai";',
          'import { KEYWORDS_PROMPT } from "../../../lib/prompts";',
          "export async function POST(req: Request) {",
          '  const messages = [{ role: "system", content: KEYWORDS_PROMPT }];',
          "  const raw = await chat(messages, { temperature: 1.2 });",
          "  const story = await chat(storyMessages, { temperature: 1.2 });",
          "}",
        ].join("\n"),
      }),
    ).toEqual([
      [
        RULE,
        "app/api/keywords/route.ts",
        5,
        "`temperature: 1.2` is set on a call that asks the model to extract.",
      ],
    ]);
  });

  it("stays quiet on low temperatures, creative prompts, chat without structure, and reasoning models", async () => {
    expect(
      await found({
        "bot.py": [
          "from openai import OpenAI",
          "def extract(text):",
          "    return client.chat.completions.create(model=M, temperature=0, messages=m)",
          "def story(topic):",
          '    p = f"Write a short story about {topic}. Reply in JSON with title and story."',
          "    return client.chat.completions.create(model=M, temperature=1.1, messages=[{'role': 'user', 'content': p}], response_format={'type': 'json_object'})",
          "def chat(m):",
          "    return client.chat.completions.create(model=M, temperature=0.9, messages=m)",
          "def parse_reply(text):",
          '    return client.chat.completions.create(model="o3-mini", temperature=1, messages=m)',
          "def classify(text):",
          "    return client.chat.completions.create(model=M, temperature=TEMP, messages=m)",
        ].join("\n"),
      }),
    ).toEqual([]);
  });

  it("stays quiet on files that call no model and on a hot model used only for chat", async () => {
    expect(
      await found({
        "sampler.py": "import torch\ndef classify(x):\n    return sample(logits, temperature=1.0)\n",
        "chain.py":
          'from langchain_openai import ChatOpenAI\nllm = ChatOpenAI(temperature=0.9)\nanswer = llm.invoke("Tell me about Rome")\n',
      }),
    ).toEqual([]);
  });

  it("fires in a notebook on Ollama options", async () => {
    const notebook = jupyterJson({
      cells: [
        { cell_type: "code", source: "import ollama", outputs: [] },
        {
          cell_type: "code",
          source:
            "r = ollama.chat(model='llama3.2', format='json', options={'temperature': 1.0}, messages=m)",
          outputs: [],
        },
      ],
    });
    expect(await found({ "explore.ipynb": notebook })).toEqual([
      [
        RULE,
        "explore.ipynb",
        ipynbLine(notebook, "r = ollama.chat("),
        "In cell 2, line 1: `'temperature': 1.0` is set on a call that asks for structured output (`format`).",
      ],
    ]);
  });
});
