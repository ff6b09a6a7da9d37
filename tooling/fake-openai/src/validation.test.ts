// Requests OpenAI would reject get OpenAI's answer (400, 401, 404) and are reported as problems; they never use
// up a script step.

import OpenAI, { AuthenticationError, BadRequestError, NotFoundError } from "openai";
import { afterEach, describe, expect, it } from "vitest";
import { type FakeOpenAI, startFakeOpenAI, text } from "./index.js";

const KEY = "sk-test-validation";
let server: FakeOpenAI | undefined;

afterEach(async () => {
  await server?.close();
  server = undefined;
});

async function start(options: Parameters<typeof startFakeOpenAI>[0] = {}) {
  server = await startFakeOpenAI({ script: [text("ok")], ...options });
  return { server, client: new OpenAI({ apiKey: KEY, baseURL: server.url, maxRetries: 0 }) };
}

/** Sends a body the SDK's types would not allow, through the SDK all the same. */
function send(client: OpenAI, body: Record<string, unknown>) {
  return client.chat.completions.create(body as unknown as OpenAI.ChatCompletionCreateParamsNonStreaming);
}

const user = { role: "user", content: "hi" };
const call = {
  id: "call_1",
  type: "function",
  function: { name: "read_file", arguments: '{"path":"a.py"}' },
};

