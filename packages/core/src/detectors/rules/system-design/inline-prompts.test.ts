import { describe, expect, it } from "vitest";
import { reviewTree } from "../../../testing/memory-fs.js";
import { ipynbLine, jupyterJson } from "../../../testing/notebook.js";
import { inlinePrompts } from "./inline-prompts.js";

const RULE = "system-design/inline-prompts";
const found = async (tree: Record<string, string>) =>
  (await reviewTree(tree, [inlinePrompts])).findings.map((f) => [f.ruleId, f.file, f.line, f.message]);

const LONG = [
  "You are a careful assistant (for students).",
  "Answer only from the context.",
  "Don't guess.",
  "Context: {context}",
];
const pyCall = (fn: string) =>
  [
    `def ${fn}(context):`,
    "    return client.chat.completions.create(",
    "        model=MODEL,",
    `        messages=[{"role": "system", "content": f"""${LONG.join("\n")}"""}],`,
    "    )",
  ].join("\n");

describe(RULE, () => {
  it("reports once, at the first call, when 3+ model calls carry long inline prompts", async () => {
    expect(
      await found({
        "bot.py": `from openai import OpenAI\n\n${pyCall("answer")}\n\n${pyCall("summarize")}`,
        "src/grade.ts": [
          'import OpenAI from "openai";',
          "const r = await client.chat.completions.create({",
          "  model,",
          `  messages: [{ role: "system", content: \`${"Grade the essay (0-10) on clarity, structure and evidence. ".repeat(6)}\${essay}\` }],`,
          "});",
        ].join("\n"),
      }),
    ).toEqual([
      [RULE, "bot.py", 4, "Long prompts are written inline at 3 model calls in 2 files, starting here."],
    ]);
  });

  it("counts calls in a notebook and a LangChain invoke", async () => {
    const notebook = jupyterJson({
      cells: [
        {
          cell_type: "code",
          source: "from langchain_openai import ChatOpenAI\nllm = ChatOpenAI()",
          outputs: [],
        },
        { cell_type: "code", source: `r = llm.invoke("""${LONG.join("\n")}""")`, outputs: [] },
        {
          cell_type: "code",
          source: `r = llm.invoke("""${LONG.join("\n")}""")\nr = llm.invoke("""${LONG.join("\n")}""")`,
          outputs: [],
        },
      ],
    });
    expect(await found({ "explore.ipynb": notebook })).toEqual([
      [
        RULE,
        "explore.ipynb",
        ipynbLine(notebook, 'r = llm.invoke("""'),
        "In cell 2, line 1: Long prompts are written inline at 3 model calls, starting here.",
      ],
    ]);
  });

  it("stays quiet when prompts live in a module and calls pass names, or prompts are short", async () => {
    expect(
      await found({
        "prompts.py": `ANSWER = """${LONG.join("\n")}"""\nSUMMARY = """${LONG.join("\n")}"""\n`,
        "bot.py": [
          "from openai import OpenAI",
          "from prompts import ANSWER, SUMMARY",
          'a = client.chat.completions.create(model=M, messages=[{"role": "system", "content": ANSWER.format(context=c)}])',
          'b = client.chat.completions.create(model=M, messages=[{"role": "system", "content": SUMMARY}])',
          'c = client.chat.completions.create(model=M, messages=[{"role": "user", "content": f"Summarize: {text}"}])',
          'd = client.chat.completions.create(model=M, messages=[{"role": "user", "content": "Say hi"}])',
        ].join("\n"),
      }),
    ).toEqual([]);
  });

  it("stays quiet on two sites, long strings outside calls or in comments, and tests", async () => {
    expect(
      await found({
        "bot.py": [
          "from openai import OpenAI",
          pyCall("a"),
          pyCall("b"),
          `# client.chat.completions.create(messages="""${LONG.join("\n# ")}""")`,
          `NOTE = """client.chat.completions.create(${LONG.join("\n")})"""`,
        ].join("\n"),
        "tests/test_bot.py": `from openai import OpenAI\n${pyCall("t")}\n${pyCall("u")}`,
      }),
    ).toEqual([]);
  });
});
