// A scripted reply as OpenAI's Chat Completions API sends it: one `chat.completion` object, or a stream of
// `chat.completion.chunk` server-sent events ending in `data: [DONE]`.

import type { ReplyStep } from "./script.js";
import { argumentsText } from "./tokens.js";

/** What a reply is rendered with: the request's identity and the counted tokens. */
export interface RenderContext {
  seq: number;
  model: string;
  created: number;
  usage: {
    promptTokens: number;
    completionTokens: number;
    cachedTokens: number;
    reasoningTokens: number;
  } | null;
  /** Chat: `stream_options.include_usage` was asked for. */
  streamUsage: boolean;
}

export function finishReasonOf(reply: ReplyStep): string {
  return reply.finishReason ?? (reply.toolCalls && reply.toolCalls.length > 0 ? "tool_calls" : "stop");
}

export function toolCallId(reply: ReplyStep, seq: number, index: number): string {
  return reply.toolCalls?.[index]?.id ?? `call_${seq}_${index}`;
}

/** Text in word-sized pieces, as a model streams it. */
export function pieces(text: string): string[] {
  return text.match(/\s*\S+\s*/g) ?? (text === "" ? [] : [text]);
}

function chatUsage(ctx: RenderContext): Record<string, unknown> | null {
  if (!ctx.usage) return null;
  const { promptTokens, completionTokens, cachedTokens, reasoningTokens } = ctx.usage;
  return {
    prompt_tokens: promptTokens,
    completion_tokens: completionTokens,
    total_tokens: promptTokens + completionTokens,
    prompt_tokens_details: { cached_tokens: cachedTokens, audio_tokens: 0 },
    completion_tokens_details: {
      reasoning_tokens: reasoningTokens,
      audio_tokens: 0,
      accepted_prediction_tokens: 0,
      rejected_prediction_tokens: 0,
    },
  };
}

function header(ctx: RenderContext, object: string): Record<string, unknown> {
  return {
    id: `chatcmpl-fake${ctx.seq}`,
    object,
    created: ctx.created,
    model: ctx.model,
    service_tier: "default",
    system_fingerprint: "fp_fakeopenai",
  };
}

export function chatCompletion(reply: ReplyStep, ctx: RenderContext): Record<string, unknown> {
  const calls = reply.toolCalls ?? [];
  const message: Record<string, unknown> = {
    role: "assistant",
    content: reply.content ?? null,
    refusal: reply.refusal ?? null,
    annotations: [],
  };
  if (calls.length > 0)
    message.tool_calls = calls.map((call, i) => ({
      id: toolCallId(reply, ctx.seq, i),
      type: "function",
      function: { name: call.name, arguments: argumentsText(call.arguments) },
    }));
  const completion: Record<string, unknown> = {
    ...header(ctx, "chat.completion"),
    choices: [{ index: 0, message, logprobs: null, finish_reason: finishReasonOf(reply) }],
  };
  const usage = chatUsage(ctx);
  if (usage) completion.usage = usage;
  return completion;
}

/** The `data:` payloads of the stream, in order, without the final `[DONE]`. */
export function chatCompletionChunks(reply: ReplyStep, ctx: RenderContext): Record<string, unknown>[] {
  const base = header(ctx, "chat.completion.chunk");
  const withUsage = ctx.streamUsage && ctx.usage !== null;
  const chunk = (
    delta: Record<string, unknown>,
    finishReason: string | null = null,
  ): Record<string, unknown> => ({
    ...base,
    choices: [{ index: 0, delta, logprobs: null, finish_reason: finishReason }],
    ...(withUsage ? { usage: null } : {}),
  });
  const chunks: Record<string, unknown>[] = [chunk({ role: "assistant", content: "", refusal: null })];
  for (const piece of pieces(reply.content ?? "")) chunks.push(chunk({ content: piece }));
  for (const piece of pieces(reply.refusal ?? "")) chunks.push(chunk({ refusal: piece }));
  for (const [index, call] of (reply.toolCalls ?? []).entries()) {
    chunks.push(
      chunk({
        tool_calls: [
          {
            index,
            id: toolCallId(reply, ctx.seq, index),
            type: "function",
            function: { name: call.name, arguments: "" },
          },
        ],
      }),
    );
    for (const piece of argumentPieces(argumentsText(call.arguments)))
      chunks.push(chunk({ tool_calls: [{ index, function: { arguments: piece } }] }));
  }
  chunks.push(chunk({}, finishReasonOf(reply)));
  if (withUsage) chunks.push({ ...base, choices: [], usage: chatUsage(ctx) });
  return chunks;
}

/** JSON text cut into a few pieces anywhere (models split arguments mid-token). */
export function argumentPieces(text: string): string[] {
  const size = Math.max(1, Math.ceil(text.length / 3));
  const out: string[] = [];
  for (let i = 0; i < text.length; i += size) out.push(text.slice(i, i + size));
  return out;
}
