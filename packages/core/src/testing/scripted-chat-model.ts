// Test helper: a LangChain chat model that plays a script of replies and errors, and records what it was sent.
import type { BaseChatModelParams } from "@langchain/core/language_models/chat_models";
import { BaseChatModel } from "@langchain/core/language_models/chat_models";
import { AIMessage, type BaseMessage } from "@langchain/core/messages";
import type { ChatResult } from "@langchain/core/outputs";

export type ScriptStep = AIMessage | Error | "hang" | ((messages: BaseMessage[]) => AIMessage | Error);

/** A reply with tool calls, as a tool-calling model sends them. */
export function toolCalls(...calls: { name: string; args: Record<string, unknown> }[]): AIMessage {
  return new AIMessage({
    content: "",
    tool_calls: calls.map((c, i) => ({ ...c, id: `call_${i}`, type: "tool_call" })),
  });
}

/** A final answer: the findings as the JSON the prompt asks for. */
export function answer(findings: Record<string, unknown>[]): AIMessage {
  return new AIMessage({ content: JSON.stringify({ findings }) });
}

export class ScriptedChatModel extends BaseChatModel {
  readonly calls: BaseMessage[][] = [];
  readonly toolChoices: unknown[] = [];
  boundTools: string[] = [];

  constructor(
    private readonly script: ScriptStep[],
    fields: BaseChatModelParams = {},
  ) {
    super(fields);
  }

  _llmType(): string {
    return "scripted";
  }

  override bindTools(tools: { name?: string }[], kwargs?: { tool_choice?: unknown }) {
    this.boundTools = tools.map((t) => t.name ?? "");
    this.toolChoices.push(kwargs?.tool_choice);
    return this;
  }

  async _generate(messages: BaseMessage[]): Promise<ChatResult> {
    this.calls.push([...messages]);
    const step = this.script.shift();
    if (step === undefined) throw new Error("the script has no more replies");
    // A stalled connection: only the caller's abort signal ends it.
    if (step === "hang") return new Promise<ChatResult>(() => {});
    const reply = typeof step === "function" ? step(messages) : step;
    if (reply instanceof Error) throw reply;
    return {
      generations: [{ text: typeof reply.content === "string" ? reply.content : "", message: reply }],
    };
  }
}

/** An error shaped like the openai SDK's APIError as LangChain passes it on. */
export function apiError(
  status: number,
  fields: { code?: string; headers?: Record<string, string>; message?: string } = {},
): Error {
  return Object.assign(new Error(`${status} ${fields.message ?? "error"}`), {
    status,
    code: fields.code ?? null,
    headers: new Headers(fields.headers ?? {}),
  });
}
