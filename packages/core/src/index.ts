// The public API of @learnloop/core: everything the CLI and the Action may use.

// The model-facing half (the mentor's model, its runner, goal-coaching rewrites) is `@learnloop/core/llm`, loaded
// only when a model is configured: LangChain, the OpenAI SDK and the tokenizer are most of an app's bundle.
export {
  costUsd,
  DEFAULT_MODEL,
  MODEL_TRACING_ENV,
  type ModelProfile,
  modelProfile,
} from "./agent/models.js";
export type { OpenAISettings } from "./agent/openai-model.js";
export type { AgentOptions, AgentResult } from "./agent/run-agent.js";
export { parseConfig } from "./config/load-config.js";
export { CONFIG_PATH, configSchema, DEFAULT_CONFIG, type LearnloopConfig, TONES } from "./config/schema.js";
export { DETECTORS, findDetector, readByRepoRules } from "./detectors/registry.js";
export { PARALLEL_MIN_BYTES, type Parallelism } from "./detectors/run.js";
export type { Detector, FileDetector, RawFinding, RepoDetector, RuleMeta } from "./detectors/types.js";
export { serveDetectorWorker } from "./detectors/worker.js";
export { location, renderMarkdown } from "./format/markdown.js";
export { renderSarif, type SarifOptions } from "./format/sarif.js";
export { countFindings, mentorLine, type ReportCounts, summaryLine } from "./format/summary.js";
export { type Coaching, coach, coachingLines, isVague } from "./goals/coach.js";
export { GOALS_MARKER } from "./goals/markers.js";
export { MAX_BODY, type MergeOptions, type MergeResult, mergeReview } from "./goals/merge.js";
export { parseGoalsBody, renderGoalsBody } from "./goals/parse-body.js";
export type { CoachingRefinement } from "./goals/refine-coaching.js";
export { toGoals } from "./goals/to-goals.js";
export type { DocLine, Evidence, GoalsDoc, GoalsState, ParseProblem } from "./goals/types.js";
export { setGrammarDirectory } from "./parse/tree-sitter.js";
export {
  AREA_TITLES,
  AREAS,
  type Area,
  type Finding,
  findingSchema,
  type Goal,
  goalSchema,
  LEVELS,
  type Level,
  type LlmStats,
  type Report,
  reportSchema,
  type Stats,
} from "./report/contract.js";
export { fail, ok, type Result, type UserError } from "./result.js";
export { type ReviewOptions, review } from "./review.js";
export { changedFilesFromDiff } from "./snapshot/diff.js";
export { type DirEntry, type EntryKind, type FileSystem, nodeFileSystem } from "./snapshot/file-system.js";
export { type LoadOptions, loadDirectory } from "./snapshot/load-directory.js";
export type {
  ChangedFile,
  Language,
  SkippedFile,
  SkipReason,
  Snapshot,
  SourceFile,
} from "./snapshot/types.js";
