import { describe, expect, it } from "vitest";
import { reviewTree } from "../../../testing/memory-fs.js";
import { ipynbLine, jupyterJson } from "../../../testing/notebook.js";
import { unboundedChatHistory } from "./unbounded-chat-history.js";

const RULE = "llm-mechanics/unbounded-chat-history";
const found = async (tree: Record<string, string>) =>
  (await reviewTree(tree, [unboundedChatHistory])).findings.map((f) => [f.ruleId, f.file, f.line, f.message]);

const CHAT = [
  "from openai import OpenAI",
  "client = OpenAI()",
  'messages = [{"role": "system", "content": "You are helpful."}]',
  "while True:",
  '    messages.append({"role": "user", "content": input("> ")})',
  "    reply = client.chat.completions.create(model=MODEL, messages=messages)",
  "    messages.append(reply.choices[0].message)",
].join("\n");

describe(RULE, () => {
  it("fires on a chat loop that appends to the list it sends, at the model call", async () => {
    expect(await found({ "chat.py": CHAT })).toEqual([
      [
        RULE,
        "chat.py",
        6,
        "`messages` grows on every pass of this loop, and the whole list is sent to the model each time.",
      ],
    ]);
  });

  it("fires on Streamlit session state, a history kept on the object, and a module-level list", async () => {
    expect(
      await found({
        "app.py": [
          "import streamlit as st",
          "from openai import OpenAI",
          'if prompt := st.chat_input("Ask"):',
          '    st.session_state.messages.append({"role": "user", "content": prompt})',
          '    r = client.chat.completions.create(model=M, messages=st.session_state["messages"])',
          "    s = client.chat.completions.create(",
          "        model=M,",
          '        messages=[{"role": m["role"], "content": m["content"]} for m in st.session_state.messages],',
          "    )",
        ].join("\n"),
        "bot.py": [
          "import anthropic",
          "class Bot:",
          "    def __init__(self):",
          "        self.history = []",
          "    def ask(self, text):",
          '        self.history.append({"role": "user", "content": text})',
          "        r = self.client.messages.create(model=M, max_tokens=500, messages=self.history)",
          "        self.history.append({'role': 'assistant', 'content': r.content[0].text})",
          "        return r",
        ].join("\n"),
        "server.py": [
          "from openai import OpenAI",
          "history = []",
          "def chat(question):",
          '    history.append({"role": "user", "content": question})',
          "    r = client.chat.completions.create(model=M, messages=[SYSTEM, *history])",
          "    return r",
        ].join("\n"),
      }),
    ).toEqual([
      [
        RULE,
        "app.py",
        5,
        "`st.session_state.messages` grows with every message of the Streamlit session, and the whole list is sent to the model each time.",
      ],
      [
        RULE,
        "app.py",
        6,
        "`st.session_state.messages` grows with every message of the Streamlit session, and the whole list is sent to the model each time.",
      ],
      [
        RULE,
        "bot.py",
        7,
        "`self.history` grows with every call (it is kept on the object), and the whole list is sent to the model each time.",
      ],
      [
        RULE,
        "server.py",
        5,
        "`history` grows with every call (it lives at module level), and the whole list is sent to the model each time.",
      ],
    ]);
  });

  it("fires on a per-session history kept in a module-level store of an Express server", async () => {
    expect(
      await found({
        "server.js": [
          'import OpenAI from "openai";',
          "const sessions = {};",
          'app.post("/api/chat", async (req, res) => {',
          "  const { sessionId, message } = req.body;",
          "  if (!sessions[sessionId]) sessions[sessionId] = [];",
          "  const history = sessions[sessionId];",
          '  history.push({ role: "user", content: message });',
          '  const completion = await openai.chat.completions.create({ model: "gpt-4o-mini", messages: history });',
          "  res.json({ reply: completion.choices[0].message.content });",
          "});",
        ].join("\n"),
      }),
    ).toEqual([
      [
        RULE,
        "server.js",
        8,
        "`history` grows with every call (it is kept in `sessions`), and the whole list is sent to the model each time.",
      ],
    ]);
  });

  it("fires on a follow-up loop that sends the history through the project's own HTTP wrapper", async () => {
    expect(
      await found({
        "summarize.py": [
          "import requests",
          'API_URL = "https://api.openai.com/v1/chat/completions"',
          "def call_model(messages):",
          '    return requests.post(API_URL, json={"messages": messages}, timeout=30).json()',
          "def summarize(text):",
          '    return call_model([{"role": "user", "content": text}])',
          "def follow_up(messages):",
          "    while True:",
          '        question = input("? ")',
          '        messages.append({"role": "user", "content": question})',
          "        print(call_model(messages))",
        ].join("\n"),
      }),
    ).toEqual([
      [
        RULE,
        "summarize.py",
        11,
        "`messages` grows on every pass of this loop, and the whole list is sent to the model each time.",
      ],
    ]);
  });

  it("stays quiet when the history is sliced, trimmed, or counted in tokens", async () => {
    expect(
      await found({
        "a.py": CHAT.replace("messages=messages)", "messages=[SYSTEM] + messages[-10:])"),
        "b.py": `${CHAT}\n    if len(messages) > 20:\n        messages.pop(1)`,
        "c.py": `import tiktoken\n${CHAT}`,
        "d.py": `${CHAT}\n    messages = messages[-12:]`,
        "e.py": CHAT.replace("messages=messages)", "messages=[m for m in messages if m['role'] != 'tool'])"),
      }),
    ).toEqual([]);
  });

  it("stays quiet when the list is rebuilt on each pass, the loop is counted, or the list is a parameter", async () => {
    expect(
      await found({
        "batch.py": [
          "from openai import OpenAI",
          "for question in questions:",
          "    messages = [SYSTEM]",
          '    messages.append({"role": "user", "content": question})',
          "    client.chat.completions.create(model=M, messages=messages)",
        ].join("\n"),
        "agent.py": [
          "from openai import OpenAI",
          "for step in range(8):",
          "    r = client.chat.completions.create(model=M, messages=messages, tools=T)",
          "    messages.append(r.choices[0].message)",
        ].join("\n"),
        "lib.py": [
          "from openai import OpenAI",
          "def ask(messages, text):",
          '    messages.append({"role": "user", "content": text})',
          "    return client.chat.completions.create(model=M, messages=messages)",
        ].join("\n"),
        "gradio_app.py": [
          "from openai import OpenAI",
          "def respond(message, history):",
          "    messages = [SYSTEM]",
          "    for user, bot in history:",
          '        messages.append({"role": "user", "content": user})',
          "    return client.chat.completions.create(model=M, messages=messages)",
        ].join("\n"),
      }),
    ).toEqual([]);
  });

  it("stays quiet on an agent's tool loop over a list made fresh for each request, and fires when the user types in it", async () => {
    const agent = (extra: string[]) =>
      [
        "from openai import OpenAI",
        "def answer(client, question):",
        '    messages = [{"role": "system", "content": SYSTEM}, {"role": "user", "content": question}]',
        "    while True:",
        "        response = client.chat.completions.create(model=M, messages=messages, tools=TOOLS)",
        "        message = response.choices[0].message",
        "        if not message.tool_calls:",
        "            return message.content",
        "        messages.append(message)",
        "        for call in message.tool_calls:",
        '            messages.append({"role": "tool", "tool_call_id": call.id, "content": run(call)})',
        ...extra,
      ].join("\n");
    expect(await found({ "agent.py": agent([]) })).toEqual([]);
    const chatty = await found({
      "agent.py": agent(['        messages.append({"role": "user", "content": input("> ")})']),
    });
    expect(chatty.map((f) => f.slice(0, 3))).toEqual([[RULE, "agent.py", 5]]);
  });

  it("fires in TypeScript on push inside a loop, and in a notebook", async () => {
    const notebook = jupyterJson({
      cells: [
        {
          cell_type: "code",
          source: "from openai import OpenAI\nclient = OpenAI()\nmessages = []",
          outputs: [],
        },
        { cell_type: "code", source: CHAT.split("\n").slice(3).join("\n"), outputs: [] },
      ],
    });
    expect(
      await found({
        "src/chat.ts": [
          'import OpenAI from "openai";',
          "const messages: Msg[] = [];",
          "for await (const line of rl) {",
          '  messages.push({ role: "user", content: line });',
          "  const r = await client.chat.completions.create({ model, messages });",
          "  messages.push(r.choices[0].message);",
          "}",
        ].join("\n"),
        "chat.ipynb": notebook,
      }),
    ).toEqual([
      [
        RULE,
        "chat.ipynb",
        ipynbLine(notebook, "reply = client.chat.completions.create"),
        "In cell 2, line 3: `messages` grows on every pass of this loop, and the whole list is sent to the model each time.",
      ],
      [
        RULE,
        "src/chat.ts",
        5,
        "`messages` grows on every pass of this loop, and the whole list is sent to the model each time.",
      ],
    ]);
  });
});
