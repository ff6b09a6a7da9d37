// The Responses API (`POST /v1/responses`) as the real `openai` SDK uses it: text, function calls answered with
// function_call_output, streams assembled by the SDK, structured output parsed by zod, truncation, bad input.

import OpenAI, { BadRequestError } from "openai";
import { zodTextFormat } from "openai/helpers/zod";
import { afterEach, describe, expect, it } from "vitest";
import { z } from "zod";
import {
  type FakeOpenAI,
  json,
  refusal,
  type Step,
  startFakeOpenAI,
  text,
  toolCall,
  truncated,
} from "./index.js";

let server: FakeOpenAI | undefined;

afterEach(async () => {
  await server?.close();
  server = undefined;
});

async function start(script: Step[]) {
  server = await startFakeOpenAI({ script });
  return { server, client: new OpenAI({ apiKey: "sk-test", baseURL: server.url, maxRetries: 0 }) };
}

const readFile = {
  type: "function" as const,
  name: "read_file",
  description: "Read a file",
  strict: true,
  parameters: {
    type: "object",
    properties: { path: { type: "string" } },
    required: ["path"],
    additionalProperties: false,
  },
};

describe("Responses API", () => {
  it("answers text with usage, and a function call the next request answers", async () => {
    const { server, client } = await start([
      text("Hello there", { usage: { promptTokens: 12, completionTokens: 2 } }),
      toolCall("read_file", { path: "app.py" }),
      text("done"),
    ]);
    const hello = await client.responses.create({
      model: "gpt-4.1-mini",
      input: "hi",
      instructions: "Be brief.",
    });
    expect(hello.output_text).toBe("Hello there");
    expect(hello.usage).toMatchObject({ input_tokens: 12, output_tokens: 2, total_tokens: 14 });
    expect(hello.instructions).toBe("Be brief.");

    const called = await client.responses.create({ model: "m", input: "review app.py", tools: [readFile] });
    const call = called.output.find((item) => item.type === "function_call");
    if (call?.type !== "function_call") throw new Error("expected a function call");
    expect(call).toMatchObject({ name: "read_file", arguments: '{"path":"app.py"}' });
    const answered = await client.responses.create({
      model: "m",
      tools: [readFile],
      input: [
        { role: "user", content: "review app.py" },
        { type: "function_call", call_id: call.call_id, name: call.name, arguments: call.arguments },
        { type: "function_call_output", call_id: call.call_id, output: "1: x" },
      ],
    });
    expect(answered.output_text).toBe("done");
    expect(server.requests.map((r) => r.api)).toEqual(["responses", "responses", "responses"]);
    server.assertNoProblems();
  });

  it("streams events the SDK assembles into the same response, function calls included", async () => {
    const { client } = await start([text("Streamed words arrive"), toolCall("read_file", { path: "b.py" })]);
    const stream = client.responses.stream({ model: "m", input: "hi" });
    const deltas: string[] = [];
    stream.on("response.output_text.delta", (event) => deltas.push(event.delta));
    const final = await stream.finalResponse();
    expect(deltas.length).toBeGreaterThan(1);
    expect(final.output_text).toBe("Streamed words arrive");
    expect(final.status).toBe("completed");

    const calling = await client.responses
      .stream({ model: "m", input: "hi", tools: [readFile] })
      .finalResponse();
    expect(calling.output[0]).toMatchObject({
      type: "function_call",
      name: "read_file",
      arguments: '{"path":"b.py"}',
    });
  });

  it("serves structured output, a refusal, and a truncated response marked incomplete", async () => {
    const Answer = z.object({ findings: z.array(z.object({ file: z.string(), line: z.number() })) });
    const { server, client } = await start([
      json({ findings: [{ file: "a.py", line: 2 }] }),
      refusal("I can't help with that."),
      truncated('{"findings":['),
    ]);
    const format = zodTextFormat(Answer, "findings");
    const parsed = await client.responses.parse({ model: "m", input: "review", text: { format } });
    expect(parsed.output_parsed).toEqual({ findings: [{ file: "a.py", line: 2 }] });
    expect(server.requests[0]?.body).toMatchObject({
      text: { format: { type: "json_schema", strict: true } },
    });

    const refused = await client.responses.create({ model: "m", input: "review" });
    expect(refused.output[0]).toMatchObject({
      type: "message",
      content: [{ type: "refusal", refusal: "I can't help with that." }],
    });

    const cut = await client.responses.create({ model: "m", input: "review", max_output_tokens: 16 });
    expect(cut).toMatchObject({ status: "incomplete", incomplete_details: { reason: "max_output_tokens" } });
  });

  it("answers 400 to a function_call_output that answers no call, and to a missing input", async () => {
    const { server, client } = await start([text("unused")]);
    const orphan = client.responses.create({
      model: "m",
      input: [{ type: "function_call_output", call_id: "call_9", output: "x" }],
    });
    await expect(orphan).rejects.toBeInstanceOf(BadRequestError);
    await expect(orphan).rejects.toMatchObject({
      message: expect.stringContaining("No tool call found for function call output with call_id call_9"),
    });
    const noInput = client.responses.create({
      model: "m",
    } as OpenAI.Responses.ResponseCreateParamsNonStreaming);
    await expect(noInput).rejects.toMatchObject({
      status: 400,
      param: "input",
      code: "missing_required_parameter",
    });
    expect(server.script).toHaveLength(1);
  });
});
