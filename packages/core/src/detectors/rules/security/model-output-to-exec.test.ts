import { describe, expect, it } from "vitest";
import { reviewTree } from "../../../testing/memory-fs.js";
import { ipynbLine, jupyterJson } from "../../../testing/notebook.js";
import { modelOutputToExec } from "./model-output-to-exec.js";

const RULE = "security/model-output-to-exec";
type Report = Awaited<ReturnType<typeof reviewTree>>;
const where = (report: Report) => report.findings.map((f) => [f.ruleId, f.file, f.line]);

describe("security/model-output-to-exec", () => {
  it("fires on a reply run by exec, os.system and a shell subprocess, at the sink's line", async () => {
    const report = await reviewTree(
      {
        "agent.py": [
          "import os, subprocess, json",
          "from openai import OpenAI",
          "client = OpenAI()",
          "",
          "def run_step(task):",
          "    response = client.chat.completions.create(model='gpt-4o-mini', messages=[])",
          "    code = response.choices[0].message.content",
          "    code = code.strip().removeprefix('```python')",
          "    exec(code)",
          "",
          "def shell_step(task):",
          "    completion = client.chat.completions.create(model='gpt-4o-mini', messages=[])",
          "    os.system(completion.choices[0].message.content)",
          "",
          "def tool_step(messages):",
          "    msg = client.chat.completions.create(model='m', messages=messages).choices[0].message",
          "    for call in msg.tool_calls:",
          "        args = json.loads(call.function.arguments)",
          "        subprocess.run(args['command'], shell=True)",
        ].join("\n"),
      },
      [modelOutputToExec],
    );
    expect(where(report)).toEqual([
      [RULE, "agent.py", 9],
      [RULE, "agent.py", 13],
      [RULE, "agent.py", 19],
    ]);
    expect(report.findings.map((f) => f.message)).toEqual([
      "The model's reply reaches `exec` here, so text the model writes runs as code.",
      "The model's reply reaches `os.system` here, so the model chooses the command that runs.",
      "The model's reply reaches `subprocess.run(..., shell=True)` here, so the model chooses the command that runs.",
    ]);
    expect(report.findings[0]!.level).toBe("essential");
  });

  it("fires on model-written SQL and on a reply rendered as HTML in Streamlit", async () => {
    const report = await reviewTree(
      {
        "app.py": [
          "import sqlite3",
          "import streamlit as st",
          "from langchain_openai import ChatOpenAI",
          "llm = ChatOpenAI(model='gpt-4o-mini')",
          "conn = sqlite3.connect('shop.db')",
          "",
          "def answer(question):",
          "    sql = llm.invoke(f'Write SQL for: {question}').content",
          "    cur = conn.cursor()",
          "    cur.execute(sql)",
          "    name = llm.invoke('pick a name').content",
          "    cur.execute(f\"DELETE FROM users WHERE name = '{name}'\")",
          "    reply = llm.invoke(question).content",
          "    st.markdown(reply, unsafe_allow_html=True)",
        ].join("\n"),
      },
      [modelOutputToExec],
    );
    expect(where(report)).toEqual([
      [RULE, "app.py", 10],
      [RULE, "app.py", 12],
      [RULE, "app.py", 14],
    ]);
    expect(report.findings[0]!.message).toBe(
      "The model's reply reaches `cur.execute` here, so the model can change or delete data.",
    );
    expect(report.findings[2]!.message).toContain("`st.markdown(..., unsafe_allow_html=True)`");
  });

  it("fires in a notebook through a helper that extracts the code block", async () => {
    const notebook = jupyterJson({
      cells: [
        { cell_type: "code", source: "from openai import OpenAI\nclient = OpenAI()", outputs: [] },
        { cell_type: "markdown", source: "Let the model write the plot" },
        {
          cell_type: "code",
          source: [
            "r = client.responses.create(model='gpt-4o-mini', input='plot the data')\n",
            "code = extract_code_block(r.output_text)\n",
            "exec(code)",
          ],
          outputs: [],
        },
      ],
    });
    const report = await reviewTree({ "explore.ipynb": notebook }, [modelOutputToExec]);
    expect(where(report)).toEqual([[RULE, "explore.ipynb", ipynbLine(notebook, "exec(code)")]]);
    expect(report.findings[0]!.assistantPrompt).toContain("cell 3, line 3");
  });

  it("fires in TypeScript on eval, execSync and innerHTML of a reply", async () => {
    const report = await reviewTree(
      {
        "src/run.ts": [
          'import OpenAI from "openai";',
          'import { execSync } from "node:child_process";',
          'import { marked } from "marked";',
          'import { generateText } from "ai";',
          "const client = new OpenAI();",
          "export async function run(task: string, el: HTMLElement) {",
          '  const completion = await client.chat.completions.create({ model: "gpt-4o-mini", messages: [] });',
          "  const answer = completion.choices[0]?.message?.content ?? '';",
          "  eval(answer);",
          `  execSync(\`bash -c \${answer}\`);`,
          "  const { text } = await generateText({ model, prompt: task });",
          "  el.innerHTML = marked.parse(text);",
          "}",
        ].join("\n"),
      },
      [modelOutputToExec],
    );
    expect(where(report)).toEqual([
      [RULE, "src/run.ts", 9],
      [RULE, "src/run.ts", 10],
      [RULE, "src/run.ts", 12],
    ]);
    expect(report.findings[2]!.message).toContain("`innerHTML`");
  });

  it("fires on dangerouslySetInnerHTML in a React component that calls the model", async () => {
    const report = await reviewTree(
      {
        "app/Answer.tsx": [
          'import OpenAI from "openai";',
          "export default async function Answer({ q }: { q: string }) {",
          '  const r = await new OpenAI().responses.create({ model: "gpt-4o-mini", input: q });',
          "  return <div dangerouslySetInnerHTML={{ __html: r.output_text }} />;",
          "}",
        ].join("\n"),
      },
      [modelOutputToExec],
    );
    expect(where(report)).toEqual([[RULE, "app/Answer.tsx", 4]]);
  });

  it("fires on a reply passed to a helper in another file that writes it into SQL", async () => {
    const report = await reviewTree(
      {
        "llm.py": [
          "import json",
          "from openai import OpenAI",
          "client = OpenAI()",
          "def classify(text):",
          "    r = client.chat.completions.create(model='m', messages=[{'role': 'user', 'content': text}])",
          "    return json.loads(r.choices[0].message.content)",
        ].join("\n"),
        "main.py": [
          "from llm import classify",
          "from db import save, save_safely",
          "def handle(text):",
          "    result = classify(text)",
          "    save(text, result)",
          "    save_safely(text, result)",
        ].join("\n"),
        "db.py": [
          "import sqlite3",
          "def save(text, result):",
          "    conn = sqlite3.connect('t.db')",
          "    conn.execute(f\"INSERT INTO t VALUES (?, '{result['label']}')\", (text,))",
          "def save_safely(text, result):",
          "    conn = sqlite3.connect('t.db')",
          "    conn.execute('INSERT INTO t VALUES (?, ?)', (text, result['label']))",
        ].join("\n"),
      },
      [modelOutputToExec],
    );
    expect(report.findings.map((f) => [f.file, f.line, f.message])).toEqual([
      [
        "db.py",
        4,
        "The model's reply, passed in as `result`, reaches `conn.execute` here, so the model can change or delete data.",
      ],
    ]);
  });

  it("fires on a tool's argument run by eval, since the model writes tool arguments", async () => {
    const report = await reviewTree(
      {
        "tools.py": [
          "from langchain_core.tools import tool",
          "@tool",
          "def calculator(expression: str) -> str:",
          '    """Evaluate a maths expression."""',
          "    return str(eval(expression))",
          "@tool",
          "def safe_calculator(expression: str) -> str:",
          '    """Evaluate a maths expression from an allow-list of characters."""',
          "    if not set(expression) <= ALLOWED_CHARS:",
          "        raise ValueError(expression)",
          "    return str(eval(expression))",
          "def helper(expression):",
          "    return eval(expression)",
        ].join("\n"),
      },
      [modelOutputToExec],
    );
    expect(report.findings.map((f) => [f.file, f.line, f.message])).toEqual([
      [
        "tools.py",
        5,
        "The model's tool argument `expression` reaches `eval` here, so text the model writes runs as code.",
      ],
    ]);
  });

  it("fires on a chat page that renders fetched replies from markdown into innerHTML, in an LLM app", async () => {
    const page = [
      "const log = document.getElementById('log');",
      "function addMessage(role, text) {",
      "  const div = document.createElement('div');",
      "  div.innerHTML = marked.parse(text);",
      "  log.appendChild(div);",
      "}",
      "async function send(message) {",
      "  const res = await fetch('/api/chat', { method: 'POST', body: JSON.stringify({ message }) });",
      "  addMessage('bot', (await res.json()).reply);",
      "}",
    ].join("\n");
    const server = 'import OpenAI from "openai";\nconst openai = new OpenAI();\n';
    const report = await reviewTree({ "public/chat.js": page, "server.js": server }, [modelOutputToExec]);
    expect(report.findings.map((f) => [f.file, f.line])).toEqual([["public/chat.js", 4]]);
    expect(report.findings[0]!.message).toContain("with no sanitizer");

    const sanitized = page.replace("marked.parse(text)", "DOMPurify.sanitize(marked.parse(text))");
    const quiet = await reviewTree({ "public/chat.js": sanitized, "server.js": server }, [modelOutputToExec]);
    expect(quiet.findings).toEqual([]);
    const noModel = await reviewTree({ "public/chat.js": page, "server.js": "const x = 1;\n" }, [
      modelOutputToExec,
    ]);
    expect(noModel.findings).toEqual([]);
  });

  it("stays quiet on parameterised SQL, sanitised HTML, fixed commands and a SELECT-only guard", async () => {
    const report = await reviewTree(
      {
        "app.py": [
          "import subprocess, sqlite3, bleach",
          "import streamlit as st",
          "from openai import OpenAI",
          "client = OpenAI()",
          "",
          "def save(question):",
          "    answer = client.chat.completions.create(model='m', messages=[]).choices[0].message.content",
          "    cur = sqlite3.connect('a.db').cursor()",
          "    cur.execute('INSERT INTO answers (text) VALUES (?)', (answer,))",
          "    subprocess.run(['echo', answer])",
          "    st.markdown(answer)",
          "    answer = bleach.clean(answer)",
          "    st.markdown(answer, unsafe_allow_html=True)",
          "    if answer.startswith('x'):",
          "        eval('1 + 1')",
          "",
          "def ask_sql(question):",
          "    sql = client.chat.completions.create(model='m', messages=[]).choices[0].message.content",
          "    if not sql.strip().lower().startswith('select'):",
          "        raise ValueError('only SELECT is allowed')",
          "    return sqlite3.connect('a.db').execute(sql).fetchall()",
          "",
          "def run_code(code):",
          "    exec(code)",
          "",
          "model.eval()",
          "exec(open('setup_steps.py').read())",
        ].join("\n"),
      },
      [modelOutputToExec],
    );
    expect(report.findings).toEqual([]);
  });

  it("stays quiet in TypeScript on regex exec, sanitised HTML, files with no model, and tests", async () => {
    const report = await reviewTree(
      {
        "src/view.ts": [
          'import OpenAI from "openai";',
          'import DOMPurify from "dompurify";',
          "export async function show(el: HTMLElement) {",
          '  const c = await new OpenAI().chat.completions.create({ model: "m", messages: [] });',
          "  const reply = c.choices[0].message.content ?? '';",
          "  const match = /```(\\w+)/.exec(reply);",
          "  el.innerHTML = DOMPurify.sanitize(reply);",
          "  el.textContent = reply;",
          "}",
        ].join("\n"),
        "src/plain.ts": 'const html = "<b>hi</b>";\ndocument.body.innerHTML = html;\neval("2 + 2");\n',
        "tests/test_agent.py": [
          "from openai import OpenAI",
          "def test_exec():",
          "    out = OpenAI().responses.create(model='m', input='x').output_text",
          "    exec(out)",
        ].join("\n"),
      },
      [modelOutputToExec],
    );
    expect(report.findings).toEqual([]);
  });
});
