// The fake driven by the real `openai` SDK: replies, tool calls, streams and structured output as the SDK parses
// them, and each fault as the SDK experiences it (its own retries, Retry-After, timeouts).

import OpenAI, {
  APIConnectionError,
  APIConnectionTimeoutError,
  AuthenticationError,
  InternalServerError,
  RateLimitError,
} from "openai";
import { LengthFinishReasonError } from "openai/core/error";
import { zodResponseFormat } from "openai/helpers/zod";
import { afterEach, describe, expect, it } from "vitest";
import { z } from "zod";
import {
  empty,
  type FakeOpenAI,
  hang,
  insufficientQuota,
  json,
  malformed,
  rateLimited,
  refusal,
  reset,
  type Step,
  serverError,
  stall,
  startFakeOpenAI,
  text,
  times,
  toolCall,
  truncated,
  unauthorized,
} from "./index.js";

const KEY = "sk-test-0123456789abcdef";
const USER = [{ role: "user" as const, content: "Review app.py please." }];
let server: FakeOpenAI | undefined;

afterEach(async () => {
  await server?.close();
  server = undefined;
});

async function start(script: Step[]): Promise<{ server: FakeOpenAI; client: OpenAI }> {
  server = await startFakeOpenAI({ script, apiKey: KEY });
  return { server, client: new OpenAI({ apiKey: KEY, baseURL: server.url, maxRetries: 0, timeout: 5_000 }) };
}

const READ_FILE = {
  type: "function" as const,
  function: {
    name: "read_file",
    description: "Read a file of the repository",
    parameters: { type: "object", properties: { path: { type: "string" } }, required: ["path"] },
  },
};

