// Runs the detectors over a snapshot: each file parsed at most once and shared by its rules, repo rules once.

import type { Worker } from "node:worker_threads";
import { type Syntax, syntaxOf } from "../parse/syntax.js";
import { grammarOf, loadParsers, type Parsers, type Tree } from "../parse/tree-sitter.js";
import { fileLineOf } from "../snapshot/notebook.js";
import type { Snapshot, SourceFile } from "../snapshot/types.js";
import { RepoView } from "./repo-view.js";
import type { Detector, FileDetector, RawFinding, RuleMeta } from "./types.js";
import type { WorkerFinding, WorkerReply, WorkerRequest } from "./worker.js";

export interface DetectedFinding extends RawFinding {
  meta: RuleMeta;
}

/** How to run file rules across cores: the app decides how a worker is started (it knows where its code lives). */
export interface Parallelism {
  /** Total shares of the work, the calling thread included (1 = no workers). */
  threads: number;
  spawn: () => Worker;
}

/** Below this much text, starting workers costs more than it saves. */
const PARALLEL_MIN_BYTES = 4 * 1024 * 1024;

export async function runDetectors(
  snapshot: Snapshot,
  detectors: readonly Detector[],
  parallel?: Parallelism,
): Promise<{ findings: DetectedFinding[]; threads: number }> {
  const repo = new RepoView(snapshot);
  const active = detectors.filter((d) => !d.applies || d.applies(repo));
  const fileRules = active.filter((d): d is FileDetector => d.scope === "file");
  const out: DetectedFinding[] = [];

  for (const detector of active) {
    if (detector.scope === "repo") {
      for (const raw of detector.check(repo)) out.push({ ...raw, meta: detector.meta });
    }
  }

  const changed = snapshot.changes ? new Set(snapshot.changes.map((c) => c.path)) : null;
  const files = snapshot.files.filter((f) => !changed || changed.has(f.path));
  const bytes = files.reduce((sum, f) => sum + f.bytes, 0);
  if (parallel && parallel.threads > 1 && bytes >= PARALLEL_MIN_BYTES && fileRules.length > 0) {
    out.push(...(await runAcrossThreads(snapshot, files, fileRules, parallel)));
    return { findings: out, threads: parallel.threads };
  }
  out.push(...(await runFileRules(files, fileRules, repo)));
  return { findings: out, threads: 1 };
}

/** The file rules over some files of the snapshot: each file parsed at most once, its tree freed after. */
export async function runFileRules(
  files: readonly SourceFile[],
  fileRules: readonly FileDetector[],
  repo: RepoView,
): Promise<DetectedFinding[]> {
  const changed = repo.snapshot.changes ? new Map(repo.snapshot.changes.map((c) => [c.path, c])) : null;
  const grammars =
    fileRules.length === 0 ? [] : files.map((f) => grammarOf(f.path)).filter((g) => g !== null);
  const parsers = grammars.length > 0 ? await loadParsers(grammars) : null;
  const out: DetectedFinding[] = [];

  for (const file of files) {
    const change = changed?.get(file.path);
    const rules = fileRules.filter(
      (d) =>
        d.languages.includes(file.language) &&
        (!d.appliesToPath || d.appliesToPath(file.path)) &&
        (!d.prefilter || d.prefilter.test(file.text)),
    );
    if (rules.length === 0) continue;
    const lazy = lazySyntax(file, parsers);
    try {
      for (const detector of rules) {
        for (const raw of await detector.check(file, { repo, syntax: lazy.get })) {
          // In PR mode a finding counts only where the change touched, or anywhere in a new file.
          if (
            change &&
            change.status !== "added" &&
            raw.line !== null &&
            !touches(change.addedLines, raw, file)
          )
            continue;
          out.push({ ...raw, meta: detector.meta });
        }
      }
    } finally {
      lazy.dispose();
    }
  }
  return out;
}

/** Splits the files into shares of about equal size; this thread takes the first, workers the rest. */
async function runAcrossThreads(
  snapshot: Snapshot,
  files: readonly SourceFile[],
  fileRules: readonly FileDetector[],
  parallel: Parallelism,
): Promise<DetectedFinding[]> {
  const shares: SourceFile[][] = Array.from({ length: parallel.threads }, () => []);
  const load = new Array<number>(parallel.threads).fill(0);
  for (const file of [...files].sort((a, b) => b.bytes - a.bytes)) {
    const lightest = load.indexOf(Math.min(...load));
    shares[lightest]!.push(file);
    load[lightest]! += file.bytes;
  }
  const metaById = new Map(fileRules.map((d) => [d.meta.id, d.meta]));
  const request: WorkerRequest = {
    snapshot: { ...snapshot, files: snapshot.files.map(({ lines: _lines, ...rest }) => rest) },
    ruleIds: fileRules.map((d) => d.meta.id),
    paths: [],
  };
  const remote = shares
    .slice(1)
    .map((share) => askWorker(parallel.spawn(), { ...request, paths: share.map((f) => f.path) }));
  const local = await runFileRules(shares[0]!, fileRules, new RepoView(snapshot));
  const out: DetectedFinding[] = [...local];
  for (const findings of await Promise.all(remote)) {
    for (const { ruleId, ...raw } of findings) out.push({ ...raw, meta: metaById.get(ruleId)! });
  }
  return out;
}

function askWorker(worker: Worker, request: WorkerRequest): Promise<WorkerFinding[]> {
  return new Promise((resolve, reject) => {
    worker.once("message", (reply: WorkerReply) => {
      void worker.terminate();
      if ("error" in reply) reject(new Error(`detector worker failed: ${reply.error}`));
      else resolve(reply.findings);
    });
    worker.once("error", reject);
    worker.postMessage(request);
  });
}

/** Parses on first use only, and frees the tree's WebAssembly memory when the file is done. */
function lazySyntax(file: SourceFile, parsers: Parsers | null) {
  let tree: Tree | null = null;
  let syntax: Syntax | null | undefined;
  return {
    get: (): Syntax | null => {
      if (syntax !== undefined) return syntax;
      const grammar = grammarOf(file.path);
      tree = grammar && parsers ? parsers.parse(grammar, file.text) : null;
      syntax = tree && grammar && parsers ? syntaxOf(tree, grammar, parsers) : null;
      return syntax;
    },
    dispose: () => tree?.delete(),
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
