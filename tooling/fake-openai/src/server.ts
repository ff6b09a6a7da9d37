// A local OpenAI-compatible server for tests: real HTTP (node:http) on 127.0.0.1, requests checked the way
// OpenAI checks them, answers taken in order from a script, every request recorded. See README.md.

import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import {
  contextLengthExceeded,
  errorBody,
  exhaustedBody,
  INVALID_JSON,
  NO_API_KEY,
  type Rejection,
  unknownModel,
  unknownRoute,
  WRONG_API_KEY,
} from "./errors.js";
import { type Api, respond, type Sent, sendJson } from "./respond.js";
import type { Step, StepOutcome, StepRequest } from "./script.js";
import { completionTokensOf, promptTokensOf } from "./tokens.js";
import type {
  FakeOpenAI,
  FakeOpenAIOptions,
  Outcome,
  Problem,
  ProblemKind,
  RecordedRequest,
} from "./types.js";
import { checkChatRequest } from "./validate-chat.js";
import { checkResponsesRequest } from "./validate-responses.js";

const ROUTES: Record<string, Api | "models"> = {
  "POST /v1/chat/completions": "chat",
  "POST /v1/responses": "responses",
  "GET /v1/models": "models",
};

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => resolve(Buffer.concat(chunks).toString("utf8")));
    req.on("error", reject);
  });
}

function redactHeaders(req: IncomingMessage): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(req.headers)) {
    if (value === undefined) continue;
    const text = Array.isArray(value) ? value.join(", ") : value;
    headers[name] = name === "authorization" ? `${text.split(/\s+/)[0] ?? ""} [redacted]` : text;
  }
  return headers;
}

function authProblem(req: IncomingMessage, apiKey: string | undefined): Rejection | undefined {
  const token = /^Bearer\s+(\S+)$/i.exec(req.headers.authorization?.trim() ?? "")?.[1];
  if (!token) return NO_API_KEY;
  return apiKey !== undefined && token !== apiKey ? WRONG_API_KEY : undefined;
}

