// The model-facing half of @learnloop/core, imported only when a model is configured: LangChain, the OpenAI SDK
// and the tokenizer are most of an app's bundle, and a review without a model never loads them.
export { type OpenAISettings, openAIAgent } from "./agent/openai-model.js";
export { AGENT_DEFAULTS, type AgentOptions, type AgentResult, runAgent } from "./agent/run-agent.js";
export {
  type CoachingRefinement,
  coachingRewriter,
  refineCoaching,
  writtenRewrites,
} from "./goals/refine-coaching.js";
