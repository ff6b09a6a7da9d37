import { describe, expect, it } from "vitest";
import { review } from "../../../review.js";
import { loadDirectory } from "../../../snapshot/load-directory.js";
import { memoryFileSystem, reviewTree } from "../../../testing/memory-fs.js";
import { unlimitedPublicLlmEndpoint } from "./unlimited-public-llm-endpoint.js";

const RULE = "system-design/unlimited-public-llm-endpoint";
const found = async (tree: Record<string, string>) =>
  (await reviewTree(tree, [unlimitedPublicLlmEndpoint])).findings.map((f) => [
    f.ruleId,
    f.file,
    f.line,
    f.message,
  ]);
const message = (label: string) =>
  `\`${label}\` calls a model with no cap on input length and no rate limit, so anyone who can reach it spends your API credits.`;

const LLM_PY = [
  "from openai import OpenAI",
  "client = OpenAI()",
  "",
  "def classify_ticket(text):",
  "    r = client.chat.completions.create(model=M, messages=[{'role': 'user', 'content': text}])",
  "    return r.choices[0].message.content",
].join("\n");
const MAIN_PY = [
  "from fastapi import FastAPI",
  "from pydantic import BaseModel, Field",
  "from llm import classify_ticket",
  "app = FastAPI()",
  "class Ticket(BaseModel):",
  "    text: str = Field(min_length=1)",
  "",
  '@app.post("/classify")',
  "def classify(ticket: Ticket):",
  "    return {'result': classify_ticket(ticket.text)}",
  "",
  '@app.get("/health")',
  "def health():",
  "    return {'ok': True}",
].join("\n");

describe(RULE, () => {
  it("fires on a FastAPI route that calls a model through a function of another module", async () => {
    expect(await found({ "llm.py": LLM_PY, "main.py": MAIN_PY })).toEqual([
      [RULE, "main.py", 8, message("POST /classify")],
    ]);
  });

  it("fires on Flask and Express routes that call the model directly", async () => {
    expect(
      await found({
        "app.py": [
          "from flask import Flask, request",
          "import anthropic",
          "app = Flask(__name__)",
          '@app.route("/chat", methods=["POST"])',
          "def chat():",
          "    q = request.json['question']",
          "    return anthropic.Anthropic().messages.create(model=M, max_tokens=500, messages=[{'role': 'user', 'content': q}]).content[0].text",
        ].join("\n"),
        "server.js": [
          'import OpenAI from "openai";',
          "const openai = new OpenAI();",
          'app.post("/api/chat", async (req, res) => {',
          "  const c = await openai.chat.completions.create({ model, messages: [{ role: 'user', content: req.body.message }] });",
          "  res.json({ reply: c.choices[0].message.content });",
          "});",
        ].join("\n"),
      }),
    ).toEqual([
      [RULE, "app.py", 4, message("POST /chat")],
      [RULE, "server.js", 3, message("POST /api/chat")],
    ]);
  });

  it("fires on a Next.js route handler whose helper posts to the OpenAI API", async () => {
    expect(
      await found({
        "lib/openai.ts": [
          "export async function chat(messages: Msg[]): Promise<string> {",
          '  const res = await fetch("https://api.openai.com/v1/chat/completions", { method: "POST", body: JSON.stringify({ messages }) });',
          "  return (await res.json()).choices[0].message.content;",
          "}",
        ].join("\n"),
        "app/api/summarize/route.ts": [
          'import { chat } from "../../../lib/openai";',
          "export async function POST(req: Request) {",
          "  const { text } = await req.json();",
          '  return Response.json({ summary: await chat([{ role: "user", content: text }]) });',
          "}",
        ].join("\n"),
      }),
    ).toEqual([[RULE, "app/api/summarize/route.ts", 2, message("POST /api/summarize")]]);
  });

  it("stays quiet with a length cap in the model, in the handler, or in the body parser", async () => {
    expect(
      await found({
        "llm.py": LLM_PY,
        "main.py": MAIN_PY.replace("min_length=1", "min_length=1, max_length=4000"),
      }),
    ).toEqual([]);
    expect(
      await found({
        "llm.py": LLM_PY,
        "main.py": MAIN_PY.replace(
          "    return {'result'",
          "    if len(ticket.text) > 4000:\n        raise HTTPException(413)\n    return {'result'",
        ),
      }),
    ).toEqual([]);
    expect(
      await found({
        "server.js": [
          'import OpenAI from "openai";',
          'app.use(express.json({ limit: "10kb" }));',
          'app.post("/api/chat", async (req, res) => { await openai.chat.completions.create({ model, messages }); });',
        ].join("\n"),
      }),
    ).toEqual([]);
  });

  it("stays quiet with a rate limiter, a login, middleware, or routes that call no model", async () => {
    expect(
      await found({
        "llm.py": LLM_PY,
        "main.py": MAIN_PY,
        "requirements.txt": "fastapi\nslowapi\nopenai\n",
      }),
    ).toEqual([]);
    expect(
      await found({
        "llm.py": LLM_PY,
        "main.py": MAIN_PY.replace(
          "def classify(ticket: Ticket):",
          "def classify(ticket: Ticket, user=Depends(current_user)):",
        ),
      }),
    ).toEqual([]);
    expect(
      await found({
        "server.js": [
          'import OpenAI from "openai";',
          'app.post("/api/chat", requireLogin, async (req, res) => { await openai.chat.completions.create({ model, messages }); });',
          'app.post("/api/reset", (req, res) => { delete sessions[req.body.id]; res.json({}); });',
          'const r = await requests.post("/api/x", async () => openai.chat.completions.create({}));',
        ].join("\n"),
        "tests/test_main.py": MAIN_PY,
        "sms.py": [
          "from twilio.rest import Client",
          "client = Client()",
          '@app.route("/notify", methods=["POST"])',
          "def notify():",
          '    client.messages.create(body=request.json["text"], from_=FROM, to=TO)',
          "    return 'ok'",
        ].join("\n"),
      }),
    ).toEqual([]);
  });
  it("stays quiet in PR mode when files it cannot see may hold the limiter", async () => {
    const direct = `${LLM_PY}\n${MAIN_PY.replace("from llm import classify_ticket\n", "")}`;
    const tree = { "main.py": direct, "limits.py": "from slowapi import Limiter\n" };
    const loaded = await loadDirectory("/repo", {
      fs: memoryFileSystem(tree),
      name: "repo",
      wantText: (p) => p === "main.py",
    });
    if (!loaded.ok) throw new Error(loaded.error.message);
    loaded.value.changes = [{ path: "main.py", status: "added", addedLines: new Set() }];
    expect((await review(loaded.value, { detectors: [unlimitedPublicLlmEndpoint] })).findings).toEqual([]);
    // The same change with the whole repo in view is reported.
    const all = await loadDirectory("/repo", { fs: memoryFileSystem({ "main.py": direct }), name: "repo" });
    if (!all.ok) throw new Error(all.error.message);
    all.value.changes = [{ path: "main.py", status: "added", addedLines: new Set() }];
    const report = await review(all.value, { detectors: [unlimitedPublicLlmEndpoint] });
    expect(report.findings.map((f) => [f.file, f.line])).toEqual([["main.py", 13]]);
  });
});
