// The fake driven by LangChain's ChatOpenAI (@langchain/openai): invoke, tools, structured output, streaming,
// the Responses API, and the faults as LangChain's own retry logic handles them.

import { AIMessage, type AIMessageChunk, HumanMessage, ToolMessage } from "@langchain/core/messages";
import { ChatOpenAI } from "@langchain/openai";
import { afterEach, describe, expect, it } from "vitest";
import { z } from "zod";
import {
  type FakeOpenAI,
  hang,
  insufficientQuota,
  json,
  rateLimited,
  type Step,
  serverError,
  startFakeOpenAI,
  text,
  toolCall,
} from "./index.js";

const KEY = "sk-test-langchain";
let server: FakeOpenAI | undefined;

afterEach(async () => {
  await server?.close();
  server = undefined;
});

async function start(script: Step[], fields: ConstructorParameters<typeof ChatOpenAI>[0] = {}) {
  server = await startFakeOpenAI({ script, apiKey: KEY });
  const model = new ChatOpenAI({
    model: "gpt-4o-mini",
    apiKey: KEY,
    configuration: { baseURL: server.url },
    maxRetries: 0,
    ...fields,
  });
  return { server, model };
}

const readFile = {
  name: "read_file",
  description: "Read a file of the repository by line range",
  schema: z.object({ path: z.string(), start: z.number().int(), end: z.number().int() }),
};

describe("ChatOpenAI on Chat Completions", () => {
  it("invokes and reads the usage block", async () => {
    const { server, model } = await start([
      text("Pin your model version.", { usage: { promptTokens: 321, completionTokens: 5 } }),
    ]);
    const reply = await model.invoke([new HumanMessage("Review this repo")]);
    expect(reply.content).toBe("Pin your model version.");
    expect(reply.usage_metadata).toMatchObject({ input_tokens: 321, output_tokens: 5, total_tokens: 326 });
    expect(server.requests[0]).toMatchObject({ api: "chat", path: "/v1/chat/completions", stream: false });
    server.assertNoProblems();
  });

  it("round-trips a tool call through bindTools and a ToolMessage", async () => {
    const { server, model } = await start([
      toolCall("read_file", { path: "app.py", start: 1, end: 20 }),
      text("app.py calls the model without a timeout."),
    ]);
    const withTools = model.bindTools([readFile]);
    const history = [new HumanMessage("Review app.py")];
    const first = await withTools.invoke(history);
    expect(first.tool_calls).toEqual([
      expect.objectContaining({ name: "read_file", args: { path: "app.py", start: 1, end: 20 } }),
    ]);
    const id = first.tool_calls![0]!.id!;
    const second = await withTools.invoke([
      ...history,
      first,
      new ToolMessage({ tool_call_id: id, content: "1: client.chat(...)" }),
    ]);
    expect(second.content).toBe("app.py calls the model without a timeout.");
    const sent = server.requests[1]?.body as {
      messages: { role: string; tool_call_id?: string }[];
      tools: unknown[];
    };
    expect(sent.messages.map((m) => m.role)).toEqual(["user", "assistant", "tool"]);
    expect(sent.messages[2]?.tool_call_id).toBe(id);
    expect(sent.tools).toEqual([
      expect.objectContaining({ type: "function", function: expect.objectContaining({ name: "read_file" }) }),
    ]);
    server.assertNoProblems();
  });

  it("returns structured output parsed by withStructuredOutput", async () => {
    const Findings = z.object({ findings: z.array(z.object({ file: z.string(), line: z.number().int() })) });
    const { server, model } = await start([json({ findings: [{ file: "rag.py", line: 12 }] })]);
    const structured = model.withStructuredOutput(Findings, { name: "findings" });
    expect(await structured.invoke("Review")).toEqual({ findings: [{ file: "rag.py", line: 12 }] });
    expect(server.requests[0]?.body).toMatchObject({ response_format: { type: "json_schema" } });
    server.assertNoProblems();
  });

  it("streams content and tool-call chunks that concatenate to the scripted message, with usage", async () => {
    const { server, model } = await start([
      text("Add a retry with backoff.", { usage: { promptTokens: 90, completionTokens: 6 } }),
      toolCall("read_file", { path: "a.py", start: 3, end: 9 }),
    ]);
    let whole: AIMessageChunk | undefined;
    for await (const chunk of await model.stream("Review")) whole = whole ? whole.concat(chunk) : chunk;
    expect(whole?.content).toBe("Add a retry with backoff.");
    expect(whole?.usage_metadata).toMatchObject({ input_tokens: 90, output_tokens: 6 });
    expect(server.requests[0]?.body).toMatchObject({ stream: true, stream_options: { include_usage: true } });

    let calls: AIMessageChunk | undefined;
    for await (const chunk of await model.bindTools([readFile]).stream("Review"))
      calls = calls ? calls.concat(chunk) : chunk;
    expect(calls?.tool_calls).toEqual([
      expect.objectContaining({ name: "read_file", args: { path: "a.py", start: 3, end: 9 } }),
    ]);
  });
});

