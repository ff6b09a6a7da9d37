import { describe, expect, it } from "vitest";
import { reviewTree } from "../../../testing/memory-fs.js";
import { ipynbLine, jupyterJson } from "../../../testing/notebook.js";
import { uncappedAgentLoop } from "./uncapped-agent-loop.js";

const RULE = "llm-reliability/uncapped-agent-loop";
const found = async (tree: Record<string, string>) =>
  (await reviewTree(tree, [uncappedAgentLoop])).findings.map((f) => [f.ruleId, f.file, f.line, f.message]);

const AGENT = [
  "from openai import OpenAI",
  "client = OpenAI()",
  "",
  "def run(messages):",
  "    while True:",
  "        response = client.chat.completions.create(model=MODEL, messages=messages, tools=TOOLS, max_tokens=500)",
  "        message = response.choices[0].message",
  "        if not message.tool_calls:",
  "            return message.content",
  "        messages += run_tools(message.tool_calls)",
].join("\n");

describe(RULE, () => {
  it("fires on a `while True:` tool loop with no step count, at the loop", async () => {
    expect(await found({ "agent.py": AGENT })).toEqual([
      [
        RULE,
        "agent.py",
        5,
        "This `while True:` loop calls the model and its tools until the model stops, with no step limit.",
      ],
    ]);
  });

  it("fires on a loop the model's stop reason drives, through a wrapper function", async () => {
    expect(
      await found({
        "agent.py": [
          "import anthropic",
          "client = anthropic.Anthropic()",
          "def ask(messages):",
          "    return client.messages.create(model=M, max_tokens=1024, messages=messages, tools=TOOLS)",
          "def run(messages):",
          "    response = ask(messages)",
          '    while response.stop_reason == "tool_use":',
          "        messages.append(use_tools(response))",
          "        response = ask(messages)",
          "    return response",
        ].join("\n"),
      }),
    ).toEqual([
      [
        RULE,
        "agent.py",
        7,
        'This loop runs for as long as the model asks for tools (`response.stop_reason == "tool_use"`), with no step limit.',
      ],
    ]);
  });

  it("fires in TypeScript and on AgentExecutor(max_iterations=None)", async () => {
    expect(
      await found({
        "src/agent.ts": [
          'import OpenAI from "openai";',
          "export async function run(messages: Msg[]) {",
          "  while (true) {",
          "    const res = await client.chat.completions.create({ model, messages, tools });",
          "    const calls = res.choices[0].message.tool_calls;",
          "    if (!calls) return res.choices[0].message.content;",
          "    for (let i = 0; i < calls.length; i++) messages.push(await runTool(calls[i]));",
          "  }",
          "}",
        ].join("\n"),
        "chain.py": [
          "from langchain.agents import AgentExecutor",
          "executor = AgentExecutor(agent=agent, tools=tools, max_iterations=None)",
        ].join("\n"),
      }),
    ).toEqual([
      [RULE, "chain.py", 2, "`max_iterations=None` lets the agent run with no step limit."],
      [
        RULE,
        "src/agent.ts",
        3,
        "This `while (true)` loop calls the model and its tools until the model stops, with no step limit.",
      ],
    ]);
  });

  it("stays quiet on capped loops: a step counter, a counted for loop, MAX_STEPS, a deadline", async () => {
    expect(
      await found({
        "a.py": AGENT.replace(
          "    while True:",
          "    steps = 0\n    while True:\n        steps += 1\n        if steps > 10: break",
        ),
        "b.py": AGENT.replace("    while True:", "    for step in range(10):"),
        "c.py": AGENT.replace(
          "    while True:",
          "    while True:\n        if len(messages) > MAX_TURNS: break",
        ),
        "d.py": AGENT.replace(
          "    while True:",
          "    while True:\n        if time.monotonic() > stop_at: break",
        ),
        "e.py":
          "from langchain.agents import AgentExecutor\nexecutor = AgentExecutor(agent=a, tools=t, max_iterations=8)\n",
      }),
    ).toEqual([]);
  });

  it("stays quiet on a chat loop a person drives and on a loop with no tools", async () => {
    expect(
      await found({
        "chat.py": [
          "from openai import OpenAI",
          "client = OpenAI()",
          "while True:",
          '    question = input("You: ")',
          '    if question == "quit":',
          "        break",
          "    reply = client.chat.completions.create(model=M, messages=[{'role': 'user', 'content': question}], tools=T)",
          "    print(reply.choices[0].message.tool_calls)",
        ].join("\n"),
        "poll.py": [
          "from openai import OpenAI",
          "while True:",
          "    reply = client.chat.completions.create(model=M, messages=msgs)",
          "    if 'DONE' in reply.choices[0].message.content:",
          "        break",
        ].join("\n"),
        "worker.py": [
          "import openai",
          "while True:",
          "    job = queue.get()",
          "    client.chat.completions.create(model=M, messages=job.messages, tools=T)",
        ].join("\n"),
      }),
    ).toEqual([]);
  });

  it("fires in a notebook cell", async () => {
    const notebook = jupyterJson({
      cells: [
        { cell_type: "code", source: "from openai import OpenAI\nclient = OpenAI()", outputs: [] },
        { cell_type: "code", source: AGENT.split("\n").slice(3).join("\n"), outputs: [] },
      ],
    });
    const report = await reviewTree({ "agent.ipynb": notebook }, [uncappedAgentLoop]);
    expect(report.findings.map((f) => [f.file, f.line])).toEqual([
      ["agent.ipynb", ipynbLine(notebook, "while True:")],
    ]);
    expect(report.findings[0]!.assistantPrompt).toContain("cell 2, line 2");
  });
});
