// What a detector is: data about the rule (meta) plus one function that looks at a file or at the whole repo.

import type { RegionOptions } from "../parse/python-blocks.js";
import type { Syntax } from "../parse/syntax.js";
import type { Area, Level } from "../report/areas.js";
import type { Language, SourceFile } from "../snapshot/types.js";
import type { RepoView } from "./repo-view.js";

/** A before/after pair for the generated catalog (docs/rules.md). */
export interface RuleExample {
  /** Code-fence language: python, typescript, text, yaml, markdown, ... */
  language: string;
  /** File name the example lives in, e.g. "bot.py" or "requirements.txt". */
  file: string;
  bad: string;
  good: string;
}

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
  example: RuleExample;
}

/** What a rule saw, before the pipeline adds the text from meta, the prompt and the fingerprint. */
export interface RawFinding {
  file: string | null;
  line: number | null;
  endLine?: number | null;
  message: string;
}

/** A file's syntax, parsed on first use and shared by every rule that reads the file. */
export interface FileSyntax {
  /** The file's syntax tree; null for files with no grammar. */
  syntax(): Syntax | null;
  /**
   * A tree of only the code around these 1-based lines (see `Syntax.partial`): for a rule whose findings and
   * verdicts sit inside the function around its candidate lines, which are a small part of a large file. It is
   * the whole file's tree when that is parsed already, when the language has no region reader, or when the
   * region would be most of the file. A rule reads only nodes for which `complete(node)` holds.
   */
  syntaxAround(lines: readonly number[], options?: RegionOptions): Syntax | null;
}

export interface FileContext extends FileSyntax {
  repo: RepoView;
  /** For a rule with an `index`: the index joined from every file's facts (what `index.join` returned). */
  index?: unknown;
}

/**
 * A repo-wide index a file rule needs (e.g. every function body, to find copies across files), built in two
 * phases so no file is parsed twice and worker threads never rebuild it: each file's facts are read in the same
 * pass as the other file rules, from the same tree and on whichever thread has the file; the calling thread
 * joins them, then runs the rule's `check` with the joined index.
 */
export interface FileIndex<Plan = unknown, Fact = unknown, Joined = unknown> {
  /** Once per review, on the calling thread, from text only. Sent to worker threads: structured-clone data. */
  plan(repo: RepoView): Plan;
  /** What one file adds (every file of the snapshot is offered), or null; sent back from workers, so plain data. */
  collect(file: SourceFile, syntax: FileSyntax, plan: Plan): Fact | null;
  /** All files' facts, in snapshot (path) order. */
  join(facts: readonly Fact[]): Joined;
}

/** A repo-wide answer kept under `key` (see `FileDetector.shared`, and `sharedAnswer` to read it). */
export interface SharedAnswer<T = unknown> {
  key: string;
  compute: (repo: RepoView) => T;
}

export interface FileDetector {
  meta: RuleMeta;
  scope: "file";
  languages: readonly Language[];
  /**
   * Cheap test on the text; a file that fails it is never handed to `check`. Most files are ruled out by their
   * census, before the expression runs: see `literalGate`.
   */
  prefilter?: RegExp;
  /** Limits the rule to some file names (e.g. requirements*.txt). */
  appliesToPath?: (path: string) => boolean;
  /** Whether the rule applies to this repo at all (e.g. RAG rules only where embeddings are used). */
  applies?: (repo: RepoView) => boolean;
  /**
   * A repo-wide answer the rule's checks read through `perRepo(repo, key, ...)`, as plain data (it crosses
   * threads). With workers, the calling thread works it out once, while they start, and hands it to each with the
   * plan, instead of every thread working it out; with none, the first check that asks does. It is worked out
   * before the files' literals are counted, so it reads the texts, not the literal gates.
   */
  shared?: SharedAnswer;
  /** A repo-wide index the rule reads (`ctx.index`); `check` then runs after every file's facts are joined. */
  // biome-ignore lint/suspicious/noExplicitAny: each rule types its own index; the runner only passes it along.
  index?: FileIndex<any, any, any>;
  check(file: SourceFile, ctx: FileContext): RawFinding[] | Promise<RawFinding[]>;
}

export interface RepoDetector {
  meta: RuleMeta;
  scope: "repo";
  /** Paths whose text the rule reads; in PR mode the loader reads them even when unchanged. */
  reads?: (path: string) => boolean;
  applies?: (repo: RepoView) => boolean;
  /**
   * Loads what the rule reads only in some repos (the YAML reader, where there are YAML data files), awaited before
   * the repo rules run: a review of any other repo never loads it, and neither do worker threads.
   */
  prepare?: (repo: RepoView) => Promise<void>;
  check(repo: RepoView): RawFinding[];
}

export type Detector = FileDetector | RepoDetector;
