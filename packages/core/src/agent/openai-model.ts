// Builds the LangChain ChatOpenAI model from settings the app passes in (core reads no environment).
import { ChatOpenAI } from "@langchain/openai";
import { DEFAULT_MODEL, isReasoningModel } from "./models.js";
import type { AgentOptions } from "./run-agent.js";

export interface OpenAISettings {
  /** May be empty for local OpenAI-compatible servers (Ollama, vLLM, LM Studio) that need none. */
  apiKey: string | null;
  /** Any OpenAI-compatible endpoint, e.g. http://localhost:11434/v1; null for api.openai.com. */
  baseUrl: string | null;
  model: string | null;
}

const MAX_ANSWER_TOKENS = 4_000;

/** The mentor's model, plus the same model without sampling parameters for reasoning models that reject them. */
export function openAIAgent(
  settings: OpenAISettings,
): Pick<AgentOptions, "model" | "plainModel" | "modelName"> {
  const modelName = settings.model || DEFAULT_MODEL;
  const base = {
    model: modelName,
    // Local servers ignore the key but the SDK insists on one.
    apiKey: settings.apiKey || "not-needed",
    configuration: settings.baseUrl ? { baseURL: settings.baseUrl } : {},
    // Retries are ours (faults.ts): LangChain's and the SDK's would retry insufficient_quota and ignore our deadline.
    maxRetries: 0,
    // Timing is ours too (an abort signal per request and a deadline, set from config); the SDK's timeout is
    // only a backstop, at the longest request the config allows.
    timeout: 600_000,
    useResponsesApi: false,
  };
  const plainModel = new ChatOpenAI(base);
  const model = isReasoningModel(modelName)
    ? plainModel
    : new ChatOpenAI({ ...base, temperature: 0.2, maxTokens: MAX_ANSWER_TOKENS });
  return { model, plainModel, modelName };
}
