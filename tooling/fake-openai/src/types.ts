// The public shapes of the fake server: its options, what it records of each request, the problems it reports.

import type { Api } from "./respond.js";
import type { Step } from "./script.js";

export interface FakeOpenAIOptions {
  /** The answers, in order of the requests that reach a model endpoint. Also `server.script`, to add more. */
  script?: Step[];
  /** When set, the Bearer token must be exactly this (else 401 invalid_api_key). Default: any token. */
  apiKey?: string;
  /** The models that exist; any other answers 404 model_not_found. Default: every name exists. */
  models?: string[];
  /** Models that, like OpenAI's reasoning models, reject temperature/top_p other than 1 and `max_tokens`. */
  reasoningModels?: RegExp;
  /** Context window in tokens: a longer prompt answers 400 context_length_exceeded. Default: unlimited. */
  contextWindow?: number;
  /** `created` timestamp of every answer (seconds). Default: now. */
  created?: number;
  /** One stderr line per request (never the key). */
  log?: boolean;
}

export type Outcome =
  | "reply"
  | "error"
  | "hang"
  | "malformed"
  | "reset"
  | "rejected"
  | "exhausted"
  | "step-threw"
  | "models";

export interface RecordedRequest {
  /** 1-based order of arrival. */
  seq: number;
  /** When the request arrived (Date.now()), to assert on the waits between retries. */
  receivedAt: number;
  method: string;
  path: string;
  /** The endpoint reached, or null for an unknown route. */
  api: Api | "models" | null;
  /** Lower-cased names; `authorization` keeps its scheme only ("Bearer [redacted]"). */
  headers: Record<string, string>;
  /** The parsed JSON body (the raw text when it was not JSON; undefined when empty). */
  body: unknown;
  stream: boolean;
  /** Prompt tokens as counted here (null when the request was not counted). */
  promptTokens: number | null;
  /** 0-based index of the script step that answered, or null. */
  step: number | null;
  outcome: Outcome;
  /** Null when no status line was sent (a hang or a reset). */
  status: number | null;
  /** The JSON sent back, the events of a stream, or the malformed text. */
  responseBody: unknown;
}

export type ProblemKind =
  | "auth"
  | "invalid-json"
  | "invalid-request"
  | "unknown-route"
  | "unknown-model"
  | "context-length"
  | "script-exhausted"
  | "step-threw";

/** Something a test should usually fail on: a request OpenAI would reject, or a script that did not fit. */
export interface Problem {
  kind: ProblemKind;
  seq: number;
  message: string;
}

export interface FakeOpenAI {
  /** The base URL clients use (`baseURL` of the SDK, `OPENAI_BASE_URL`): `http://127.0.0.1:<port>/v1`. */
  url: string;
  requests: RecordedRequest[];
  /** The steps not used yet; push more at any time. */
  script: Step[];
  problems: Problem[];
  /** Requests that reached a model endpoint ("chat", "responses"), in order. */
  modelRequests(): RecordedRequest[];
  /** Throws a readable list of the problems, if any. */
  assertNoProblems(): void;
  /** Ends hung connections too; calling it again is harmless. */
  close(): Promise<void>;
}
