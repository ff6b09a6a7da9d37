import { describe, expect, it } from "vitest";
import { reviewTree } from "../../../testing/memory-fs.js";
import { ipynbLine, jupyterJson } from "../../../testing/notebook.js";
import { rawHttpWithoutTimeout } from "./raw-http-without-timeout.js";

const RULE = "llm-reliability/raw-http-without-timeout";
const found = async (tree: Record<string, string>) =>
  (await reviewTree(tree, [rawHttpWithoutTimeout])).findings.map((f) => [
    f.ruleId,
    f.file,
    f.line,
    f.message,
  ]);

describe(RULE, () => {
  it("fires on requests.post to a provider, through a URL held in a name or an f-string", async () => {
    expect(
      await found({
        "bot.py": [
          "import requests",
          'API_URL = "https://api.openai.com/v1/chat/completions"',
          'BASE = "http://localhost:11434"',
          "",
          "def ask(payload):",
          "    r = requests.post(API_URL, headers=HEADERS, json=payload)",
          "    return r.json()",
          "",
          "def local(payload):",
          '    return requests.post(f"{BASE}/api/generate", json=payload).json()',
          "",
          "def claude(payload):",
          '    return requests.request("POST", "https://api.anthropic.com/v1/messages", json=payload)',
        ].join("\n"),
      }),
    ).toEqual([
      [
        RULE,
        "bot.py",
        6,
        "`requests.post` to `api.openai.com` has no `timeout`, so a stalled request is not cut off.",
      ],
      [
        RULE,
        "bot.py",
        10,
        "`requests.post` to `localhost:11434` has no `timeout`, so a stalled request is not cut off.",
      ],
      [
        RULE,
        "bot.py",
        13,
        "`requests.request` to `api.anthropic.com` has no `timeout`, so a stalled request is not cut off.",
      ],
    ]);
  });

  it("fires on a requests.Session post in a notebook", async () => {
    const notebook = jupyterJson({
      cells: [
        { cell_type: "code", source: "import requests\ns = requests.Session()", outputs: [] },
        {
          cell_type: "code",
          source:
            'r = s.post("https://generativelanguage.googleapis.com/v1beta/models/x:generateContent", json={})',
          outputs: [],
        },
      ],
    });
    const report = await reviewTree({ "explore.ipynb": notebook }, [rawHttpWithoutTimeout]);
    expect(report.findings.map((f) => [f.file, f.line])).toEqual([
      ["explore.ipynb", ipynbLine(notebook, "r = s.post(")],
    ]);
    expect(report.findings[0]!.assistantPrompt).toContain("cell 2, line 1");
  });

  it("stays quiet with a timeout, on httpx (it has a default), on GETs and on non-model URLs", async () => {
    expect(
      await found({
        "bot.py": [
          "import httpx, requests",
          'URL = "https://api.openai.com/v1/chat/completions"',
          "r = requests.post(URL, json={}, timeout=60)",
          "r = requests.post(URL, json={}, timeout=None)",
          "r = httpx.post(URL, json={})",
          'r = requests.get("http://localhost:11434/api/tags")',
          'r = requests.post("https://hooks.slack.com/services/x", json={})',
          "r = requests.post(url, json={})",
          "r = requests.post(URL, **options)",
          '# requests.post("https://api.openai.com/v1/chat/completions", json={})',
        ].join("\n"),
      }),
    ).toEqual([]);
  });

  it("stays quiet when a local `url` name in another function points elsewhere", async () => {
    expect(
      await found({
        "client.py": [
          "import requests",
          "def ask():",
          '    url = "https://api.openai.com/v1/chat/completions"',
          "    return requests.post(url, json={}, timeout=30)",
          "def notify():",
          '    url = "https://example.com/hook"',
          "    return requests.post(url, json={})",
        ].join("\n"),
      }),
    ).toEqual([]);
  });

  it("fires on fetch and axios in TypeScript without a signal or timeout", async () => {
    expect(
      await found({
        "src/llm.ts": [
          'const OPENAI_URL = "https://api.openai.com/v1/chat/completions";',
          "export async function ask(body: object) {",
          '  const res = await fetch(OPENAI_URL, { method: "POST", headers, body: JSON.stringify(body) });',
          "  return res.json();",
          "}",
          "export async function claude(data: object) {",
          '  return axios.post("https://api.anthropic.com/v1/messages", data, { headers });',
          "}",
          'const groq = axios.create({ baseURL: "https://api.groq.com/openai/v1" });',
        ].join("\n"),
      }),
    ).toEqual([
      [
        RULE,
        "src/llm.ts",
        3,
        "`fetch` to `api.openai.com` sets no `signal` (fetch has no timeout option), so a stalled request is not cut off.",
      ],
      [
        RULE,
        "src/llm.ts",
        7,
        "`axios.post` to `api.anthropic.com` has no `timeout` (axios waits forever by default), so a stalled request is not cut off.",
      ],
      [
        RULE,
        "src/llm.ts",
        9,
        "`axios.create` to `api.groq.com` has no `timeout` (axios waits forever by default), so a stalled request is not cut off.",
      ],
    ]);
  });

  it("stays quiet on fetch with a signal, a GET, options it cannot see, or axios defaults", async () => {
    expect(
      await found({
        "src/llm.ts": [
          'const URL = "http://localhost:11434/api/chat";',
          'await fetch(URL, { method: "POST", body, signal: AbortSignal.timeout(60_000) });',
          'await fetch("http://localhost:11434/api/tags");',
          "await fetch(URL, options);",
          'await fetch(URL, { ...base, method: "POST", body });',
          "await axios.post(URL, data, { timeout: 30_000 });",
        ].join("\n"),
        "src/other.js": [
          "axios.defaults.timeout = 30000;",
          'await axios.post("https://api.openai.com/v1/chat/completions", data);',
        ].join("\n"),
      }),
    ).toEqual([]);
  });
});
