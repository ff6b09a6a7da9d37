// Turns one step of the script into bytes on the wire: JSON, server-sent events, an error, or a fault of the
// connection itself (a hang, a stalled body, a malformed body, a reset).

import type { IncomingMessage, ServerResponse } from "node:http";
import { statusErrorBody } from "./errors.js";
import { chatCompletion, chatCompletionChunks, type RenderContext } from "./render-chat.js";
import { responseEvents, responseObject } from "./render-responses.js";
import type { StepOutcome } from "./script.js";

export type Api = "chat" | "responses";

/** What was sent back, for the record. `status` is null when no status line was ever sent. */
export interface Sent {
  status: number | null;
  body: unknown;
}

export interface Exchange {
  api: Api;
  req: IncomingMessage;
  res: ServerResponse;
  request: Record<string, unknown>;
  stream: boolean;
  ctx: RenderContext;
  /** Headers every answer carries (request id and the like). */
  headers: Record<string, string>;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export function sendJson(
  res: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): Sent {
  const payload = JSON.stringify(body);
  res.writeHead(status, {
    "content-type": "application/json",
    "content-length": String(Buffer.byteLength(payload)),
    ...headers,
  });
  res.end(payload);
  return { status, body };
}

function sseHeaders(headers: Record<string, string>): Record<string, string> {
  return { "content-type": "text/event-stream; charset=utf-8", "cache-control": "no-cache", ...headers };
}

/** The stream's frames: chat sends bare `data:` lines and `[DONE]`; responses names each event. */
function frames(ex: Exchange, events: Record<string, unknown>[]): string[] {
  if (ex.api === "chat") return [...events.map((e) => `data: ${JSON.stringify(e)}\n\n`), "data: [DONE]\n\n"];
  return events.map((e) => `event: ${String(e.type)}\ndata: ${JSON.stringify(e)}\n\n`);
}

/** The start of a body that never completes, or the first event of a stream. */
function partialBody(ex: Exchange): string {
  if (!ex.stream) return `{"id":"${ex.api === "chat" ? "chatcmpl" : "resp"}-fake${ex.ctx.seq}","object":`;
  const first =
    ex.api === "chat"
      ? chatCompletionChunks({ type: "reply", content: "" }, ex.ctx)[0]!
      : responseEvents({ type: "reply", content: "" }, ex.ctx, ex.request)[0]!;
  return frames(ex, [first])[0]!;
}

/** A body cut off in the middle of a string: not JSON, not a complete event. */
function malformedBody(ex: Exchange): string {
  return ex.api === "chat"
    ? `{"id":"chatcmpl-fake${ex.ctx.seq}","object":"chat.completion","choices":[{"index":0,"message":{"role":"assistant","content":"Here are the fin`
    : `{"id":"resp_fake${ex.ctx.seq}","object":"response","status":"completed","output":[{"type":"message","content":[{"type":"output_text","text":"Here are the fin`;
}

export async function respond(ex: Exchange, step: StepOutcome): Promise<Sent> {
  const { res } = ex;
  switch (step.type) {
    case "reset":
      ex.req.socket.destroy();
      return { status: null, body: undefined };
    case "hang":
      if (step.phase === "headers") return { status: null, body: undefined };
      res.writeHead(
        200,
        ex.stream ? sseHeaders(ex.headers) : { "content-type": "application/json", ...ex.headers },
      );
      res.write(partialBody(ex));
      return { status: 200, body: undefined };
    case "malformed": {
      const text = step.body ?? malformedBody(ex);
      if (ex.stream) {
        res.writeHead(200, sseHeaders(ex.headers));
        res.end(
          ex.api === "chat"
            ? `data: ${text}\n\ndata: [DONE]\n\n`
            : `event: response.created\ndata: ${text}\n\n`,
        );
      } else {
        res.writeHead(200, { "content-type": "application/json", ...ex.headers });
        res.end(text);
      }
      return { status: 200, body: text };
    }
    case "error":
      if (step.delayMs) await sleep(step.delayMs);
      return sendJson(res, step.status, step.body ?? statusErrorBody(step.status), {
        ...ex.headers,
        ...step.headers,
      });
    case "reply": {
      if (step.delayMs) await sleep(step.delayMs);
      if (!ex.stream) {
        const body =
          ex.api === "chat" ? chatCompletion(step, ex.ctx) : responseObject(step, ex.ctx, ex.request);
        return sendJson(res, 200, body, ex.headers);
      }
      const events =
        ex.api === "chat" ? chatCompletionChunks(step, ex.ctx) : responseEvents(step, ex.ctx, ex.request);
      res.writeHead(200, sseHeaders(ex.headers));
      for (const frame of frames(ex, events)) res.write(frame);
      res.end();
      return { status: 200, body: events };
    }
  }
}