/** Starts the server on 127.0.0.1 (random port). */
export async function startFakeOpenAI(options: FakeOpenAIOptions = {}): Promise<FakeOpenAI> {
  const script: Step[] = [...(options.script ?? [])];
  const requests: RecordedRequest[] = [];
  const problems: Problem[] = [];
  let used = 0;

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const raw = await readBody(req);
    const method = (req.method ?? "GET").toUpperCase();
    const path = new URL(req.url ?? "/", "http://localhost").pathname.replace(/\/+$/, "");
    const record: RecordedRequest = {
      seq: requests.length + 1,
      receivedAt: Date.now(),
      method,
      path,
      api: ROUTES[`${method} ${path}`] ?? null,
      headers: redactHeaders(req),
      body: undefined,
      stream: false,
      promptTokens: null,
      step: null,
      outcome: "rejected",
      status: null,
      responseBody: undefined,
    };
    requests.push(record);
    const headers = { "x-request-id": `req_fake${record.seq}`, "openai-version": "2020-10-01" };
    const finish = (outcome: Outcome, sent: Sent) => {
      record.outcome = outcome;
      record.status = sent.status;
      record.responseBody = sent.body;
      if (options.log)
        console.error(`[fake-openai] #${record.seq} ${method} ${path} -> ${sent.status ?? outcome}`);
    };
    const reject = (kind: ProblemKind, rejection: Rejection, extra: Record<string, string> = {}) => {
      problems.push({ kind, seq: record.seq, message: rejection.body.error.message });
      finish("rejected", sendJson(res, rejection.status, rejection.body, { ...headers, ...extra }));
    };

    if (raw.trim() !== "") {
      try {
        record.body = JSON.parse(raw);
      } catch {
        record.body = raw;
      }
    }
    const auth = authProblem(req, options.apiKey);
    if (auth) return reject("auth", auth);
    if (record.api === null) return reject("unknown-route", unknownRoute(method, path));
    if (record.api === "models") {
      const data = (options.models ?? ["gpt-4o-mini"]).map((id) => ({
        id,
        object: "model",
        created: 0,
        owned_by: "fake-openai",
      }));
      return finish("models", sendJson(res, 200, { object: "list", data }, headers));
    }
    if (typeof record.body !== "object" || record.body === null || Array.isArray(record.body))
      return reject("invalid-json", INVALID_JSON);
    const body = record.body as Record<string, unknown>;
    const api = record.api;
    const reasoning = typeof body.model === "string" && (options.reasoningModels?.test(body.model) ?? false);
    const invalid =
      api === "chat" ? checkChatRequest(body, reasoning) : checkResponsesRequest(body, reasoning);
    if (invalid) return reject("invalid-request", invalid);
    const model = body.model as string;
    if (options.models && !options.models.includes(model))
      return reject("unknown-model", unknownModel(model));
    record.stream = body.stream === true;
    const promptTokens = promptTokensOf(body);
    record.promptTokens = promptTokens;
    if (options.contextWindow !== undefined && promptTokens > options.contextWindow)
      return reject("context-length", contextLengthExceeded(options.contextWindow, promptTokens));

    const noRetry = { ...headers, "x-should-retry": "false" };
    const next = script.shift();
    if (next === undefined) {
      const error = exhaustedBody(record.seq, used);
      problems.push({ kind: "script-exhausted", seq: record.seq, message: error.error.message });
      return finish("exhausted", sendJson(res, 500, error, noRetry));
    }
    record.step = used++;
    let step: StepOutcome;
    try {
      const view: StepRequest = { seq: record.seq, api, path, headers: record.headers, body, promptTokens };
      step = typeof next === "function" ? await next(view) : next;
    } catch (error) {
      const message = `fake-openai: script step ${record.step} threw: ${error instanceof Error ? error.message : String(error)}`;
      problems.push({ kind: "step-threw", seq: record.seq, message });
      return finish(
        "step-threw",
        sendJson(res, 500, errorBody(message, "server_error", null, "step_threw"), noRetry),
      );
    }
    const usage =
      step.type !== "reply" || step.usage === null
        ? null
        : {
            promptTokens: step.usage?.promptTokens ?? promptTokens,
            completionTokens: step.usage?.completionTokens ?? completionTokensOf(step),
            cachedTokens: step.usage?.cachedTokens ?? 0,
            reasoningTokens: step.usage?.reasoningTokens ?? 0,
          };
    const streamOptions = body.stream_options as { include_usage?: boolean } | undefined;
    const ctx = {
      seq: record.seq,
      model: (step.type === "reply" ? step.model : undefined) ?? model,
      created: options.created ?? Math.floor(Date.now() / 1000),
      usage,
      streamUsage: streamOptions?.include_usage === true,
    };
    const sent = await respond({ api, req, res, request: body, stream: record.stream, ctx, headers }, step);
    finish(step.type, sent);
  }

  const server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      console.error("[fake-openai] unexpected error", error);
      if (!res.headersSent)
        res.writeHead(500, { "content-type": "application/json", "x-should-retry": "false" });
      res.end(JSON.stringify(errorBody("fake-openai: internal error", "server_error")));
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  let closing: Promise<void> | undefined;

  return {
    url: `http://127.0.0.1:${port}/v1`,
    requests,
    script,
    problems,
    modelRequests() {
      return requests.filter((r) => r.api === "chat" || r.api === "responses");
    },
    assertNoProblems() {
      if (problems.length === 0) return;
      const lines = problems.map((p) => `- [${p.kind}] request #${p.seq}: ${p.message}`);
      throw new Error(`fake-openai problems:\n${lines.join("\n")}`);
    },
    close() {
      // Idempotent, so a test may close early and an afterEach may close again.
      closing ??= new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      });
      return closing;
    },
  };
}
