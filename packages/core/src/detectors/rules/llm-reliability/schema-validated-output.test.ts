import { describe, expect, it } from "vitest";
import { reviewTree } from "../../../testing/memory-fs.js";
import { schemaValidatedOutput } from "./schema-validated-output.js";

const RULE = "llm-reliability/schema-validated-output";
const found = async (tree: Record<string, string>) =>
  (await reviewTree(tree, [schemaValidatedOutput])).findings.map((f) => [
    f.ruleId,
    f.level,
    f.file,
    f.line,
    f.message,
  ]);

describe(RULE, () => {
  it("celebrates once, at the first structured-output call", async () => {
    expect(
      await found({
        "answer.py": [
          "from openai import OpenAI",
          "# client.chat.completions.parse(...) was tried first",
          "completion = client.beta.chat.completions.parse(",
          "    model=MODEL, messages=messages, response_format=Answer,",
          ")",
        ].join("\n"),
        "extract.py":
          "from langchain_openai import ChatOpenAI\nllm = ChatOpenAI().with_structured_output(Invoice)\n",
      }),
    ).toEqual([
      [
        RULE,
        "celebratory",
        "answer.py",
        3,
        "Model replies are parsed into a schema (`client.beta.chat.completions.parse` in answer.py).",
      ],
    ]);
  });

  it("celebrates zod structured output in TypeScript", async () => {
    expect(
      await found({
        "src/extract.ts": [
          'import { zodResponseFormat } from "openai/helpers/zod";',
          "const r = await client.chat.completions.parse({ model, messages, response_format: zodResponseFormat(Invoice, 'invoice') });",
        ].join("\n"),
      }),
    ).toEqual([
      [
        RULE,
        "celebratory",
        "src/extract.ts",
        2,
        "Model replies are parsed into a schema (`client.chat.completions.parse` in src/extract.ts).",
      ],
    ]);
  });

  it("stays quiet on plain json.loads, mentions in comments and strings, and tests", async () => {
    expect(
      await found({
        "bot.py": [
          "import json",
          "data = json.loads(response.choices[0].message.content)",
          "# TODO: use with_structured_output(Answer)",
          'NOTE = "see client.beta.chat.completions.parse(...) in the docs"',
          "args = parser.parse(argv)",
        ].join("\n"),
        "tests/test_bot.py":
          "r = client.beta.chat.completions.parse(model=M, messages=[], response_format=A)\n",
      }),
    ).toEqual([]);
  });
});