describe("replies", () => {
  it("answers a plain reply with usage counted from the request, and records it without the key", async () => {
    const { server, client } = await start([text("Add a test for parse_invoice.")]);
    const completion = await client.chat.completions.create({ model: "gpt-4o-mini", messages: USER });
    expect(completion.choices[0]?.message.content).toBe("Add a test for parse_invoice.");
    expect(completion.choices[0]?.finish_reason).toBe("stop");
    expect(completion.model).toBe("gpt-4o-mini");
    const [request] = server.requests;
    expect(request?.promptTokens).toBeGreaterThan(5);
    expect(completion.usage?.prompt_tokens).toBe(request?.promptTokens);
    expect(completion.usage?.completion_tokens).toBe(7);
    expect(request?.headers.authorization).toBe("Bearer [redacted]");
    expect(JSON.stringify(server.requests)).not.toContain(KEY);
    expect(request?.body).toMatchObject({ model: "gpt-4o-mini", messages: USER });
    server.assertNoProblems();
  });

  it("counts more prompt tokens for a longer prompt, and reports scripted usage as given", async () => {
    const { server, client } = await start([
      text("a"),
      text("b", { usage: { promptTokens: 1234, completionTokens: 56 } }),
      text("c", { usage: null }),
    ]);
    await client.chat.completions.create({ model: "m", messages: USER });
    const long = [{ role: "user" as const, content: "Review app.py please. ".repeat(50) }];
    const scripted = await client.chat.completions.create({ model: "m", messages: long });
    const bare = await client.chat.completions.create({ model: "m", messages: USER });
    expect(server.requests[1]!.promptTokens! - server.requests[0]!.promptTokens!).toBeGreaterThan(150);
    expect(scripted.usage).toMatchObject({ prompt_tokens: 1234, completion_tokens: 56, total_tokens: 1290 });
    expect(bare.usage).toBeUndefined();
  });

  it("runs a tool-call round trip and checks the tool message answers the call", async () => {
    const { server, client } = await start([toolCall("read_file", { path: "app.py" }), text("Found it.")]);
    const first = await client.chat.completions.create({ model: "m", messages: USER, tools: [READ_FILE] });
    const message = first.choices[0]!.message;
    expect(first.choices[0]?.finish_reason).toBe("tool_calls");
    const call = message.tool_calls![0]!;
    expect(call.type === "function" && JSON.parse(call.function.arguments)).toEqual({ path: "app.py" });
    const second = await client.chat.completions.create({
      model: "m",
      tools: [READ_FILE],
      messages: [...USER, message, { role: "tool", tool_call_id: call.id, content: "1: print('hi')" }],
    });
    expect(second.choices[0]?.message.content).toBe("Found it.");
    expect(server.requests[1]?.body).toMatchObject({
      messages: [{}, { tool_calls: [{ id: call.id }] }, { tool_call_id: call.id }],
    });
    server.assertNoProblems();
  });

  it("streams text, tool calls and the usage chunk so the SDK assembles the same message", async () => {
    const { client } = await start([
      text("Three words here", { usage: { promptTokens: 40, completionTokens: 3 } }),
      toolCall("read_file", { path: "src/app.py", lines: [1, 20] }),
      refusal("I can't review this."),
    ]);
    const stream = await client.chat.completions.create({
      model: "m",
      messages: USER,
      stream: true,
      stream_options: { include_usage: true },
    });
    const deltas: string[] = [];
    let usage: OpenAI.CompletionUsage | null | undefined;
    for await (const chunk of stream) {
      if (chunk.choices[0]?.delta.content) deltas.push(chunk.choices[0].delta.content);
      if (chunk.usage) usage = chunk.usage;
    }
    expect(deltas.length).toBeGreaterThan(1);
    expect(deltas.join("")).toBe("Three words here");
    expect(usage).toMatchObject({ prompt_tokens: 40, completion_tokens: 3 });

    const runner = client.chat.completions.stream({ model: "m", messages: USER, tools: [READ_FILE] });
    const final = await runner.finalChatCompletion();
    const call = final.choices[0]!.message.tool_calls![0]!;
    expect(call.type === "function" && call.function.name).toBe("read_file");
    expect(call.type === "function" && JSON.parse(call.function.arguments)).toEqual({
      path: "src/app.py",
      lines: [1, 20],
    });
    expect(final.choices[0]?.finish_reason).toBe("tool_calls");

    const refused = await client.chat.completions
      .stream({ model: "m", messages: USER })
      .finalChatCompletion();
    expect(refused.choices[0]?.message).toMatchObject({ content: null, refusal: "I can't review this." });
  });

  it("serves structured output the SDK parses with a zod schema, and refusals and truncation it rejects", async () => {
    const Findings = z.object({ findings: z.array(z.object({ file: z.string(), line: z.number() })) });
    const format = zodResponseFormat(Findings, "findings");
    const { server, client } = await start([
      json({ findings: [{ file: "app.py", line: 3 }] }),
      refusal("I can't help with that."),
      truncated('{"findings":[{"file":"app.'),
    ]);
    const parsed = await client.chat.completions.parse({
      model: "m",
      messages: USER,
      response_format: format,
    });
    expect(parsed.choices[0]?.message.parsed).toEqual({ findings: [{ file: "app.py", line: 3 }] });
    expect(server.requests[0]?.body).toMatchObject({
      response_format: { type: "json_schema", json_schema: { strict: true } },
    });

    const refused = await client.chat.completions.parse({
      model: "m",
      messages: USER,
      response_format: format,
    });
    expect(refused.choices[0]?.message).toMatchObject({
      refusal: "I can't help with that.",
      content: null,
      parsed: null,
    });

    const cut = client.chat.completions.parse({ model: "m", messages: USER, response_format: format });
    await expect(cut).rejects.toBeInstanceOf(LengthFinishReasonError);
    server.assertNoProblems();
  });

  it("answers an empty reply, and a reply only after its delay", async () => {
    const { server, client } = await start([empty(), text("late", { delayMs: 300 })]);
    const blank = await client.chat.completions.create({ model: "m", messages: USER });
    expect(blank.choices[0]?.message).toMatchObject({ content: "", refusal: null });
    expect(blank.choices[0]?.message.tool_calls).toBeUndefined();
    const started = Date.now();
    await client.chat.completions.create({ model: "m", messages: USER });
    expect(Date.now() - started).toBeGreaterThanOrEqual(290);
    expect(server.requests.map((r) => r.outcome)).toEqual(["reply", "reply"]);
  });

  it("answers a function step computed from the request, and reports a step that throws", async () => {
    const { server, client } = await start([
      (request) =>
        text(`echo: ${JSON.stringify((request.body.messages as { content: string }[])[0]?.content)}`),
      () => {
        throw new Error("expected a system message");
      },
    ]);
    const echoed = await client.chat.completions.create({ model: "m", messages: USER });
    expect(echoed.choices[0]?.message.content).toBe('echo: "Review app.py please."');
    const failed = client.chat.completions.create({ model: "m", messages: USER }, { maxRetries: 2 });
    await expect(failed).rejects.toMatchObject({
      status: 500,
      message: expect.stringContaining("expected a system message"),
    });
    expect(server.requests).toHaveLength(2); // not retried: x-should-retry false
    expect(server.problems.map((p) => p.kind)).toEqual(["step-threw"]);
    expect(() => server.assertNoProblems()).toThrow(/expected a system message/);
  });

  it("answers a clear, unretried 500 when the script runs out", async () => {
    const { server, client } = await start([text("only one")]);
    await client.chat.completions.create({ model: "m", messages: USER });
    const next = client.chat.completions.create({ model: "m", messages: USER }, { maxRetries: 2 });
    await expect(next).rejects.toBeInstanceOf(InternalServerError);
    await expect(next).rejects.toMatchObject({
      code: "script_exhausted",
      message: expect.stringContaining("no step left for request #2"),
    });
    expect(server.requests).toHaveLength(2);
    expect(server.problems).toEqual([expect.objectContaining({ kind: "script-exhausted", seq: 2 })]);
  });
});

