// What a scripted model can do on one request: the step types of a script and small builders for each one.

/** One tool call the scripted model makes. `arguments` is sent as JSON text (a string is sent as is). */
export interface ScriptedToolCall {
  name: string;
  arguments: unknown;
  /** Default `call_<seq>_<index>`. */
  id?: string;
}

/** Token counts to report instead of the ones computed from the request and the reply. */
export interface ScriptedUsage {
  promptTokens: number;
  completionTokens: number;
  /** Part of promptTokens served from the prompt cache (reported as `cached_tokens`). */
  cachedTokens?: number;
  /** Part of completionTokens spent reasoning (reported as `reasoning_tokens`). */
  reasoningTokens?: number;
}

export type FinishReason = "stop" | "length" | "tool_calls" | "content_filter";

/** A successful answer (HTTP 200). */
export interface ReplyStep {
  type: "reply";
  /** Assistant text; null or absent means no content (e.g. tool calls only, or an empty answer). */
  content?: string | null;
  toolCalls?: ScriptedToolCall[];
  /** The model declined (`message.refusal`; content is null). */
  refusal?: string;
  /** Default: "tool_calls" when there are tool calls, else "stop". */
  finishReason?: FinishReason;
  /** Scripted counts; null sends no usage block at all (as some compatible servers do); default computed. */
  usage?: ScriptedUsage | null;
  /** The model name to answer with; default the requested one. */
  model?: string;
  /** Wait this long before answering. */
  delayMs?: number;
}

/** An HTTP error answer, OpenAI-shaped by default. */
export interface ErrorStep {
  type: "error";
  status: number;
  /** JSON body; default `{ error: { message, type, param: null, code: null } }` for the status. */
  body?: unknown;
  headers?: Record<string, string>;
  delayMs?: number;
}

/**
 * A connection that never finishes. "headers": the request is read and nothing is ever sent.
 * "body": status and headers are sent, then part of the body (for a stream, the first event), then nothing.
 */
export interface HangStep {
  type: "hang";
  phase: "headers" | "body";
}

/** HTTP 200 whose body is not valid JSON (for a stream: an event whose data is not JSON). */
export interface MalformedStep {
  type: "malformed";
  /** Default: a chat completion cut off in the middle. */
  body?: string;
}

/** The socket is destroyed once the request has been read: no status line at all. */
export interface ResetStep {
  type: "reset";
}

export type StepOutcome = ReplyStep | ErrorStep | HangStep | MalformedStep | ResetStep;

/** What a function step sees: the request as recorded (authorization redacted). */
export interface StepRequest {
  seq: number;
  api: "chat" | "responses";
  path: string;
  headers: Record<string, string>;
  body: Record<string, unknown>;
  /** Prompt tokens of this request as the server counts them. */
  promptTokens: number;
}

/**
 * A step computed from the request, e.g. to echo it or to assert on it. If it throws, the server answers 500
 * (not retryable) and the error is kept in `server.problems`, so a failed assertion fails the test.
 */
export type StepFunction = (request: StepRequest) => StepOutcome | Promise<StepOutcome>;

export type Step = StepOutcome | StepFunction;

type ReplyOptions = Omit<ReplyStep, "type" | "content" | "toolCalls" | "refusal">;

/** An assistant message with this text. */
export function text(content: string, options: ReplyOptions = {}): ReplyStep {
  return { type: "reply", content, ...options };
}

/** Structured output: the value serialised as the message content (what `response_format` asks for). */
export function json(value: unknown, options: ReplyOptions = {}): ReplyStep {
  return { type: "reply", content: JSON.stringify(value), ...options };
}

/** An assistant message calling tools (finish_reason "tool_calls"), optionally with some text too. */
export function toolCalls(
  calls: ScriptedToolCall[],
  options: ReplyOptions & { content?: string } = {},
): ReplyStep {
  return { type: "reply", toolCalls: calls, ...options };
}

