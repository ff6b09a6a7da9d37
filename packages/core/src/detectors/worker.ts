// The worker side of a parallel review: receives the snapshot once, then batches of files; replies with the
// findings of the file rules and the facts for the repo-wide indexes (joined on the calling thread).
import type { MessagePort } from "node:worker_threads";
import { grammarOf, loadParsers } from "../parse/tree-sitter.js";
import { LoadedFile } from "../snapshot/source-file.js";
import type { Snapshot, SourceFile } from "../snapshot/types.js";
import { perRepo } from "./lib/memo.js";
import { countShared, readShared, type SharedCensuses } from "./lib/needles.js";
import { DETECTORS } from "./registry.js";
import { RepoView } from "./repo-view.js";
import { type DetectedFinding, gatePrefilters, type PassPlan, type PassResult, runFilePass } from "./run.js";
import type { FileDetector } from "./types.js";

export type WorkerRequest =
  /** Sent as soon as the worker starts, so it settles in while the calling thread plans the pass. */
  | {
      kind: "snapshot";
      /** The whole snapshot (file rules may ask repo-wide questions), without `lines`: they are rebuilt here. */
      snapshot: Omit<Snapshot, "files"> & { files: Omit<SourceFile, "lines">[] };
      /** The files' censuses (in snapshot order), counted from the front by the calling thread, from the back here. */
      censuses: SharedCensuses;
    }
  | {
      kind: "start";
      ruleIds: string[];
      /** Each index's plan, by rule id. */
      plans: [string, unknown][];
      /** Paths whose rules run; the others only feed the indexes. */
      reviewed: string[];
      /** The rules' shared answers (see `FileDetector.shared`), worked out by the calling thread: [key, answer]. */
      shared: [string, unknown][];
    }
  /** Files this worker checks next. */
  | { kind: "files"; paths: string[] };

export type WorkerFinding = Omit<DetectedFinding, "meta"> & { ruleId: string };

/** The findings travel without their meta: the calling thread has it by rule id. */
export type WorkerReply = { findings: WorkerFinding[]; facts: PassResult["facts"] } | { error: string };

/**
 * Serves requests on `port` (a worker's parentPort): the `snapshot`, one `start`, then `files` batches, each
 * answered in turn.
 * One batch at a time, so the first is answered early and the next waits ready while the caller sends more.
 */
export function serveDetectorWorker(port: MessagePort): void {
  let repo: RepoView | null = null;
  let censuses: SharedCensuses | null = null;
  let plan: PassPlan | null = null;
  let turn = Promise.resolve();
  port.on("message", (request: WorkerRequest) => {
    turn = turn.then(() => serve(request));
  });
  const serve = async (request: WorkerRequest): Promise<void> => {
    try {
      if (request.kind === "snapshot") {
        const files = request.snapshot.files.map((f) => new LoadedFile(f));
        repo = new RepoView({ ...request.snapshot, files });
        // The grammars load (WebAssembly compiles) while the calling thread plans; the pass awaits the same load.
        void loadParsers(files.flatMap((f) => grammarOf(f.path) ?? [])).catch(() => {});
        censuses = request.censuses;
        countShared(files, censuses, "back");
        return;
      }
      if (request.kind === "start") {
        const reviewed = new Set(request.reviewed);
        plan = {
          fileRules: DETECTORS.filter(
            (d): d is FileDetector => d.scope === "file" && request.ruleIds.includes(d.meta.id),
          ),
          plans: new Map(request.plans),
          reviewed: (path) => reviewed.has(path),
          shared: request.shared,
        };
        gatePrefilters(plan.fileRules);
        // The calling thread's answers, kept as this thread's own: its checks do not work them out again.
        for (const [key, answer] of request.shared) if (repo) perRepo(repo, key, () => answer);
        // The calling thread sends `start` once every file is counted.
        if (repo && censuses) readShared(repo.files, censuses, 0);
        return;
      }
      if (!repo || !plan) throw new Error("files before start");
      const files = request.paths.map((p) => repo!.file(p)!);
      const result = await runFilePass(files, plan, repo);
      port.postMessage({
        findings: result.findings.map(({ meta, ...raw }) => ({ ...raw, ruleId: meta.id })),
        facts: result.facts,
      } satisfies WorkerReply);
    } catch (error) {
      port.postMessage({ error: (error as Error).message } satisfies WorkerReply);
    }
  };
}
