// The fake OpenAI-compatible server for tests of the LLM path. See README.md.

export { errorBody, type OpenAIErrorBody } from "./errors.js";
export { type RequestRecorder, startRequestRecorder } from "./recorder.js";
export {
  type ErrorStep,
  empty,
  type FinishReason,
  type HangStep,
  hang,
  insufficientQuota,
  json,
  type MalformedStep,
  malformed,
  type ReplyStep,
  type ResetStep,
  rateLimited,
  refusal,
  reset,
  type ScriptedToolCall,
  type ScriptedUsage,
  type Step,
  type StepFunction,
  type StepOutcome,
  type StepRequest,
  serverError,
  stall,
  text,
  times,
  toolCall,
  toolCalls,
  truncated,
  unauthorized,
} from "./script.js";
export { startFakeOpenAI } from "./server.js";
export { promptTokensOf, tokensOf } from "./tokens.js";
export type {
  FakeOpenAI,
  FakeOpenAIOptions,
  Outcome,
  Problem,
  ProblemKind,
  RecordedRequest,
} from "./types.js";