/** One tool call, shorthand for `toolCalls([{ name, arguments }])`. */
export function toolCall(name: string, args: unknown, options: ReplyOptions = {}): ReplyStep {
  return toolCalls([{ name, arguments: args }], options);
}

/** The model refuses (`message.refusal` set, content null). */
export function refusal(
  message = "I'm sorry, I can't help with that.",
  options: ReplyOptions = {},
): ReplyStep {
  return { type: "reply", content: null, refusal: message, ...options };
}

/** A reply with empty content and no tool calls. */
export function empty(options: ReplyOptions = {}): ReplyStep {
  return { type: "reply", content: "", ...options };
}

/** Output cut off at max tokens: finish_reason "length" (give the partial text, e.g. half a JSON object). */
export function truncated(partial: string, options: ReplyOptions = {}): ReplyStep {
  return { type: "reply", content: partial, finishReason: "length", ...options };
}

function apiError(
  status: number,
  error: { message: string; type: string; code: string | null; param?: string | null },
  headers?: Record<string, string>,
): ErrorStep {
  return {
    type: "error",
    status,
    body: {
      error: { message: error.message, type: error.type, param: error.param ?? null, code: error.code },
    },
    ...(headers ? { headers } : {}),
  };
}

/** 500 as OpenAI sends it (the SDK retries it). */
export function serverError(status = 500): ErrorStep {
  return apiError(status, {
    message: "The server had an error while processing your request. Sorry about that!",
    type: "server_error",
    code: null,
  });
}

/** 429 rate limit. `retryAfter` (seconds) and/or `retryAfterMs` set the headers the SDK honours. */
export function rateLimited(options: { retryAfter?: number; retryAfterMs?: number } = {}): ErrorStep {
  const headers: Record<string, string> = {
    "x-ratelimit-limit-requests": "500",
    "x-ratelimit-remaining-requests": "0",
    "x-ratelimit-reset-requests": "1s",
  };
  if (options.retryAfter !== undefined) headers["retry-after"] = String(options.retryAfter);
  if (options.retryAfterMs !== undefined) headers["retry-after-ms"] = String(options.retryAfterMs);
  return apiError(
    429,
    {
      message:
        "Rate limit reached for gpt-4o-mini in organization org-fake on requests per min (RPM): Limit 500, Used 500, Requested 1. Please try again in 120ms. Visit https://platform.openai.com/account/rate-limits to learn more.",
      type: "requests",
      param: null,
      code: "rate_limit_exceeded",
    },
    headers,
  );
}

/** 429 insufficient_quota: the account is out of credit. Retrying cannot help. */
export function insufficientQuota(): ErrorStep {
  return apiError(429, {
    message:
      "You exceeded your current quota, please check your plan and billing details. For more information on this error, read the docs: https://platform.openai.com/docs/guides/error-codes/api-errors.",
    type: "insufficient_quota",
    code: "insufficient_quota",
  });
}

/** 401 invalid API key (the key itself is never echoed). */
export function unauthorized(): ErrorStep {
  return apiError(401, {
    message:
      "Incorrect API key provided. You can find your API key at https://platform.openai.com/account/api-keys.",
    type: "invalid_request_error",
    code: "invalid_api_key",
  });
}

/** Nothing is ever sent back. */
export function hang(): HangStep {
  return { type: "hang", phase: "headers" };
}

/** Status and headers are sent, then the body stalls part-way. */
export function stall(): HangStep {
  return { type: "hang", phase: "body" };
}

/** A 200 whose body is not JSON. */
export function malformed(body?: string): MalformedStep {
  return body === undefined ? { type: "malformed" } : { type: "malformed", body };
}

/** The connection is reset before any answer. */
export function reset(): ResetStep {
  return { type: "reset" };
}

/** The same step n times, e.g. `...times(3, serverError())`. */
export function times<T extends Step>(count: number, step: T): T[] {
  return Array.from({ length: count }, () => step);
}
