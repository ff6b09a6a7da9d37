// What went wrong with a model call, in one line a person can act on, and whether (and when) to try again.

export type Fault =
  | { kind: "retry"; afterMs: number; reason: string }
  | { kind: "sampling"; reason: string }
  | { kind: "stop"; reason: string };

export interface RetryPolicy {
  /** Attempts per model call, the first included. */
  maxAttempts: number;
  /** Backoff for 5xx and network errors: base * 2^(attempt-1). */
  backoffMs: number;
  /** The longest Retry-After we will honour; a longer one stops the LLM part instead of stalling CI. */
  maxRetryAfterMs: number;
}

export const DEFAULT_RETRY: RetryPolicy = { maxAttempts: 3, backoffMs: 1_000, maxRetryAfterMs: 20_000 };

interface ErrorLike {
  name?: string;
  message?: string;
  status?: number;
  code?: string | null;
  type?: string | null;
  headers?: { get?(name: string): string | null } | Record<string, string>;
  cause?: unknown;
}

/** `attempt` counts from 1 (the call that just failed). */
export function classifyFault(error: unknown, attempt: number, policy: RetryPolicy, model: string): Fault {
  const e = (error ?? {}) as ErrorLike;
  const status = typeof e.status === "number" ? e.status : undefined;
  const message = String(e.message ?? error);
  const last = attempt >= policy.maxAttempts;
  const backoff = policy.backoffMs * 2 ** (attempt - 1);

  if (e.name === "SyntaxError" || /not valid JSON|Unexpected token|Unexpected end of JSON/i.test(message))
    return { kind: "stop", reason: "the model server sent a reply that is not valid JSON" };
  if (e.name === "TimeoutError" || /timed? ?out/i.test(message))
    return { kind: "stop", reason: "the model did not answer in time (request timeout)" };
  if (e.name === "AbortError" || /abort/i.test(message))
    return { kind: "stop", reason: "the LLM review ran past its time limit" };
  if (status === 401 || status === 403)
    return {
      kind: "stop",
      reason: `the model provider rejected the API key (HTTP ${status}): check OPENAI_API_KEY`,
    };
  if (status === 429) {
    if (
      e.code === "insufficient_quota" ||
      e.type === "insufficient_quota" ||
      /insufficient_quota|quota/i.test(message)
    )
      return {
        kind: "stop",
        reason: "the model account is out of credit (insufficient_quota): add credit or use another key",
      };
    const wait = retryAfterMs(e.headers);
    if (last)
      return {
        kind: "stop",
        reason: `the model provider kept rate-limiting (HTTP 429) after ${attempt} tries`,
      };
    if (wait !== null && wait > policy.maxRetryAfterMs)
      return {
        kind: "stop",
        reason: `the model provider is rate-limiting (HTTP 429) and asked to wait ${Math.ceil(wait / 1000)} s, longer than allowed`,
      };
    return { kind: "retry", afterMs: wait ?? backoff, reason: "rate limited (HTTP 429)" };
  }
  if (status === 400 && /temperature|top_p|max_tokens|unsupported (parameter|value)/i.test(message))
    return { kind: "sampling", reason: `${model} rejected a sampling parameter` };
  if (status === 400 && /context|maximum.*tokens|too long/i.test(message))
    return {
      kind: "stop",
      reason: `the prompt was too long for ${model}: set a smaller context window for it`,
    };
  if (status === 404)
    return { kind: "stop", reason: `the model "${model}" was not found at this endpoint (HTTP 404)` };
  if (status !== undefined && status >= 500) {
    if (last)
      return {
        kind: "stop",
        reason: `the model server kept failing (HTTP ${status}) after ${attempt} tries`,
      };
    return { kind: "retry", afterMs: backoff, reason: `server error (HTTP ${status})` };
  }
  if (
    status === undefined &&
    /connect|network|fetch failed|ECONN|ENOTFOUND|socket|terminated/i.test(`${message} ${causeOf(e)}`)
  ) {
    if (last)
      return {
        kind: "stop",
        reason: `could not reach the model server (${firstLine(causeOf(e) || message)})`,
      };
    return { kind: "retry", afterMs: backoff, reason: "network error" };
  }
  if (status !== undefined) return { kind: "stop", reason: `the model call failed (HTTP ${status})` };
  return { kind: "stop", reason: `the model call failed (${firstLine(message)})` };
}

/** Retry-After as seconds or an HTTP date, or OpenAI's retry-after-ms; null when absent or unreadable. */
export function retryAfterMs(headers: ErrorLike["headers"], now = Date.now()): number | null {
  const get = (name: string): string | null =>
    !headers
      ? null
      : typeof headers.get === "function"
        ? headers.get(name)
        : ((headers as Record<string, string>)[name] ?? null);
  const ms = Number(get("retry-after-ms"));
  if (get("retry-after-ms") && Number.isFinite(ms) && ms >= 0) return ms;
  const value = get("retry-after");
  if (!value) return null;
  const seconds = Number(value);
  if (Number.isFinite(seconds) && seconds >= 0) return seconds * 1000;
  const date = Date.parse(value);
  return Number.isNaN(date) ? null : Math.max(0, date - now);
}

function causeOf(e: ErrorLike): string {
  const cause = e.cause as { code?: string; message?: string } | undefined;
  return cause ? String(cause.code ?? cause.message ?? "") : "";
}

function firstLine(text: string): string {
  // Provider messages can echo a masked key back; nothing that looks like one leaves here.
  return text
    .split("\n")[0]!
    .replace(/\bsk-[A-Za-z0-9_*-]+/g, "sk-…")
    .slice(0, 160);
}
