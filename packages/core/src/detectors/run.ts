// Runs the detectors over a snapshot: repo rules once; file rules in one pass where each file is parsed at most
// once and its tree shared by every rule and every repo-wide index; rules that read an index after the join.

import { type FindingText, findingText } from "../merge/finding-text.js";
import { type LineSpan, type RegionOptions, textRanges } from "../parse/python-blocks.js";
import { type Syntax, syntaxOf } from "../parse/syntax.js";
import { grammarOf, loadParsers, type Parsers, type TextRange, type Tree } from "../parse/tree-sitter.js";
import { fileLineOf } from "../snapshot/notebook-cells.js";
import { LineReader } from "../snapshot/source-file.js";
import type { ChangedFile, Snapshot, SourceFile } from "../snapshot/types.js";
import { forgetFile, perRepo, sharedAnswer } from "./lib/memo.js";
import { countShared, literalGate, readShared, sharedCensuses } from "./lib/needles.js";
import { pythonBlocksOf } from "./lib/python-text.js";
import { type Parallelism, passAcrossThreads, startWorker } from "./parallel.js";
import { RepoView } from "./repo-view.js";
import type { Detector, FileDetector, FileSyntax, RawFinding, RuleMeta } from "./types.js";

export type { Parallelism } from "./parallel.js";

export interface DetectedFinding extends RawFinding {
  meta: RuleMeta;
  /** The code it points at, read by the thread that ran the rule (see `keep`). */
  text?: FindingText;
}

/** One file's contribution to one rule's index. */
export interface CollectedFact {
  ruleId: string;
  path: string;
  fact: unknown;
}

export interface PassResult {
  findings: DetectedFinding[];
  facts: CollectedFact[];
}

/** What the file pass needs besides the files: the rules, each index's plan, and which files are under review. */
export interface PassPlan {
  fileRules: readonly FileDetector[];
  /** Plans of the rules with an index, by rule id. */
  plans: ReadonlyMap<string, unknown>;
  /** Files whose rules run (all of them, or the changed ones in PR mode); every file feeds the indexes. */
  reviewed: (path: string) => boolean;
  /** The rules' shared answers worked out on this thread for the workers (see `FileDetector.shared`). */
  shared: readonly [string, unknown][];
}

/** Below this much text, starting workers costs more than it saves. */
export const PARALLEL_MIN_BYTES = 4 * 1024 * 1024;
/** How long this thread waits for the files a worker is still counting before it counts them itself. */
const CENSUS_WAIT_MS = 1000;

export async function runDetectors(
  snapshot: Snapshot,
  detectors: readonly Detector[],
  parallel?: Parallelism,
): Promise<{ findings: DetectedFinding[]; threads: number }> {
  gatePrefilters(detectors);
  const changed = snapshot.changes ? new Set(snapshot.changes.map((c) => c.path)) : null;
  const files = snapshot.files.filter((f) => !changed || changed.has(f.path));
  // Files outside the review still feed the indexes; with no index to feed they need no visit.
  const feedsIndex = detectors.some((d) => d.scope === "file" && d.index);
  const visited = feedsIndex ? snapshot.files : files;
  const bytes = visited.reduce((sum, f) => sum + f.bytes, 0);
  // Workers start now, so loading their code and grammars overlaps the repo rules below.
  const useWorkers = parallel !== undefined && parallel.threads > 1 && bytes >= PARALLEL_MIN_BYTES;
  const censuses = useWorkers ? sharedCensuses(snapshot.files.length) : null;
  const workers =
    useWorkers && censuses
      ? Array.from({ length: parallel.threads - 1 }, () => startWorker(parallel, snapshot, censuses))
      : [];
  try {
    const repo = new RepoView(snapshot);
    // The shared answers are worked out here once, while the workers start (they count more of the files' literals
    // meanwhile), and go to each with the plan: every worker would otherwise work them out again.
    const shared = workers.length > 0 ? sharedAnswers(detectors, repo) : [];
    // Every file's literals are counted before the repo rules ask about them, by this thread and the workers at once.
    if (censuses) {
      countShared(snapshot.files, censuses, "front");
      readShared(snapshot.files, censuses, CENSUS_WAIT_MS);
    }
    const active = detectors.filter((d) => !d.applies || d.applies(repo));
    await Promise.all(active.map((d) => (d.scope === "repo" ? d.prepare?.(repo) : undefined)));
    const fileRules = active.filter((d): d is FileDetector => d.scope === "file");
    const out: DetectedFinding[] = [];
    const repoRules = active
      .filter((d) => d.scope === "repo")
      .map((detector) => () => {
        for (const raw of detector.check(repo)) out.push({ ...raw, meta: detector.meta });
      });

    const indexed = fileRules.filter((d) => d.index);
    const plan: PassPlan = {
      fileRules,
      plans: new Map(indexed.map((d) => [d.meta.id, d.index!.plan(repo)])),
      reviewed: (path) => !changed || changed.has(path),
      shared,
    };
    const threads = workers.length > 0 && fileRules.length > 0 ? workers.length + 1 : 1;
    let pass: PassResult;
    if (threads > 1) {
      // The repo rules run here while the workers start on the files.
      pass = await passAcrossThreads(
        snapshot,
        visited,
        plan,
        workers.splice(0),
        (some) => runFilePass(some, plan, repo),
        repoRules,
      );
    } else {
      for (const run of repoRules) run();
      pass = await runFilePass(visited, plan, repo);
    }
    out.push(...pass.findings);
    out.push(...(await runIndexedRules(files, indexed, joinFacts(snapshot, indexed, pass.facts), repo)));
    return { findings: out, threads };
  } finally {
    // Workers left over (no file rule to run, or a failure before the pass) are stopped here.
    for (const { worker } of workers) void worker.terminate();
  }
}