describe("malformed requests answer 400 like OpenAI", () => {
  const cases: [
    string,
    Record<string, unknown>,
    { param: string | null; code: string | null; message: RegExp },
  ][] = [
    [
      "no model",
      { messages: [user] },
      { param: null, code: null, message: /you must provide a model parameter/ },
    ],
    [
      "no messages",
      { model: "m" },
      { param: "messages", code: "missing_required_parameter", message: /'messages'/ },
    ],
    [
      "empty messages",
      { model: "m", messages: [] },
      { param: "messages", code: "empty_array", message: /empty array/ },
    ],
    [
      "unknown role",
      { model: "m", messages: [{ role: "bot", content: "x" }] },
      { param: "messages[0].role", code: "invalid_value", message: /'bot'/ },
    ],
    [
      "user without content",
      { model: "m", messages: [{ role: "user" }] },
      { param: "messages[0].content", code: "missing_required_parameter", message: /content/ },
    ],
    [
      "tool message with no call before it",
      { model: "m", messages: [user, { role: "tool", tool_call_id: "call_1", content: "x" }] },
      {
        param: "messages.[1].role",
        code: null,
        message: /must be a response to a preceeding message with 'tool_calls'/,
      },
    ],
    [
      "tool message answering another id",
      {
        model: "m",
        messages: [
          user,
          { role: "assistant", content: null, tool_calls: [call] },
          { role: "tool", tool_call_id: "call_2", content: "x" },
        ],
      },
      {
        param: "messages.[2].role",
        code: null,
        message: /'call_2' of messages\.\[2\] does not answer any open tool call/,
      },
    ],
    [
      "tool call left unanswered",
      { model: "m", messages: [user, { role: "assistant", content: null, tool_calls: [call] }, user] },
      { param: "messages.[1].role", code: null, message: /did not have response messages: call_1/ },
    ],
    [
      "tool call arguments as an object",
      {
        model: "m",
        messages: [
          user,
          {
            role: "assistant",
            tool_calls: [{ ...call, function: { name: "read_file", arguments: { path: "a.py" } } }],
          },
        ],
      },
      {
        param: "messages[1].tool_calls[0].function.arguments",
        code: "invalid_type",
        message: /expected a string, but got an object/,
      },
    ],
    [
      "tool name with a space",
      { model: "m", messages: [user], tools: [{ type: "function", function: { name: "read file" } }] },
      { param: "tools[0].function.name", code: "invalid_value", message: /does not match pattern/ },
    ],
    [
      "tool parameters not an object schema",
      {
        model: "m",
        messages: [user],
        tools: [{ type: "function", function: { name: "f", parameters: { type: "string" } } }],
      },
      {
        param: "tools[0].function.parameters",
        code: "invalid_function_parameters",
        message: /type: "object"/,
      },
    ],
    [
      "tool_choice without tools",
      { model: "m", messages: [user], tool_choice: "auto" },
      { param: "tool_choice", code: null, message: /only allowed when 'tools' are specified/ },
    ],
    [
      "tool_choice not a known mode",
      {
        model: "m",
        messages: [user],
        tools: [{ type: "function", function: { name: "f" } }],
        tool_choice: "always",
      },
      {
        param: "tool_choice",
        code: "invalid_value",
        message: /Supported values are: 'none', 'auto', and 'required'\./,
      },
    ],
    [
      "tool_choice naming a function not in tools",
      {
        model: "m",
        messages: [user],
        tools: [{ type: "function", function: { name: "f" } }],
        tool_choice: { type: "function", function: { name: "g" } },
      },
      { param: "tool_choice", code: null, message: /function 'g'/ },
    ],
    [
      "strict schema with an optional property",
      {
        model: "m",
        messages: [user],
        response_format: {
          type: "json_schema",
          json_schema: {
            name: "findings",
            strict: true,
            schema: {
              type: "object",
              additionalProperties: false,
              properties: { a: { type: "string" }, b: { type: "number" } },
              required: ["a"],
            },
          },
        },
      },
      { param: "response_format.json_schema.schema", code: "invalid_json_schema", message: /Missing 'b'/ },
    ],
    [
      "strict schema left open",
      {
        model: "m",
        messages: [user],
        tools: [
          {
            type: "function",
            function: {
              name: "f",
              strict: true,
              parameters: { type: "object", properties: {}, required: [] },
            },
          },
        ],
      },
      {
        param: "tools[0].function.parameters",
        code: "invalid_json_schema",
        message: /'additionalProperties' is required to be supplied and to be false/,
      },
    ],
    [
      "json_object without the word json",
      { model: "m", messages: [user], response_format: { type: "json_object" } },
      { param: "messages", code: null, message: /must contain the word 'json'/ },
    ],
    [
      "temperature out of range",
      { model: "m", messages: [user], temperature: 3 },
      { param: "temperature", code: "decimal_above_max_value", message: /<= 2/ },
    ],
    [
      "stream_options without stream",
      { model: "m", messages: [user], stream_options: { include_usage: true } },
      { param: "stream_options", code: null, message: /only allowed when 'stream' is enabled/ },
    ],
  ];

  it.each(cases)("%s", async (_name, body, expected) => {
    const { server, client } = await start();
    const error = await send(client, body).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(BadRequestError);
    const bad = error as BadRequestError;
    expect(bad.status).toBe(400);
    expect(bad.type).toBe("invalid_request_error");
    expect(bad.param).toBe(expected.param);
    expect(bad.code).toBe(expected.code);
    expect(bad.message).toMatch(expected.message);
    expect(server.problems).toEqual([expect.objectContaining({ kind: "invalid-request", seq: 1 })]);
    expect(server.script).toHaveLength(1); // the step is still there for a correct request
    await expect(send(client, { model: "m", messages: [user] })).resolves.toMatchObject({
      choices: [{ message: { content: "ok" } }],
    });
  });

  it("accepts a correct conversation with answered tool calls, a strict schema and content parts", async () => {
    const { server, client } = await start();
    await send(client, {
      model: "m",
      messages: [
        { role: "developer", content: [{ type: "text", text: "You review code. Answer in json." }] },
        user,
        { role: "assistant", content: null, tool_calls: [call] },
        { role: "tool", tool_call_id: "call_1", content: "1: import os" },
      ],
      tools: [
        {
          type: "function",
          function: {
            name: "read_file",
            strict: true,
            parameters: {
              type: "object",
              additionalProperties: false,
              properties: { path: { type: "string" } },
              required: ["path"],
            },
          },
        },
      ],
      response_format: { type: "json_object" },
    });
    server.assertNoProblems();
  });

  it("rejects sampling parameters on models configured as reasoning models, and max_tokens there", async () => {
    const { server, client } = await start({ reasoningModels: /^o\d/ });
    await expect(
      send(client, { model: "o3-mini", messages: [user], temperature: 0.2 }),
    ).rejects.toMatchObject({
      status: 400,
      param: "temperature",
      code: "unsupported_value",
    });
    await expect(send(client, { model: "o3-mini", messages: [user], max_tokens: 100 })).rejects.toMatchObject(
      {
        param: "max_tokens",
        code: "unsupported_parameter",
      },
    );
    await expect(
      send(client, { model: "o3-mini", messages: [user], max_completion_tokens: 100 }),
    ).resolves.toBeDefined();
    expect(server.problems).toHaveLength(2);
  });

  it("answers context_length_exceeded past the configured window, counting with the tokenizer", async () => {
    const { server, client } = await start({ contextWindow: 50 });
    const long = { role: "user", content: "word ".repeat(60) };
    await expect(send(client, { model: "m", messages: [long] })).rejects.toMatchObject({
      status: 400,
      code: "context_length_exceeded",
      message: expect.stringMatching(
        /maximum context length is 50 tokens\. However, your messages resulted in 6\d tokens/,
      ),
    });
    await expect(send(client, { model: "m", messages: [user] })).resolves.toBeDefined();
    expect(server.problems.map((p) => p.kind)).toEqual(["context-length"]);
  });

  it("answers 404 model_not_found for a model not in the list", async () => {
    const { client } = await start({ models: ["gpt-4o-mini"] });
    const error = await send(client, { model: "gpt-4o-mni", messages: [user] }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(NotFoundError);
    expect(error).toMatchObject({ code: "model_not_found", message: expect.stringContaining("gpt-4o-mni") });
    expect(await client.models.list().then((page) => page.data.map((m) => m.id))).toEqual(["gpt-4o-mini"]);
  });
});

describe("authentication and routes", () => {
  it("answers 401 without a Bearer token and for a wrong key, without echoing it", async () => {
    const { server } = await start({ apiKey: KEY });
    const bare = await fetch(`${server.url}/chat/completions`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ model: "m", messages: [user] }),
    });
    expect(bare.status).toBe(401);
    expect(((await bare.json()) as { error: { message: string } }).error.message).toMatch(
      /didn't provide an API key/,
    );
    const wrong = new OpenAI({ apiKey: "sk-wrong-key-123", baseURL: server.url, maxRetries: 0 });
    const error = await wrong.chat.completions
      .create({ model: "m", messages: [{ role: "user", content: "hi" }] })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AuthenticationError);
    expect((error as Error).message).not.toContain("sk-wrong-key-123");
    expect(JSON.stringify(server.requests)).not.toContain("sk-wrong-key-123");
    expect(server.problems.map((p) => p.kind)).toEqual(["auth", "auth"]);
  });

  it("answers 400 for a body that is not JSON and 404 Invalid URL for an unknown route", async () => {
    const { server } = await start();
    const headers = { authorization: `Bearer ${KEY}`, "content-type": "application/json" };
    const notJson = await fetch(`${server.url}/chat/completions`, {
      method: "POST",
      headers,
      body: "{model:",
    });
    expect(notJson.status).toBe(400);
    expect(await notJson.text()).toContain("We could not parse the JSON body of your request");
    const unknown = await fetch(`${server.url}/completions/chat`, { method: "POST", headers, body: "{}" });
    expect(unknown.status).toBe(404);
    expect(await unknown.json()).toEqual({
      error: {
        message: "Invalid URL (POST /v1/completions/chat)",
        type: "invalid_request_error",
        param: null,
        code: null,
      },
    });
    expect(server.problems.map((p) => p.kind)).toEqual(["invalid-json", "unknown-route"]);
  });
});
