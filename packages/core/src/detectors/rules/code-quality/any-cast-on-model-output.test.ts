import { describe, expect, it } from "vitest";
import { reviewTree } from "../../../testing/memory-fs.js";
import { anyCastOnModelOutput } from "./any-cast-on-model-output.js";

const RULE = "code-quality/any-cast-on-model-output";
const ts = (...lines: string[]) => lines.join("\n");

describe("code-quality/any-cast-on-model-output", () => {
  it("fires on JSON.parse of a completion cast with `as any`, at the cast", async () => {
    const report = await reviewTree(
      {
        "src/extract.ts": ts(
          'import OpenAI from "openai";',
          "const client = new OpenAI();",
          "export async function extract(text: string) {",
          '  const completion = await client.chat.completions.create({ model: "gpt-4o-mini", messages: [] });',
          '  const data = JSON.parse(completion.choices[0].message.content ?? "{}") as any;',
          "  return data.items;",
          "}",
        ),
      },
      [anyCastOnModelOutput],
    );
    expect(report.findings.map((f) => [f.ruleId, f.file, f.line, f.level])).toEqual([
      [RULE, "src/extract.ts", 5, "actionable"],
    ]);
    expect(report.findings[0]!.message).toBe(
      "The JSON parsed from the model's reply is typed `as any`, so TypeScript stops checking the fields the code reads from it.",
    );
  });

  it("fires on `: any` annotations, <any> assertions, casts of the reply object and of variables holding it", async () => {
    const report = await reviewTree(
      {
        "src/agent.ts": ts(
          'import Anthropic from "@anthropic-ai/sdk";',
          "const anthropic = new Anthropic();",
          "const msg: any = await anthropic.messages.create({ model: 'm', max_tokens: 10, messages: [] });",
          "const res = await anthropic.messages.create({ model: 'm', max_tokens: 10, messages: [] });",
          "const block = (res as any).content[0];",
          "const text = res.content[0].text;",
          "const plan: Record<string, any> = JSON.parse(text);",
          "const steps = <any[]>JSON.parse(reply);",
          "const again = JSON.parse(text) as unknown as any;",
        ),
      },
      [anyCastOnModelOutput],
    );
    expect(report.findings.map((f) => [f.line, f.message.split(" is typed ")[1]!.split(", so")[0]])).toEqual([
      [3, "`: any`"],
      [5, "`as any`"],
      [7, "`: Record<string, any>`"],
      [8, "`<any[]>`"],
      [9, "`as any`"],
    ]);
  });

  it("fires on the JSON of a model API called with fetch, and not on other APIs' JSON", async () => {
    const report = await reviewTree(
      {
        "lib/openai.ts": ts(
          'const OPENAI_URL = "https://api.openai.com/v1/chat/completions";',
          "export async function chat(messages: unknown[]): Promise<string> {",
          "  const res = await fetch(OPENAI_URL, { method: 'POST', body: JSON.stringify({ messages }) });",
          "  const data = (await res.json()) as any;",
          "  const weather = await fetch('https://api.weather.gov/points/1,2');",
          "  const forecast = (await weather.json()) as any;",
          "  return data.choices[0].message.content;",
          "}",
        ),
        "lib/direct.ts": ts(
          "export async function ask() {",
          "  const r = await fetch(`https://api.anthropic.com/v1/messages`, { method: 'POST' });",
          "  const body: any = await r.json();",
          "  return body;",
          "}",
        ),
      },
      [anyCastOnModelOutput],
    );
    expect(report.findings.map((f) => [f.file, f.line, f.message])).toEqual([
      [
        "lib/direct.ts",
        3,
        "The model API's reply is typed `: any`, so TypeScript stops checking the fields the code reads from it.",
      ],
      [
        "lib/openai.ts",
        4,
        "The model API's reply is typed `as any`, so TypeScript stops checking the fields the code reads from it.",
      ],
    ]);
  });

  it("stays quiet on typed or validated replies, `any` elsewhere, and files that call no model", async () => {
    const report = await reviewTree(
      {
        "src/ok.ts": ts(
          'import OpenAI from "openai";',
          'import { z } from "zod";',
          "const Reply = z.object({ answer: z.string() });",
          "const completion = await new OpenAI().chat.completions.create({ model: 'm', messages: [] });",
          "const parsed = Reply.parse(JSON.parse(completion.choices[0].message.content!));",
          "const typed = JSON.parse(completion.choices[0].message.content!) as { answer: string };",
          "const config = JSON.parse(readFileSync('results.json', 'utf8')) as any;",
          "const body: any = await fetchResponse.json();",
          "function log(x: any) { console.log(x); }",
          "let later: any;",
        ),
        "src/plain.ts": "const data = JSON.parse(reply) as any;\n",
        "src/chat.js":
          'import OpenAI from "openai";\nconst data = JSON.parse(completion.choices[0].message.content);\n',
      },
      [anyCastOnModelOutput],
    );
    expect(report.findings).toEqual([]);
  });
});