describe("faults as the SDK sees them", () => {
  it("retries 500s itself with backoff, then succeeds", async () => {
    const { server, client } = await start([...times(2, serverError()), text("recovered")]);
    const completion = await client.chat.completions.create(
      { model: "m", messages: USER },
      { maxRetries: 2 },
    );
    expect(completion.choices[0]?.message.content).toBe("recovered");
    expect(server.requests.map((r) => r.status)).toEqual([500, 500, 200]);
  });

  it("gives up after its retries with the 500 surfaced", async () => {
    const { server, client } = await start(times(3, serverError()));
    const failing = client.chat.completions.create({ model: "m", messages: USER }, { maxRetries: 2 });
    await expect(failing).rejects.toBeInstanceOf(InternalServerError);
    await expect(failing).rejects.toMatchObject({ status: 500, type: "server_error" });
    expect(server.requests).toHaveLength(3);
  });

  it("waits as long as retry-after-ms or Retry-After say before retrying a 429", async () => {
    const { server, client } = await start([
      rateLimited({ retryAfterMs: 400 }),
      rateLimited({ retryAfter: 1 }),
      text("ok"),
    ]);
    const completion = await client.chat.completions.create(
      { model: "m", messages: USER },
      { maxRetries: 2 },
    );
    expect(completion.choices[0]?.message.content).toBe("ok");
    const [a, b, c] = server.requests.map((r) => r.receivedAt);
    expect(b! - a!).toBeGreaterThanOrEqual(390);
    expect(b! - a!).toBeLessThan(1_000);
    expect(c! - b!).toBeGreaterThanOrEqual(990);
  });

  it("surfaces insufficient_quota as a RateLimitError with its code (the SDK itself still retries it)", async () => {
    const { server, client } = await start(times(2, insufficientQuota()));
    const failing = client.chat.completions.create({ model: "m", messages: USER }, { maxRetries: 1 });
    await expect(failing).rejects.toBeInstanceOf(RateLimitError);
    await expect(failing).rejects.toMatchObject({
      status: 429,
      code: "insufficient_quota",
      type: "insufficient_quota",
    });
    expect(server.requests).toHaveLength(2);
  });

  it("does not retry a 401 and never echoes the key", async () => {
    const { server, client } = await start([unauthorized()]);
    const failing = client.chat.completions.create({ model: "m", messages: USER }, { maxRetries: 2 });
    await expect(failing).rejects.toBeInstanceOf(AuthenticationError);
    await expect(failing).rejects.toMatchObject({ code: "invalid_api_key" });
    expect((await failing.catch((e: Error) => e.message)) as string).not.toContain(KEY);
    expect(server.requests).toHaveLength(1);
  });

  it("hits the SDK's timeout when no headers ever come", async () => {
    const { server, client } = await start([hang()]);
    const started = Date.now();
    const failing = client.chat.completions.create({ model: "m", messages: USER }, { timeout: 300 });
    await expect(failing).rejects.toBeInstanceOf(APIConnectionTimeoutError);
    expect(Date.now() - started).toBeLessThan(3_000);
    expect(server.requests[0]).toMatchObject({ outcome: "hang", status: null });
  });

  it("stalls a body past the SDK's timeout: only an abort signal ends it", async () => {
    // The SDK's timeout covers the wait for headers only; a caller needs its own deadline for the body.
    const { server, client } = await start([stall()]);
    const started = Date.now();
    const failing = client.chat.completions.create(
      { model: "m", messages: USER },
      { timeout: 200, signal: AbortSignal.timeout(1_200) },
    );
    await expect(failing).rejects.toMatchObject({ name: "AbortError" });
    expect(Date.now() - started).toBeGreaterThanOrEqual(1_100);
    expect(server.requests[0]).toMatchObject({ outcome: "hang", status: 200 });
  });

  it("stalls a stream after its first event: an aborted stream ends quietly, with no finish_reason", async () => {
    // The SDK swallows the abort of a stream, so a caller must check finish_reason, not just "no error".
    const { client } = await start([stall()]);
    const started = Date.now();
    const stream = await client.chat.completions.create(
      { model: "m", messages: USER, stream: true },
      { signal: AbortSignal.timeout(800) },
    );
    const seen: OpenAI.ChatCompletionChunk[] = [];
    for await (const chunk of stream) seen.push(chunk);
    expect(Date.now() - started).toBeGreaterThanOrEqual(700);
    expect(seen).toHaveLength(1);
    expect(seen[0]?.choices[0]?.finish_reason).toBeNull();
  });

  it("ends a hung connection on close(), so a test without a client timeout cannot hang", async () => {
    const { server, client } = await start([hang()]);
    const pending = client.chat.completions.create({ model: "m", messages: USER }, { timeout: 60_000 });
    await new Promise((resolve) => setTimeout(resolve, 100));
    const started = Date.now();
    await server.close();
    await expect(pending).rejects.toBeInstanceOf(APIConnectionError);
    expect(Date.now() - started).toBeLessThan(1_000);
  });

  it("sends a body that is not JSON: the SDK throws a SyntaxError and does not retry", async () => {
    const { server, client } = await start([malformed(), text("unused")]);
    const failing = client.chat.completions.create({ model: "m", messages: USER }, { maxRetries: 2 });
    await expect(failing).rejects.toBeInstanceOf(SyntaxError);
    expect(server.requests).toHaveLength(1);
  });

  it("sends a stream event that is not JSON: the SDK's iterator throws", async () => {
    const { client } = await start([malformed()]);
    const stream = await client.chat.completions.create({ model: "m", messages: USER, stream: true });
    const reading = (async () => {
      for await (const _ of stream);
    })();
    await expect(reading).rejects.toThrow(/Could not parse message into JSON|JSON/);
  });

  it("resets the connection: the SDK retries, then reports a connection error", async () => {
    const { server, client } = await start([reset(), reset()]);
    const failing = client.chat.completions.create({ model: "m", messages: USER }, { maxRetries: 1 });
    await expect(failing).rejects.toBeInstanceOf(APIConnectionError);
    expect(server.requests.map((r) => r.outcome)).toEqual(["reset", "reset"]);
  });
});
