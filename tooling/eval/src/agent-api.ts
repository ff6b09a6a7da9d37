// The one place the eval reaches the mentor agent, so the import moves to `@learnloop/core` in one line once
// core exports it (requested in /work/briefs/fakeai-requests.md).

import { ChatOpenAI } from "@langchain/openai";

export { modelProfile } from "../../../packages/core/src/agent/models.js";
export {
  AGENT_DEFAULTS,
  type AgentOptions,
  type AgentResult,
  runAgent,
} from "../../../packages/core/src/agent/run-agent.js";

export interface ProviderSettings {
  apiKey: string;
  /** An OpenAI-compatible base URL, or null for api.openai.com. */
  baseUrl: string | null;
  model: string;
  /** Called on every HTTP request to the provider (retries included), to count them. */
  onRequest?: () => void;
}

/** The model the apps give the agent: no retries of its own (the agent retries), a bounded wait per call. */
export function chatModel(settings: ProviderSettings): ChatOpenAI {
  const counted: typeof fetch = (input, init) => {
    settings.onRequest?.();
    return fetch(input, init);
  };
  return new ChatOpenAI({
    model: settings.model,
    apiKey: settings.apiKey,
    configuration: { ...(settings.baseUrl ? { baseURL: settings.baseUrl } : {}), fetch: counted },
    maxRetries: 0,
    timeout: 60_000,
  });
}
