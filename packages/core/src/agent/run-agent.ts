// The mentor agent: a tool-calling loop over the snapshot with step, token and time caps; it never fails the review.
import type { BaseChatModel } from "@langchain/core/language_models/chat_models";
import {
  type AIMessage,
  type BaseMessage,
  HumanMessage,
  SystemMessage,
  ToolMessage,
} from "@langchain/core/messages";
import type { StructuredToolInterface } from "@langchain/core/tools";
import { convertToOpenAITool } from "@langchain/core/utils/function_calling";
import type { Finding, LlmStats } from "../report/contract.js";
import type { Snapshot } from "../snapshot/types.js";
import { parseAnswer } from "./answer.js";
import { buildContext, type PullRequestText } from "./context.js";
import { DEFAULT_RETRY, type RetryPolicy } from "./faults.js";
import { groundFindings } from "./grounding.js";
import { abortableSleep, modelCaller, Skip, textOf } from "./model-call.js";
import { costUsd, type ModelProfile, modelProfile } from "./models.js";
import { contextMessage, FINAL_ANSWER_PROMPT, SYSTEM_PROMPT } from "./prompts.js";
import { secretMask } from "./secret-mask.js";
import { toMentorFindings } from "./to-findings.js";
import { countTokens } from "./tokens.js";
import { bounded, snapshotTools } from "./tools.js";

export interface AgentOptions {
  /** A LangChain chat model (ChatOpenAI in the apps, a scripted fake in tests); core never builds one from env. */
  model: BaseChatModel;
  /** The model's name as reported in stats and used to find its context window and price. */
  modelName: string;
  /** The same model without sampling parameters, for reasoning models that reject temperature. */
  plainModel?: BaseChatModel;
  /** Overrides for the context window and price of this model. */
  profile?: Partial<ModelProfile>;
  /** Most model turns that may call tools before the model must answer. */
  maxSteps?: number;
  /** Most tokens (prompt + completion, summed over every call) one review may spend. */
  maxTotalTokens?: number;
  /** Most tokens in one prompt; capped by the context window less room for the answer. */
  maxPromptTokens?: number;
  requestTimeoutMs?: number;
  /** The whole LLM part stops after this long, whatever it was doing. */
  deadlineMs?: number;
  retry?: Partial<RetryPolicy>;
  /** The PR's title and description (untrusted, like the code), when reviewing a pull request. */
  pullRequest?: PullRequestText;
  /** Injected so tests do not wait for real backoff. */
  sleep?: (ms: number, signal: AbortSignal) => Promise<void>;
}

export interface AgentResult {
  findings: Finding[];
  stats: LlmStats;
}

export const AGENT_DEFAULTS = {
  maxSteps: 6,
  maxTotalTokens: 120_000,
  maxPromptTokens: 24_000,
  requestTimeoutMs: 60_000,
  deadlineMs: 150_000,
  answerReserve: 4_000,
};

/** Tool outputs of one model turn, together, are cut to this (about 4,000 tokens) so a round's size is known. */
const TOOL_ROUND_CHARS = 16_000;
const TOOL_ROUND_TOKENS = 4_500;
/** Per-message overhead of the chat format, plus the final-answer nudge. */
const FRAMING = 200;

export async function runAgent(
  snapshot: Snapshot,
  detected: readonly Finding[],
  options: AgentOptions,
): Promise<AgentResult> {
  try {
    return await mentorReview(snapshot, detected, options);
  } catch (error) {
    // A bug in the optional mentor must not cost the learner the detectors' review: say so, and go on.
    const detail = (error as Error)?.message?.split("\n")[0] ?? String(error);
    return {
      findings: [],
      stats: {
        model: options.modelName,
        promptTokens: 0,
        completionTokens: 0,
        costUsd: 0,
        dropped: 0,
        moved: 0,
        skippedReason: `the mentor hit an internal error (a learnloop bug, please report it): ${detail}`,
      },
    };
  }
}

