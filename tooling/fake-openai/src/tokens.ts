// Token counts for the usage block: a real tokenizer (o200k, the GPT-4o family's) over what was sent and
// what is answered, with OpenAI's per-message overhead, so budgets tested against the fake are realistic.

import { countTokens } from "gpt-tokenizer";
import type { ReplyStep } from "./script.js";

/** Text that merely looks like a special token (a repo may contain "<|endoftext|>") is counted as text. */
const AS_TEXT = { disallowedSpecial: new Set<string>() };

/** Per-message framing tokens and the priming of the reply, as in OpenAI's counting recipe. */
const PER_MESSAGE = 3;
const REPLY_PRIMING = 3;
/** What an image part costs at low detail; images are never decoded here. */
const IMAGE_TOKENS = 85;

export function tokensOf(text: string): number {
  return text === "" ? 0 : countTokens(text, AS_TEXT);
}

/** Tokens of a message's content: a string, or an array of parts (text, images, files...). */
function contentTokens(content: unknown): number {
  if (typeof content === "string") return tokensOf(content);
  if (!Array.isArray(content)) return 0;
  let total = 0;
  for (const part of content) {
    if (typeof part !== "object" || part === null) continue;
    const p = part as Record<string, unknown>;
    if (typeof p.text === "string") total += tokensOf(p.text);
    else if (typeof p.refusal === "string") total += tokensOf(p.refusal);
    else total += IMAGE_TOKENS;
  }
  return total;
}

/** Anything else in a message or an input item (tool calls, ids, outputs) counted as its JSON text. */
function otherFieldTokens(item: Record<string, unknown>): number {
  let total = 0;
  for (const [key, value] of Object.entries(item)) {
    if (key === "content" || value === undefined || value === null) continue;
    total += typeof value === "string" ? tokensOf(value) : tokensOf(JSON.stringify(value));
  }
  return total;
}

function itemsTokens(items: unknown[]): number {
  let total = 0;
  for (const item of items) {
    if (typeof item !== "object" || item === null) continue;
    const record = item as Record<string, unknown>;
    total += PER_MESSAGE + contentTokens(record.content) + otherFieldTokens(record);
  }
  return total;
}

/** Prompt tokens of a Chat Completions or Responses request body. */
export function promptTokensOf(body: Record<string, unknown>): number {
  let total = REPLY_PRIMING;
  if (Array.isArray(body.messages)) total += itemsTokens(body.messages);
  if (typeof body.instructions === "string") total += PER_MESSAGE + tokensOf(body.instructions);
  if (typeof body.input === "string") total += PER_MESSAGE + tokensOf(body.input);
  else if (Array.isArray(body.input)) total += itemsTokens(body.input);
  if (Array.isArray(body.tools) && body.tools.length > 0) total += tokensOf(JSON.stringify(body.tools));
  for (const key of ["response_format", "text"]) {
    if (body[key] !== undefined) total += tokensOf(JSON.stringify(body[key]));
  }
  return total;
}

/** Completion tokens of a scripted reply: its text, refusal and tool calls. */
export function completionTokensOf(reply: ReplyStep): number {
  let total = tokensOf(reply.content ?? "") + tokensOf(reply.refusal ?? "");
  for (const call of reply.toolCalls ?? []) {
    total += PER_MESSAGE + tokensOf(call.name) + tokensOf(argumentsText(call.arguments));
  }
  return total;
}

/** Tool call arguments as the wire carries them: JSON text. */
export function argumentsText(args: unknown): string {
  return typeof args === "string" ? args : JSON.stringify(args ?? {});
}
