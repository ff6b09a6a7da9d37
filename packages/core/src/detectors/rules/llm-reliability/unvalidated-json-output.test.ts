import { describe, expect, it } from "vitest";
import { reviewTree } from "../../../testing/memory-fs.js";
import { ipynbLine, jupyterJson } from "../../../testing/notebook.js";
import { unvalidatedJsonOutput } from "./unvalidated-json-output.js";

const RULE = "llm-reliability/unvalidated-json-output";

describe("llm-reliability/unvalidated-json-output", () => {
  it("fires on json.loads of a model reply with no try, at the json.loads line", async () => {
    const report = await reviewTree(
      {
        "bot.py": [
          "import json",
          "from openai import OpenAI",
          "",
          "client = OpenAI()",
          "",
          "def classify(text):",
          "    response = client.chat.completions.create(model='gpt-4o-mini', messages=[])",
          "    data = json.loads(response.choices[0].message.content)",
          "    return data['label']",
        ].join("\n"),
      },
      [unvalidatedJsonOutput],
    );
    expect(report.findings.map((f) => [f.ruleId, f.file, f.line])).toEqual([[RULE, "bot.py", 8]]);
    expect(report.findings[0]!.message).toContain("`json.loads`");
  });

  it("fires for other providers and reply names, once per call", async () => {
    const report = await reviewTree(
      {
        "agent.py": [
          "import json, anthropic",
          "msg = anthropic.Anthropic().messages.create(model='m', max_tokens=10, messages=[])",
          "plan = json.loads(msg.content[0].text)",
          "tools = json.loads(llm_output)",
          "answer = json.loads(reply)",
        ].join("\n"),
        "chain.py":
          "import json\nfrom langchain_openai import ChatOpenAI\nout = json.loads(completion.strip())\n",
      },
      [unvalidatedJsonOutput],
    );
    expect(report.findings.map((f) => [f.file, f.line])).toEqual([
      ["agent.py", 3],
      ["agent.py", 4],
      ["agent.py", 5],
      ["chain.py", 3],
    ]);
  });

  it("fires when the parse sits in the except branch, not the try", async () => {
    const report = await reviewTree(
      {
        "bot.py": [
          "import json",
          "import openai",
          "try:",
          "    reply = ask()",
          "except openai.APIError:",
          "    data = json.loads(response.output_text)",
        ].join("\n"),
      },
      [unvalidatedJsonOutput],
    );
    expect(report.findings.map((f) => f.line)).toEqual([6]);
  });

  it("fires in a notebook whose import is in an earlier cell, and names the cell", async () => {
    const notebook = jupyterJson({
      cells: [
        {
          cell_type: "code",
          source: ["import json\n", "from openai import OpenAI"],
          execution_count: 1,
          outputs: [],
        },
        { cell_type: "markdown", source: "Ask the model" },
        {
          cell_type: "code",
          source: [
            "r = OpenAI().responses.create(model='m', input='hi')\n",
            "data = json.loads(r.output_text)",
          ],
          execution_count: 2,
          outputs: [],
        },
      ],
    });
    const report = await reviewTree({ "explore.ipynb": notebook }, [unvalidatedJsonOutput]);
    expect(report.findings.map((f) => [f.ruleId, f.file, f.line])).toEqual([
      [RULE, "explore.ipynb", ipynbLine(notebook, "data = json.loads(r.output_text)")],
    ]);
    expect(report.findings[0]!.assistantPrompt).toContain("cell 3, line 2");
  });

  it("stays quiet when the parse of model output is inside try, however deep", async () => {
    const report = await reviewTree(
      {
        "bot.py": [
          "import json",
          "from openai import OpenAI",
          "",
          "def classify(text):",
          "    response = OpenAI().chat.completions.create(model='m', messages=[])",
          "    try:",
          "        data = json.loads(response.choices[0].message.content)",
          "    except json.JSONDecodeError:",
          "        return None",
          "    for attempt in range(3):",
          "        try:",
          "            with timer():",
          "                if attempt:",
          "                    data = json.loads(reply)",
          "        except ValueError as err:",
          "            log(err)",
        ].join("\n"),
      },
      [unvalidatedJsonOutput],
    );
    expect(report.findings).toEqual([]);
  });

  it("stays quiet on json.loads of files and configs, comments, and files that call no model", async () => {
    const report = await reviewTree(
      {
        "bot.py": [
          "import json",
          "from openai import OpenAI",
          "config = json.loads(open('config.json').read())",
          "rows = json.loads(path.read_text())",
          "# data = json.loads(response.choices[0].message.content)",
          "text = json.dumps(response)",
        ].join("\n"),
        "server.py": "import json\nimport requests\nbody = json.loads(response.text)\n",
      },
      [unvalidatedJsonOutput],
    );
    expect(report.findings).toEqual([]);
  });

  it("fires on JSON.parse of a completion in TypeScript, and stays quiet inside try or on a config file", async () => {
    const report = await reviewTree(
      {
        "src/extract.ts": [
          'import OpenAI from "openai";',
          "const client = new OpenAI();",
          "export async function extract(text: string) {",
          '  const completion = await client.chat.completions.create({ model: "gpt-4o-mini", messages: [] });',
          '  return JSON.parse(completion.choices[0].message.content ?? "{}");',
          "}",
          "export async function safe(text: string) {",
          "  try {",
          "    return JSON.parse(completion.choices[0].message.content);",
          "  } catch {",
          "    return null;",
          "  }",
          "}",
          'const settings = JSON.parse(readFileSync("settings.json", "utf8"));',
        ].join("\n"),
      },
      [unvalidatedJsonOutput],
    );
    expect(report.findings.map((f) => [f.file, f.line, f.message])).toEqual([
      [
        "src/extract.ts",
        5,
        "The model's reply is parsed with `JSON.parse` and nothing handles a reply that is not valid JSON.",
      ],
    ]);
  });
  it("follows a reply from the project's own wrapper imported from another file", async () => {
    const report = await reviewTree(
      {
        "lib/openai.ts": [
          "export async function chat(messages: Msg[]): Promise<string> {",
          '  const res = await fetch("https://api.openai.com/v1/chat/completions", { method: "POST", body: "" });',
          "  return (await res.json()).choices[0].message.content;",
          "}",
        ].join("\n"),
        "app/api/keywords/route.ts": [
          'import { chat } from "../../../lib/openai";',
          "export async function POST(req: Request) {",
          "  const raw = await chat(messages);",
          "  const keywords: string[] = JSON.parse(raw);",
          "  const body = JSON.parse(await req.text());",
          "  return Response.json({ keywords });",
          "}",
        ].join("\n"),
      },
      [unvalidatedJsonOutput],
    );
    expect(report.findings.map((f) => [f.ruleId, f.file, f.line])).toEqual([
      [RULE, "app/api/keywords/route.ts", 4],
    ]);
  });
});
