import { describe, expect, it } from "vitest";
import { reviewTree } from "../../../testing/memory-fs.js";
import { ipynbLine, jupyterJson } from "../../../testing/notebook.js";
import { arithmeticAskedOfLlm } from "./arithmetic-asked-of-llm.js";

const RULE = "llm-mechanics/arithmetic-asked-of-llm";
const found = async (tree: Record<string, string>) =>
  (await reviewTree(tree, [arithmeticAskedOfLlm])).findings.map((f) => [f.ruleId, f.file, f.line, f.message]);

describe(RULE, () => {
  it("fires on prompts that ask for totals, word counts and sorting, at the line of the request", async () => {
    expect(
      await found({
        "expenses.py": [
          "from openai import OpenAI",
          'SYSTEM_PROMPT = """You are a budgeting assistant.',
          'Calculate the total of the expenses below and say if the user is over budget."""',
          "",
          "def words(text):",
          '    p = f"Count the number of words in this text: {text}"',
          "    return client.chat.completions.create(model=M, messages=[{'role': 'user', 'content': p}])",
          "",
          "def order(items):",
          "    return client.chat.completions.create(model=M, messages=[",
          '        {"role": "user", "content": f"Sort these products by price: {items}"},',
          "    ])",
        ].join("\n"),
      }),
    ).toEqual([
      [
        RULE,
        "expenses.py",
        3,
        'The prompt says "Calculate the total", which code computes exactly and a model only guesses.',
      ],
      [
        RULE,
        "expenses.py",
        6,
        'The prompt says "Count the number of words", which code computes exactly and a model only guesses.',
      ],
      [
        RULE,
        "expenses.py",
        11,
        'The prompt says "Sort these products by price", which code computes exactly and a model only guesses.',
      ],
    ]);
  });

  it("fires in TypeScript and in a LangChain template in a notebook", async () => {
    const notebook = jupyterJson({
      cells: [
        { cell_type: "code", source: "from langchain_core.prompts import ChatPromptTemplate", outputs: [] },
        {
          cell_type: "code",
          source: 'tpl = ChatPromptTemplate.from_template("What is the average of these scores? {scores}")',
          outputs: [],
        },
      ],
    });
    expect(
      await found({
        "src/stats.ts": [
          'import OpenAI from "openai";',
          "const res = await client.chat.completions.create({",
          `  messages: [{ role: "user", content: \`How many words are in this essay? \${essay}\` }],`,
          "});",
        ].join("\n"),
        "grades.ipynb": notebook,
      }),
    ).toEqual([
      [
        RULE,
        "grades.ipynb",
        ipynbLine(notebook, "tpl = ChatPromptTemplate"),
        'In cell 2, line 1: The prompt says "What is the average of", which code computes exactly and a model only guesses.',
      ],
      [
        RULE,
        "src/stats.ts",
        3,
        'The prompt says "How many words", which code computes exactly and a model only guesses.',
      ],
    ]);
  });

  it("fires on a prompt constant in a prompts module of a project that calls the API over HTTP", async () => {
    expect(
      await found({
        "summarize.py": 'import requests\nAPI_URL = "https://api.openai.com/v1/chat/completions"\n',
        "prompts.py": [
          "STATS_PROMPT = (",
          '    "Count how many times each word appears in the article below, "',
          '    "and list the 10 most frequent words.\\n\\n"',
          ")",
        ].join("\n"),
      }),
    ).toEqual([
      [
        RULE,
        "prompts.py",
        2,
        'The prompt says "Count how many times", which code computes exactly and a model only guesses.',
      ],
    ]);
  });

  it("stays quiet when code computes the number and the model explains it, or a tool does the math", async () => {
    expect(
      await found({
        "expenses.py": [
          "from openai import OpenAI",
          "total = sum(r['amount'] for r in rows)",
          'prompt = f"My expenses total {total}. Explain in one sentence whether I am over budget."',
          'TOOL_PROMPT = "Use the calculator tool to compute the total of the invoice."',
          'CODE_PROMPT = "Write Python code that counts the words in the file."',
          'SUMMARY_PROMPT = "Summarize the document in at most 100 words."',
          'CLASSIFY_PROMPT = "Classify the sentiment and compute a confidence score."',
        ].join("\n"),
      }),
    ).toEqual([]);
  });

  it("stays quiet on strings that are not prompts, on tests, and without a model library", async () => {
    expect(
      await found({
        "report.py": [
          "import openai",
          'print("Calculate the total of the expenses")',
          'log.info("count the number of words: %d", n)',
          '"""Docstring: sort the rows by date in ascending order."""',
        ].join("\n"),
        "tests/test_eval.py": 'import openai\nPROMPT = "How many words are in this sentence?"\n',
      }),
    ).toEqual([]);
    expect(
      (
        await reviewTree({ "x.py": 'PROMPT = "Calculate the total of the numbers"\n' }, [
          arithmeticAskedOfLlm,
        ])
      ).findings,
    ).toEqual([]);
  });
  it("fires on a JSON field that asks for the number of words in the input (held-out corpus)", async () => {
    expect(
      await found({
        "summarise.py": "from openai import OpenAI\n",
        "prompts.py": [
          'SUMMARY_PROMPT = """Summarise the meeting notes below.',
          "Return a JSON object with these keys:",
          '- "bullets": 3 to 6 bullet points',
          '- "word_count": the number of words in the original notes',
          '"""',
        ].join("\n"),
      }),
    ).toEqual([
      [
        RULE,
        "prompts.py",
        4,
        'The prompt says "number of words in the original notes", which code computes exactly and a model only guesses.',
      ],
    ]);
  });

  it("fires on a request to count items per group and sort the groups by that count", async () => {
    const tree = (prompt: string) => ({
      "report.ts": [
        'import OpenAI from "openai";',
        "const openai = new OpenAI();",
        "const completion = await openai.chat.completions.create({",
        '  model: "gpt-4o-mini",',
        `  messages: [{ role: "user", content: \`Tickets:\\n\${lines}\\n\\n${prompt}\` }],`,
        "});",
      ].join("\n"),
    });
    const count = await found(tree("Count how many tickets there are in each category, then summarise."));
    expect(count.map((f) => f.slice(0, 3))).toEqual([[RULE, "report.ts", 5]]);
    expect(count[0]![3]).toContain('"Count how many tickets there are in each"');
    const sort = await found(tree("List the categories sorted from most to fewest tickets."));
    expect(sort.map((f) => f.slice(0, 3))).toEqual([[RULE, "report.ts", 5]]);
  });

  it("stays quiet on an order of judgement (most to least urgent) and on counting handed to a tool", async () => {
    const tree = (prompt: string) => ({
      "report.py": [
        "from openai import OpenAI",
        "client = OpenAI()",
        `client.chat.completions.create(model=M, messages=[{"role": "user", "content": f"{lines} ${prompt}"}])`,
      ].join("\n"),
    });
    expect(
      await found(tree("Group the tickets by theme and sort the themes from most to least urgent.")),
    ).toEqual([]);
    expect(
      await found(tree("Call the tally tool to count how many tickets there are in each category.")),
    ).toEqual([]);
  });

  it("stays quiet on a length limit for the model's own output", async () => {
    expect(
      await found({
        "summarise.py": "from openai import OpenAI\n",
        "prompts.py": [
          'SUMMARY_PROMPT = """Summarise the notes in at most 5 bullets.',
          "The number of sentences in the summary must not exceed 6.",
          "Keep the number of words per bullet under 20.",
          '"""',
        ].join("\n"),
      }),
    ).toEqual([]);
  });
});