describe("ChatOpenAI on the Responses API", () => {
  it("invokes, calls a tool and answers the call", async () => {
    const { server, model } = await start(
      [
        toolCall("read_file", { path: "b.py", start: 1, end: 5 }),
        text("Looks good.", { usage: { promptTokens: 70, completionTokens: 3 } }),
      ],
      { useResponsesApi: true },
    );
    const withTools = model.bindTools([readFile]);
    const first = await withTools.invoke([new HumanMessage("Review b.py")]);
    expect(first.tool_calls).toEqual([
      expect.objectContaining({ name: "read_file", args: { path: "b.py", start: 1, end: 5 } }),
    ]);
    const second = await withTools.invoke([
      new HumanMessage("Review b.py"),
      first,
      new ToolMessage({ tool_call_id: first.tool_calls![0]!.id!, content: "1: x = 1" }),
    ]);
    expect(second.text).toBe("Looks good.");
    expect(second.usage_metadata).toMatchObject({ input_tokens: 70, output_tokens: 3 });
    expect(server.requests.map((r) => r.path)).toEqual(["/v1/responses", "/v1/responses"]);
    expect(server.requests[1]?.body).toMatchObject({
      input: expect.arrayContaining([expect.objectContaining({ type: "function_call_output" })]),
    });
    server.assertNoProblems();
  });

  it("streams text and tool calls through the Responses events", async () => {
    const { model } = await start(
      [text("Stream this answer please"), toolCall("read_file", { path: "c.py", start: 2, end: 4 })],
      {
        useResponsesApi: true,
      },
    );
    let whole: AIMessageChunk | undefined;
    for await (const chunk of await model.stream("Review")) whole = whole ? whole.concat(chunk) : chunk;
    expect(whole?.text).toBe("Stream this answer please");
    let calls: AIMessageChunk | undefined;
    for await (const chunk of await model.bindTools([readFile]).stream("Review"))
      calls = calls ? calls.concat(chunk) : chunk;
    expect(calls?.tool_calls).toEqual([
      expect.objectContaining({ name: "read_file", args: { path: "c.py", start: 2, end: 4 } }),
    ]);
  });

  it("reads a truncated response as incomplete", async () => {
    const { model } = await start([{ type: "reply", content: '{"findings":[', finishReason: "length" }], {
      useResponsesApi: true,
    });
    const reply = await model.invoke("Review");
    expect(reply).toBeInstanceOf(AIMessage);
    expect(reply.response_metadata).toMatchObject({
      status: "incomplete",
      incomplete_details: { reason: "max_output_tokens" },
    });
  });
});

describe("faults as LangChain handles them", () => {
  it("surfaces OpenAI's 400 for a strict tool with an optional field, without retrying", async () => {
    const { server, model } = await start([text("unused")], { maxRetries: 3 });
    const listFiles = {
      name: "list_files",
      description: "List files",
      schema: z.object({ under: z.string().optional() }),
    };
    await expect(model.bindTools([listFiles], { strict: true }).invoke("Review")).rejects.toMatchObject({
      status: 400,
      message: expect.stringContaining("Missing 'under'"),
    });
    expect(server.requests).toHaveLength(1);
    expect(server.problems.map((p) => p.kind)).toEqual(["invalid-request"]);
  });

  it("retries a 500 through its own caller when maxRetries allows", async () => {
    const { server, model } = await start([serverError(), text("second time lucky")], { maxRetries: 1 });
    expect((await model.invoke("Review")).content).toBe("second time lucky");
    expect(server.requests.map((r) => r.status)).toEqual([500, 200]);
  });

  it("waits per Retry-After on a 429 before retrying", async () => {
    const { server, model } = await start([rateLimited({ retryAfter: 1 }), text("ok")], { maxRetries: 1 });
    expect((await model.invoke("Review")).content).toBe("ok");
    const [first, second] = server.requests;
    expect(second!.receivedAt - first!.receivedAt).toBeGreaterThanOrEqual(990);
  });

  it("stops at insufficient_quota without retrying", async () => {
    const { server, model } = await start([insufficientQuota(), text("unused")], { maxRetries: 3 });
    await expect(model.invoke("Review")).rejects.toMatchObject({ status: 429, code: "insufficient_quota" });
    expect(server.requests).toHaveLength(1);
  });

  it("times out a hung connection", async () => {
    const { model } = await start([hang()], { timeout: 300 });
    const started = Date.now();
    await expect(model.invoke("Review")).rejects.toMatchObject({ name: "TimeoutError" });
    expect(Date.now() - started).toBeLessThan(3_000);
  });
});