/** Each file rule's shared answer (see `FileDetector.shared`), worked out into `repo`'s answers and listed. */
function sharedAnswers(detectors: readonly Detector[], repo: RepoView): [string, unknown][] {
  return detectors.flatMap((d): [string, unknown][] => {
    if (d.scope !== "file" || !d.shared) return [];
    return [[d.shared.key, sharedAnswer(repo, d.shared)]];
  });
}

/** The file pass over some files: findings of the rules with no index, facts for those with one. */
export async function runFilePass(
  files: readonly SourceFile[],
  plan: PassPlan,
  repo: RepoView,
): Promise<PassResult> {
  const changes = changesByPath(repo);
  const plain = plan.fileRules.filter((d) => !d.index);
  const indexed = plan.fileRules.filter((d) => d.index);
  const parsers = await parsersFor(files, plan.fileRules.length > 0);
  const findings: DetectedFinding[] = [];
  const facts: CollectedFact[] = [];

  for (const file of files) {
    const rules = plan.reviewed(file.path) ? plain.filter((d) => gateAllows(d, file)) : [];
    if (rules.length === 0 && indexed.length === 0) continue;
    const lazy = lazySyntax(file, parsers);
    try {
      for (const detector of rules) {
        const raws = await detector.check(file, { repo, ...lazy.syntax });
        keep(raws, detector, file, changes.get(file.path), findings);
      }
      for (const detector of indexed) {
        const fact = detector.index!.collect(file, lazy.syntax, plan.plans.get(detector.meta.id));
        if (fact !== null) facts.push({ ruleId: detector.meta.id, path: file.path, fact });
      }
    } finally {
      lazy.dispose();
      forgetFile(file);
    }
  }
  return { findings, facts };
}

/** Each index's facts in snapshot (path) order, whichever thread collected them, joined by its rule. */
function joinFacts(
  snapshot: Snapshot,
  indexed: readonly FileDetector[],
  facts: readonly CollectedFact[],
): Map<string, unknown> {
  const order = new Map(snapshot.files.map((f, i) => [f.path, i]));
  const sorted = [...facts].sort((a, b) => order.get(a.path)! - order.get(b.path)!);
  return new Map(
    indexed.map((d) => [
      d.meta.id,
      d.index!.join(sorted.filter((f) => f.ruleId === d.meta.id).map((f) => f.fact)),
    ]),
  );
}

/** The rules that read an index, after the join: cheap, on the calling thread. */
async function runIndexedRules(
  files: readonly SourceFile[],
  indexed: readonly FileDetector[],
  joined: ReadonlyMap<string, unknown>,
  repo: RepoView,
): Promise<DetectedFinding[]> {
  if (indexed.length === 0) return [];
  const changes = changesByPath(repo);
  const parsers = await parsersFor(files, true);
  const out: DetectedFinding[] = [];
  for (const file of files) {
    const rules = indexed.filter((d) => gateAllows(d, file));
    if (rules.length === 0) continue;
    const lazy = lazySyntax(file, parsers);
    try {
      for (const detector of rules) {
        const raws = await detector.check(file, {
          repo,
          ...lazy.syntax,
          index: joined.get(detector.meta.id),
        });
        keep(raws, detector, file, changes.get(file.path), out);
      }
    } finally {
      lazy.dispose();
    }
  }
  return out;
}

