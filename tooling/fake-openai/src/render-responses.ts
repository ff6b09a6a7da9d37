// A scripted reply as OpenAI's Responses API sends it: one `response` object, or its stream of typed events
// (response.created ... response.completed / response.incomplete).

import { argumentPieces, pieces, type RenderContext, toolCallId } from "./render-chat.js";
import type { ReplyStep } from "./script.js";
import { argumentsText } from "./tokens.js";

type Item = Record<string, unknown>;

function outputItems(reply: ReplyStep, seq: number): Item[] {
  const items: Item[] = [];
  const parts: Item[] = [];
  if (reply.refusal !== undefined) parts.push({ type: "refusal", refusal: reply.refusal });
  if (
    reply.content !== undefined &&
    reply.content !== null &&
    (reply.content !== "" || !reply.toolCalls?.length)
  )
    parts.push({ type: "output_text", text: reply.content, annotations: [], logprobs: [] });
  if (parts.length > 0)
    items.push({
      id: `msg_fake${seq}`,
      type: "message",
      status: "completed",
      role: "assistant",
      content: parts,
    });
  for (const [i, call] of (reply.toolCalls ?? []).entries()) {
    items.push({
      id: `fc_fake${seq}_${i}`,
      type: "function_call",
      status: "completed",
      call_id: toolCallId(reply, seq, i),
      name: call.name,
      arguments: argumentsText(call.arguments),
    });
  }
  return items;
}

function incompleteReason(reply: ReplyStep): string | null {
  if (reply.finishReason === "length") return "max_output_tokens";
  if (reply.finishReason === "content_filter") return "content_filter";
  return null;
}

export function responseObject(
  reply: ReplyStep,
  ctx: RenderContext,
  request: Record<string, unknown>,
  output: Item[] = outputItems(reply, ctx.seq),
  status?: string,
): Record<string, unknown> {
  const reason = incompleteReason(reply);
  const response: Record<string, unknown> = {
    id: `resp_fake${ctx.seq}`,
    object: "response",
    created_at: ctx.created,
    status: status ?? (reason ? "incomplete" : "completed"),
    error: null,
    incomplete_details: reason && status === undefined ? { reason } : null,
    instructions: request.instructions ?? null,
    max_output_tokens: request.max_output_tokens ?? null,
    model: ctx.model,
    output,
    parallel_tool_calls: request.parallel_tool_calls ?? true,
    previous_response_id: request.previous_response_id ?? null,
    reasoning: { effort: null, summary: null },
    store: request.store ?? true,
    temperature: request.temperature ?? 1,
    text: request.text ?? { format: { type: "text" } },
    tool_choice: request.tool_choice ?? "auto",
    tools: request.tools ?? [],
    top_p: request.top_p ?? 1,
    truncation: "disabled",
    usage: null,
    metadata: {},
  };
  if (ctx.usage && status === undefined) {
    const { promptTokens, completionTokens, cachedTokens, reasoningTokens } = ctx.usage;
    response.usage = {
      input_tokens: promptTokens,
      input_tokens_details: { cached_tokens: cachedTokens },
      output_tokens: completionTokens,
      output_tokens_details: { reasoning_tokens: reasoningTokens },
      total_tokens: promptTokens + completionTokens,
    };
  }
  return response;
}

/** The events of the stream, each with its `type` and `sequence_number`. */
export function responseEvents(
  reply: ReplyStep,
  ctx: RenderContext,
  request: Record<string, unknown>,
): Record<string, unknown>[] {
  const events: Record<string, unknown>[] = [];
  const emit = (type: string, fields: Record<string, unknown>) =>
    events.push({ type, sequence_number: events.length, ...fields });
  emit("response.created", { response: responseObject(reply, ctx, request, [], "in_progress") });
  emit("response.in_progress", { response: responseObject(reply, ctx, request, [], "in_progress") });
  const items = outputItems(reply, ctx.seq);
  for (const [output_index, item] of items.entries()) {
    const item_id = item.id;
    if (item.type === "message") {
      emit("response.output_item.added", {
        output_index,
        item: { ...item, status: "in_progress", content: [] },
      });
      for (const [content_index, part] of (item.content as Item[]).entries()) {
        const at = { item_id, output_index, content_index };
        if (part.type === "refusal") {
          emit("response.content_part.added", { ...at, part: { type: "refusal", refusal: "" } });
          for (const delta of pieces(String(part.refusal))) emit("response.refusal.delta", { ...at, delta });
          emit("response.refusal.done", { ...at, refusal: part.refusal });
        } else {
          emit("response.content_part.added", {
            ...at,
            part: { type: "output_text", text: "", annotations: [] },
          });
          for (const delta of pieces(String(part.text)))
            emit("response.output_text.delta", { ...at, delta, logprobs: [] });
          emit("response.output_text.done", { ...at, text: part.text, logprobs: [] });
        }
        emit("response.content_part.done", { ...at, part });
      }
    } else {
      emit("response.output_item.added", {
        output_index,
        item: { ...item, status: "in_progress", arguments: "" },
      });
      for (const delta of argumentPieces(String(item.arguments)))
        emit("response.function_call_arguments.delta", { item_id, output_index, delta });
      emit("response.function_call_arguments.done", { item_id, output_index, arguments: item.arguments });
    }
    emit("response.output_item.done", { output_index, item });
  }
  const final = responseObject(reply, ctx, request, items);
  emit(final.status === "incomplete" ? "response.incomplete" : "response.completed", { response: final });
  return events;
}
