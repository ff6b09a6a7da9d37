// What a detector is: data about the rule (meta) plus one function that looks at a file or at the whole repo.
import type { Area, Level } from "../report/contract.js";
import type { Language, SourceFile } from "../snapshot/types.js";
import type { RepoView } from "./repo-view.js";

export interface RuleMeta {
  /** `area/name`, kebab-case, stable: names the pattern seen, not the fix. */
  id: string;
  area: Area;
  level: Level;
  /** One line for `learnloop rules`. */
  title: string;
  /** The concept: why this matters to an AI engineer. */
  why: string;
  /** One small thing to try. */
  tryThis: string;
  learnMore: string[];
  /** A specific, checkable goal the learner can write down while this gap is open. */
  goal: string;
  /** The flagged code is itself sensitive (a secret): never quote it in prompts or summaries. */
  sensitive?: boolean;
}

/** What a rule saw, before the pipeline adds the text from meta, the prompt and the fingerprint. */
export interface RawFinding {
  file: string | null;
  line: number | null;
  endLine?: number | null;
  message: string;
}

export interface FileDetector {
  meta: RuleMeta;
  scope: "file";
  languages: readonly Language[];
  /** Cheap test on the text; a file that fails it is never handed to `check`. */
  prefilter?: RegExp;
  /** Limits the rule to some file names (e.g. requirements*.txt). */
  appliesToPath?: (path: string) => boolean;
  check(file: SourceFile, repo: RepoView): RawFinding[] | Promise<RawFinding[]>;
}

export interface RepoDetector {
  meta: RuleMeta;
  scope: "repo";
  /** Paths whose text the rule reads; in PR mode the loader reads them even when unchanged. */
  reads?: (path: string) => boolean;
  check(repo: RepoView): RawFinding[];
}

export type Detector = FileDetector | RepoDetector;
