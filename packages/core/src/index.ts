// The public API of @learnloop/core: everything the CLI and the Action may use.
export { configSchema, CONFIG_PATH, DEFAULT_CONFIG, TONES, type LearnloopConfig } from "./config/schema.js";
export { parseConfig } from "./config/load-config.js";
export { DETECTORS, findDetector } from "./detectors/registry.js";
export type { Detector, FileDetector, RawFinding, RepoDetector, RuleMeta } from "./detectors/types.js";
export { renderMarkdown, location } from "./format/markdown.js";
export { renderSarif, type SarifOptions } from "./format/sarif.js";
export { countFindings, summaryLine, type ReportCounts } from "./format/summary.js";
export {
  AREAS,
  AREA_TITLES,
  LEVELS,
  reportSchema,
  findingSchema,
  goalSchema,
  type Area,
  type Finding,
  type Goal,
  type Level,
  type LlmStats,
  type Report,
  type Stats,
} from "./report/contract.js";
export { fail, ok, type Result, type UserError } from "./result.js";
export { review, type ReviewOptions } from "./review.js";
export { changedFilesFromDiff } from "./snapshot/diff.js";
export { nodeFileSystem, type DirEntry, type EntryKind, type FileSystem } from "./snapshot/file-system.js";
export { loadDirectory, type LoadOptions } from "./snapshot/load-directory.js";
export type { ChangedFile, Language, SkippedFile, SkipReason, Snapshot, SourceFile } from "./snapshot/types.js";