async function mentorReview(
  snapshot: Snapshot,
  detected: readonly Finding[],
  options: AgentOptions,
): Promise<AgentResult> {
  const profile = modelProfile(options.modelName, options.profile);
  const maxSteps = options.maxSteps ?? AGENT_DEFAULTS.maxSteps;
  const maxTotal = options.maxTotalTokens ?? AGENT_DEFAULTS.maxTotalTokens;
  const promptBudget = Math.min(
    options.maxPromptTokens ?? AGENT_DEFAULTS.maxPromptTokens,
    profile.contextWindow - AGENT_DEFAULTS.answerReserve,
  );

  const mask = secretMask();
  const tools = snapshotTools(snapshot, detected, mask);
  const toolsByName = new Map<string, StructuredToolInterface>(tools.map((t) => [t.name, t]));
  // Room for the instructions and the tool definitions comes out of the budget before any repository text.
  const fixed =
    countTokens(SYSTEM_PROMPT) +
    countTokens(JSON.stringify(tools.map((t) => convertToOpenAITool(t)))) +
    FRAMING;
  // One round of tool use must still fit after the first message, or the tools could never be used.
  const context = await buildContext(
    snapshot,
    detected,
    Math.max(0, promptBudget - fixed - TOOL_ROUND_TOKENS),
    mask,
    options.pullRequest,
  );
  const messages: BaseMessage[] = [
    new SystemMessage(SYSTEM_PROMPT),
    new HumanMessage(contextMessage(context.body)),
  ];

  const stats = (extra: Partial<LlmStats>): LlmStats & { leftOut: string[]; promptBudget: number } => ({
    model: options.modelName,
    promptTokens: usage.prompt,
    completionTokens: usage.completion,
    costUsd: costUsd(profile, usage.prompt, usage.completion),
    dropped: 0,
    moved: 0,
    skippedReason: null,
    leftOut: context.leftOut,
    promptBudget,
    ...extra,
  });

  const caller = modelCaller({
    model: options.model,
    plainModel: options.plainModel,
    modelName: options.modelName,
    tools,
    policy: { ...DEFAULT_RETRY, ...options.retry },
    requestTimeoutMs: options.requestTimeoutMs ?? AGENT_DEFAULTS.requestTimeoutMs,
    deadline: AbortSignal.timeout(options.deadlineMs ?? AGENT_DEFAULTS.deadlineMs),
    sleep: options.sleep ?? abortableSleep,
  });
  const usage = caller.usage;

  try {
    let answer: AIMessage | null = null;
    for (let step = 0; step < maxSteps && !answer; step++) {
      // Another tool round must fit in one prompt and in the review's total, with room for the final answer after.
      // `fixed` already holds the system prompt: count the conversation after it.
      const next = countTokens(messages.slice(1).map(textOf).join("\n")) + fixed;
      if (next + TOOL_ROUND_TOKENS > promptBudget) break;
      if (usage.prompt + usage.completion + 2 * next + TOOL_ROUND_TOKENS > maxTotal) break;
      const reply = await caller.call(messages, false);
      messages.push(reply);
      if (!reply.tool_calls?.length) {
        answer = reply;
        break;
      }
      let room = TOOL_ROUND_CHARS;
      for (const tc of reply.tool_calls) {
        const t = toolsByName.get(tc.name);
        let output: string;
        try {
          output = t ? String(await t.invoke(tc.args)) : `There is no tool "${tc.name}".`;
        } catch (error) {
          output = `The tool could not run with those arguments: ${(error as Error).message.split("\n")[0]}`;
        }
        output = room > 200 ? bounded(output, room) : "(not run: this turn's tool output budget is used up)";
        room -= output.length;
        messages.push(new ToolMessage({ content: output, tool_call_id: tc.id ?? tc.name }));
      }
    }
    if (!answer) {
      messages.push(new HumanMessage(FINAL_ANSWER_PROMPT));
      answer = await caller.call(messages, true);
      if (answer.tool_calls?.length) throw new Skip("the model kept calling tools after its step limit");
    }
    const finish = (answer.response_metadata as { finish_reason?: string } | undefined)?.finish_reason;
    const parsed = parseAnswer(textOf(answer), finish);
    if (!parsed.ok) throw new Skip(parsed.reason);
    const grounding = groundFindings(parsed.findings, snapshot);
    const mentor = await toMentorFindings(grounding.kept, snapshot, detected);
    return {
      findings: mentor.findings,
      stats: stats({ dropped: grounding.dropped + parsed.invalid + mentor.verdicts, moved: grounding.moved }),
    };
  } catch (error) {
    if (error instanceof Skip) return { findings: [], stats: stats({ skippedReason: error.message }) };
    // A bug in the optional mentor must not cost the learner the detectors' review: say so, and go on.
    const detail = (error as Error).message?.split("\n")[0] ?? String(error);
    return {
      findings: [],
      stats: stats({
        skippedReason: `the mentor hit an internal error (a learnloop bug, please report it): ${detail}`,
      }),
    };
  }
}
