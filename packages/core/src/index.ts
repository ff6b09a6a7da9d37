// The public API of @learnloop/core: everything the CLI and the Action may use. What needs zod is under its own
// entry (`/config`, `/goals`, `/contract`), so a review with no config file loads no schema code.

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
export { CONFIG_PATH, DEFAULT_CONFIG, TONES } from "./config/defaults.js";
export type { LearnloopConfig } from "./config/schema.js";
export { DETECTORS, findDetector, readByRepoRules } from "./detectors/registry.js";
export { PARALLEL_MIN_BYTES, type Parallelism } from "./detectors/run.js";
export type { Detector, FileDetector, RawFinding, RepoDetector, RuleMeta } from "./detectors/types.js";
export { serveDetectorWorker } from "./detectors/worker.js";
export { location, renderMarkdown } from "./format/markdown.js";
export { renderSarif, type SarifOptions } from "./format/sarif.js";
export { countFindings, mentorLine, type ReportCounts, summaryLine } from "./format/summary.js";
export { type Coaching, coach, coachingLines, isVague } from "./goals/coach.js";
export { GOALS_MARKER } from "./goals/markers.js";
export type { CoachingRefinement } from "./goals/refine-coaching.js";
export { toGoals } from "./goals/to-goals.js";
export type { DocLine, Evidence, GoalsDoc, GoalsState, ParseProblem } from "./goals/types.js";
export { setGrammarDirectory } from "./parse/tree-sitter.js";
export { AREA_TITLES, AREAS, type Area, LEVELS, type Level } from "./report/areas.js";
// The contract's zod schemas (to check a report) are `@learnloop/core/contract`: a review never loads zod.
export type { Finding, Goal, LlmStats, Report, Stats } from "./report/contract.js";
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
