// One model call with our retry policy, a per-request timeout and the review's deadline; counts the tokens used.
import type { BaseChatModel } from "@langchain/core/language_models/chat_models";
import type { AIMessage, BaseMessage } from "@langchain/core/messages";
import type { StructuredToolInterface } from "@langchain/core/tools";
import { classifyFault, type RetryPolicy } from "./faults.js";
import { countTokens } from "./tokens.js";

/** Ends the mentor's part of the review with one line saying why; the detectors' review goes on. */
export class Skip extends Error {}

export interface CallerSettings {
  model: BaseChatModel;
  plainModel?: BaseChatModel;
  modelName: string;
  tools: StructuredToolInterface[];
  policy: RetryPolicy;
  requestTimeoutMs: number;
  deadline: AbortSignal;
  sleep: (ms: number, signal: AbortSignal) => Promise<void>;
}

export interface ModelCaller {
  /** `final`: tools stay declared but the model may not call them (tool_choice "none"). */
  call(messages: readonly BaseMessage[], final: boolean): Promise<AIMessage>;
  readonly usage: { prompt: number; completion: number };
}

export function modelCaller(s: CallerSettings): ModelCaller {
  const usage = { prompt: 0, completion: 0 };
  let model = s.model;
  let swapped = false;

  async function call(messages: readonly BaseMessage[], final: boolean): Promise<AIMessage> {
    for (let attempt = 1; ; attempt++) {
      const request = AbortSignal.timeout(s.requestTimeoutMs);
      try {
        const runnable = model.bindTools
          ? model.bindTools(s.tools, final ? { tool_choice: "none" } : {})
          : model;
        const signal = AbortSignal.any([s.deadline, request]);
        // Raced as well as passed on: a client that ignores the signal (or a stalled body) cannot hold the review.
        const reply = (await untilAborted(runnable.invoke([...messages], { signal }), signal)) as AIMessage;
        const counted = reply.usage_metadata;
        // Servers that send no usage block are counted here, with the same tokenizer as the budget.
        usage.prompt += counted?.input_tokens || countTokens(messages.map(textOf).join("\n"));
        usage.completion +=
          counted?.output_tokens || countTokens(textOf(reply) + JSON.stringify(reply.tool_calls ?? []));
        return reply;
      } catch (error) {
        if (s.deadline.aborted) throw new Skip("the LLM review ran past its time limit");
        if (request.aborted)
          throw new Skip(`the model did not answer within ${Math.round(s.requestTimeoutMs / 1000)} s`);
        const fault = classifyFault(error, attempt, s.policy, s.modelName);
        if (fault.kind === "sampling" && s.plainModel && !swapped) {
          model = s.plainModel;
          swapped = true;
          continue;
        }
        if (fault.kind !== "retry") throw new Skip(fault.reason);
        try {
          await s.sleep(fault.afterMs, s.deadline);
        } catch {
          throw new Skip("the LLM review ran past its time limit");
        }
      }
    }
  }
  return { call, usage };
}

export function textOf(message: BaseMessage): string {
  const content = message.content;
  if (typeof content === "string") return content;
  return content.map((part) => ("text" in part && typeof part.text === "string" ? part.text : "")).join("");
}

function untilAborted<T>(work: Promise<T>, signal: AbortSignal): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    if (signal.aborted) return reject(signal.reason);
    const onAbort = () => reject(signal.reason);
    signal.addEventListener("abort", onAbort, { once: true });
    work.then(resolve, reject).finally(() => signal.removeEventListener("abort", onAbort));
  });
}

export function abortableSleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal.aborted) return reject(signal.reason);
    const timer = setTimeout(() => {
      signal.removeEventListener("abort", onAbort);
      resolve();
    }, ms);
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal.reason);
    };
    signal.addEventListener("abort", onAbort, { once: true });
  });
}
