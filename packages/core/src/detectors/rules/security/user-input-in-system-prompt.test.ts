import { describe, expect, it } from "vitest";
import { reviewTree } from "../../../testing/memory-fs.js";
import { ipynbLine, jupyterJson } from "../../../testing/notebook.js";
import { userInputInSystemPrompt } from "./user-input-in-system-prompt.js";

const RULE = "security/user-input-in-system-prompt";
type Report = Awaited<ReturnType<typeof reviewTree>>;
const where = (report: Report) => report.findings.map((f) => [f.ruleId, f.file, f.line]);

describe("security/user-input-in-system-prompt", () => {
  it("fires on a parameter named question in an f-string system message, and names it", async () => {
    const report = await reviewTree(
      {
        "bot.py": [
          "from openai import OpenAI",
          "client = OpenAI()",
          "",
          "def answer(question: str) -> str:",
          "    messages = [",
          '        {"role": "system", "content": f"You are a helpful tutor. The topic is: {question}"},',
          '        {"role": "user", "content": "Explain it."},',
          "    ]",
          "    return client.chat.completions.create(model='gpt-4o-mini', messages=messages)",
        ].join("\n"),
      },
      [userInputInSystemPrompt],
    );
    expect(where(report)).toEqual([[RULE, "bot.py", 6]]);
    expect(report.findings[0]!.message).toBe(
      "What the user sent (`question`) is written into the system prompt, so a user can rewrite the assistant's instructions.",
    );
    expect(report.findings[0]!.level).toBe("actionable");
  });

  it("fires on a Streamlit text box written into the system field of a raw HTTP request to a model API", async () => {
    const report = await reviewTree(
      {
        "app.py": [
          "import requests",
          "import streamlit as st",
          "",
          'persona = st.text_input("Who should the assistant be?")',
          "",
          "def ask(messages):",
          '    system = f"You are {persona}. Keep answers short."',
          "    response = requests.post(",
          '        "https://api.anthropic.com/v1/messages",',
          '        json={"model": MODEL, "max_tokens": 800, "system": system, "messages": messages},',
          "        timeout=30,",
          "    )",
          '    return response.json()["content"][0]["text"]',
        ].join("\n"),
      },
      [userInputInSystemPrompt],
    );
    expect(where(report)).toEqual([[RULE, "app.py", 10]]);
    expect(report.findings[0]!.message).toContain("`st.text_input()`");
  });

  it("stays quiet on a system key of a dict that is no model request, and on a fixed system field", async () => {
    const report = await reviewTree(
      {
        "app.py": [
          "import requests",
          "import streamlit as st",
          "",
          'name = st.text_input("Your name")',
          'settings = {"system": name, "theme": "dark"}',
          "requests.post(",
          '    "https://api.anthropic.com/v1/messages",',
          '    json={"model": MODEL, "system": "You are a cook.", "messages": [{"role": "user", "content": name}]},',
          "    timeout=30,",
          ")",
        ].join("\n"),
      },
      [userInputInSystemPrompt],
    );
    expect(where(report)).toEqual([]);
  });

  it("fires through a variable, .format, concatenation, system= and instructions=", async () => {
    const report = await reviewTree(
      {
        "app.py": [
          "import anthropic",
          "from flask import request",
          "from openai import OpenAI",
          "SYSTEM = 'You are a support bot for {product}. The customer said: {text}'",
          "",
          "def chat():",
          "    text = request.json['message']",
          "    system_prompt = SYSTEM.format(product='Acme', text=text)",
          "    return anthropic.Anthropic().messages.create(model='m', max_tokens=300, system=system_prompt, messages=[])",
          "",
          "def respond(user_input):",
          "    return OpenAI().responses.create(model='m', instructions='Reply as a pirate. ' + user_input, input='hi')",
        ].join("\n"),
      },
      [userInputInSystemPrompt],
    );
    expect(where(report)).toEqual([
      [RULE, "app.py", 9],
      [RULE, "app.py", 12],
    ]);
    expect(report.findings[0]!.message).toContain("(`request.json`)");
    expect(report.findings[1]!.message).toContain("(`user_input`)");
  });

  it("fires in a Streamlit notebook-style script and in a LangChain SystemMessage", async () => {
    const notebook = jupyterJson({
      cells: [
        {
          cell_type: "code",
          source: "from langchain_core.messages import SystemMessage, HumanMessage",
          outputs: [],
        },
        {
          cell_type: "code",
          source: [
            "persona = input('Who should the bot be? ')\n",
            "msgs = [SystemMessage(content=f'You are {persona}.'), HumanMessage(content='hello')]",
          ],
          outputs: [],
        },
      ],
    });
    const report = await reviewTree(
      {
        "explore.ipynb": notebook,
        "ui.py": [
          "import streamlit as st",
          "from openai import OpenAI",
          "tone = st.text_input('Tone')",
          "msgs = [{'role': 'system', 'content': 'Answer in a ' + tone + ' tone.'}]",
        ].join("\n"),
      },
      [userInputInSystemPrompt],
    );
    expect(where(report)).toEqual([
      [RULE, "explore.ipynb", ipynbLine(notebook, "msgs = [SystemMessage(")],
      [RULE, "ui.py", 4],
    ]);
    expect(report.findings[0]!.message).toContain("(`persona`, from `input()`)");
    expect(report.findings[1]!.message).toContain("(`tone`, from `st.text_input()`)");
  });

  it("fires in TypeScript on a request body in a system message and a system option", async () => {
    const report = await reviewTree(
      {
        "app/api/chat/route.ts": [
          'import OpenAI from "openai";',
          'import { generateText } from "ai";',
          "export async function POST(req: Request) {",
          "  const { question, language } = await req.json();",
          "  const messages = [",
          `    { role: "system", content: \`Answer in \${language}. Question topic: \${question}\` },`,
          '    { role: "user", content: question },',
          "  ];",
          `  const { text } = await generateText({ model, system: \`Be brief about \${question}\`, prompt: question });`,
          "  return Response.json({ text, messages });",
          "}",
        ].join("\n"),
      },
      [userInputInSystemPrompt],
    );
    expect(where(report)).toEqual([
      [RULE, "app/api/chat/route.ts", 6],
      [RULE, "app/api/chat/route.ts", 9],
    ]);
    expect(report.findings[0]!.message).toContain("(`language`, from `req.json()`)");
  });

  it("fires on a helper's parameters that a FastAPI route fills from the request body, naming the route's file", async () => {
    const report = await reviewTree(
      {
        "llm.py": [
          "from openai import OpenAI",
          "client = OpenAI()",
          "TEMPLATE = 'Classify this ticket from {customer}: {ticket}'",
          "",
          "def classify_ticket(text: str, customer: str) -> str:",
          "    return client.chat.completions.create(",
          "        model='gpt-4o-mini',",
          "        messages=[{'role': 'system', 'content': TEMPLATE.format(customer=customer, ticket=text)}],",
          "    )",
          "",
          "def summarize(text: str) -> str:",
          "    return client.chat.completions.create(",
          "        model='gpt-4o-mini',",
          "        messages=[{'role': 'system', 'content': f'Summarize in {LANGUAGE}: {text}'}],",
          "    )",
        ].join("\n"),
        "main.py": [
          "from fastapi import FastAPI, Depends",
          "from pydantic import BaseModel",
          "from llm import classify_ticket, summarize",
          "app = FastAPI()",
          "class Ticket(BaseModel):",
          "    text: str",
          "    customer: str",
          "@app.post('/classify')",
          "def classify(ticket: Ticket, db = Depends(get_db)):",
          "    return classify_ticket(ticket.text, ticket.customer)",
          "def nightly_report():",
          "    return summarize(open('report.txt').read())",
        ].join("\n"),
      },
      [userInputInSystemPrompt],
    );
    expect(report.findings.map((f) => [f.file, f.line, f.message])).toEqual([
      [
        "llm.py",
        8,
        "What the user sent (`customer`, passed in from the request handled in `main.py`) is written into the system prompt, so a user can rewrite the assistant's instructions.",
      ],
    ]);
  });

  it("stays quiet when user text goes in the user message and the system prompt holds retrieved context", async () => {
    const report = await reviewTree(
      {
        "rag.py": [
          "from openai import OpenAI",
          "client = OpenAI()",
          "SYSTEM = 'Answer only from the context.'",
          "",
          "def answer(question, history):",
          "    context = '\\n'.join(d.page_content for d in retriever.invoke(question))",
          "    messages = [",
          '        {"role": "system", "content": f"{SYSTEM}\\n\\nContext:\\n{context}"},',
          '        {"role": "user", "content": question},',
          "    ]",
          "    return client.chat.completions.create(model='m', messages=messages)",
          "",
          "def respond(message, history, system_message):",
          '    msgs = [{"role": "system", "content": system_message}, {"role": "user", "content": message}]',
          "    return client.chat.completions.create(model='m', messages=msgs)",
        ].join("\n"),
      },
      [userInputInSystemPrompt],
    );
    expect(report.findings).toEqual([]);
  });

  it("fires in a FastAPI route that writes a field of the request body into the system prompt", async () => {
    const report = await reviewTree(
      {
        "api.py": [
          "from fastapi import FastAPI, Depends",
          "from openai import OpenAI",
          "app = FastAPI()",
          "@app.post('/chat')",
          "def chat(req: ChatRequest, settings = Depends(get_settings)):",
          "    system = f'You are {req.persona}. Answer in {settings.language}.'",
          "    return OpenAI().chat.completions.create(model='m', messages=[{'role': 'system', 'content': system}])",
          "def summarize(doc):",
          "    return OpenAI().responses.create(model='m', instructions=f'Summarize: {doc.text}', input='x')",
        ].join("\n"),
      },
      [userInputInSystemPrompt],
    );
    expect(report.findings.map((f) => [f.file, f.line])).toEqual([["api.py", 7]]);
    expect(report.findings[0]!.message).toContain("(`req`)");
  });

  it("stays quiet on a playground where the user sets the system prompt on purpose", async () => {
    const report = await reviewTree(
      {
        "app.py": [
          "import streamlit as st",
          "from openai import OpenAI",
          "system_prompt = st.text_area('System prompt', 'You are a helpful assistant.')",
          "msgs = [{'role': 'system', 'content': system_prompt}]",
          "def chat(body):",
          "    return [{'role': 'system', 'content': body.system_prompt}]",
          "def api():",
          "    return OpenAI().responses.create(model='m', instructions=request.json['instructions'], input='x')",
        ].join("\n"),
      },
      [userInputInSystemPrompt],
    );
    expect(report.findings).toEqual([]);
  });

  it("stays quiet on helpers that build the system message from their own arguments, and on files with no model", async () => {
    const report = await reviewTree(
      {
        "prompts.py": [
          "from openai import OpenAI",
          "def system_message(message):",
          '    return {"role": "system", "content": f"{message} Answer in English."}',
          "",
          "def wrap(msg):",
          '    return {"role": "system", "content": "Rules: " + msg}',
          "",
          "def summarize(question, style):",
          '    return [{"role": "system", "content": f"Write in a {style} style."}, {"role": "user", "content": question}]',
        ].join("\n"),
        "server.py": [
          "from flask import request",
          "def log():",
          '    return {"role": "system", "content": request.json["text"]}',
        ].join("\n"),
        "tests/test_bot.py": [
          "from openai import OpenAI",
          "def test_prompt(question='x'):",
          '    assert build([{"role": "system", "content": f"Topic {question}"}])',
        ].join("\n"),
      },
      [userInputInSystemPrompt],
    );
    expect(report.findings).toEqual([]);
  });
  it("fires on typed input passed through a prompt-builder function, and on readline's question() (held-out corpus)", async () => {
    const report = await reviewTree(
      {
        "src/cli.ts": [
          'import { SystemMessage } from "@langchain/core/messages";',
          'import { createInterface } from "node:readline/promises";',
          "const rl = createInterface({ input: process.stdin, output: process.stdout });",
          'const name = await rl.question("What is your name? ");',
          "const history = [new SystemMessage(systemPrompt(name))];",
        ].join("\n"),
        "bot.py": [
          "from openai import OpenAI",
          "city = input('Where do you live? ')",
          "messages = [{'role': 'system', 'content': build_prompt(city)}]",
        ].join("\n"),
      },
      [userInputInSystemPrompt],
    );
    expect(where(report)).toEqual([
      [RULE, "bot.py", 3],
      [RULE, "src/cli.ts", 5],
    ]);
    expect(report.findings[1]!.message).toContain("`name`, from `rl.question()`");
  });

  it("stays quiet when typed input goes through a call that is not a prompt builder, or a builder gets fixed text", async () => {
    const report = await reviewTree(
      {
        "bot.py": [
          "from openai import OpenAI",
          "city = input('Where do you live? ')",
          "messages = [",
          "    {'role': 'system', 'content': build_prompt(TONE)},",
          "    {'role': 'system', 'content': f'Answer in {len(city)} words or fewer'},",
          "    {'role': 'system', 'content': lookup_rules(city)},",
          "    {'role': 'user', 'content': city},",
          "]",
        ].join("\n"),
      },
      [userInputInSystemPrompt],
    );
    expect(report.findings).toEqual([]);
  });
});