/**
 * Makes every prefilter's gate before the first file is counted (a literal added later has files counted again):
 * where the rules of a review are chosen, on each thread.
 */
export function gatePrefilters(detectors: readonly Detector[]): void {
  for (const d of detectors) if (d.scope === "file" && d.prefilter) literalGate(d.prefilter);
}

function gateAllows(d: FileDetector, file: SourceFile): boolean {
  return (
    d.languages.includes(file.language) &&
    (!d.appliesToPath || d.appliesToPath(file.path)) &&
    (!d.prefilter || literalGate(d.prefilter).test(file))
  );
}

/** The changes by path, once per review: the calling thread runs the pass one small file at a time. */
const changesByPath = (repo: RepoView): Map<string, ChangedFile> =>
  perRepo(repo, "changes-by-path", () => new Map((repo.snapshot.changes ?? []).map((c) => [c.path, c])));

/**
 * Keeps a rule's findings in `file`, each with the code it points at: read here, on the thread that has the file
 * (its line starts are usually cached from the rules' reading), rather than by the review after the pass.
 */
function keep(
  raws: readonly RawFinding[],
  detector: FileDetector,
  file: SourceFile,
  change: ChangedFile | undefined,
  into: DetectedFinding[],
): void {
  let lines: LineReader | undefined;
  for (const raw of raws) {
    // In PR mode a finding counts only where the change touched, or anywhere in a new file.
    if (change && change.status !== "added" && raw.line !== null && !touches(change.addedLines, raw, file))
      continue;
    if (raw.file !== file.path) {
      into.push({ ...raw, meta: detector.meta });
      continue;
    }
    lines ??= new LineReader(file.text, Boolean(file.notebook));
    const text = findingText(lines, raw.line, raw.endLine, Boolean(detector.meta.sensitive));
    into.push({ ...raw, meta: detector.meta, text });
  }
}

async function parsersFor(files: readonly SourceFile[], needed: boolean): Promise<Parsers | null> {
  const grammars = needed ? files.map((f) => grammarOf(f.path)).filter((g) => g !== null) : [];
  return grammars.length > 0 ? await loadParsers(grammars) : null;
}

/** Whether `syntaxAround` may parse a region rather than the whole file (off: every tree is whole, for comparisons). */
let regionParsing = true;

/** Turns region parsing off (or back on) in this thread; the findings must not change (see the region tests). */
export function setRegionParsing(on: boolean): void {
  regionParsing = on;
}

/**
 * Parses on first use only, the whole file or a region of it, and frees every tree's WebAssembly memory when
 * the file is done.
 */
function lazySyntax(file: SourceFile, parsers: Parsers | null): { syntax: FileSyntax; dispose(): void } {
  const grammar = grammarOf(file.path);
  const trees: Tree[] = [];
  let whole: Syntax | null | undefined;
  const regions = new Map<string, Syntax | null>();
  const parse = (ranges?: TextRange[], units?: LineSpan[]): Syntax | null => {
    const tree = grammar && parsers ? parsers.parse(grammar, file.text, ranges) : null;
    if (!tree || !grammar || !parsers) return null;
    trees.push(tree);
    return syntaxOf(tree, grammar, parsers, units ?? null);
  };
  const syntax = (): Syntax | null => {
    if (whole === undefined) whole = parse();
    return whole;
  };
  const syntaxAround = (lines: readonly number[], options?: RegionOptions): Syntax | null => {
    if (whole !== undefined || !regionParsing || grammar !== "python") return syntax();
    // No lines, no code around them (and no need to read the file's layout).
    if (lines.length === 0) return null;
    const region = pythonBlocksOf(file)?.regionAround(lines, options);
    if (!region) return syntax();
    // No code around the lines (all before the first statement, or outside functions when only those count).
    if (region.units.length === 0) return null;
    const key = region.ranges.map((r) => `${r.start}-${r.end}`).join(",");
    if (!regions.has(key)) regions.set(key, parse(textRanges(file.text, region.ranges), region.units));
    return regions.get(key)!;
  };
  return {
    syntax: { syntax, syntaxAround },
    dispose: () => {
      for (const tree of trees) tree.delete();
    },
  };
}

/** Whether the diff touched the finding's lines: lines of the file as stored (a notebook's diff is of its JSON). */
function touches(added: ReadonlySet<number>, raw: RawFinding, file: SourceFile): boolean {
  const end = raw.endLine ?? raw.line!;
  for (let line = raw.line!; line <= end; line++) {
    const stored = fileLineOf(file, line);
    if (stored !== null && added.has(stored)) return true;
  }
  return false;
}
