// The file pass across cores: worker threads and this thread take files from one queue (workers batches of the
// biggest, this thread the smallest one by one), so a thread that draws cheap files (nothing to parse) takes more
// of them; facts come back to be joined here.

import type { Worker } from "node:worker_threads";
import { LoadedFile } from "../snapshot/source-file.js";
import type { Snapshot, SourceFile } from "../snapshot/types.js";
import type { SharedCensuses } from "./lib/needles.js";
import type { PassPlan, PassResult } from "./run.js";
import type { RuleMeta } from "./types.js";
import type { WorkerReply, WorkerRequest } from "./worker.js";

/** How to run file rules across cores: the app decides how a worker is started (it knows where its code lives). */
export interface Parallelism {
  /** Total shares of the work, the calling thread included (1 = no workers). */
  threads: number;
  spawn: () => Worker;
}

/** A started worker, watched from its start: an error or exit before the pass reaches it is not missed. */
export interface StartedWorker {
  worker: Worker;
  /** Settles when the worker fails or stops; a pass still waiting on it has lost it. */
  lost: Promise<Error>;
}

/**
 * Starts a worker and sends it the snapshot at once: it settles in, and helps count the files' literals into
 * `censuses`, while this thread plans the pass.
 */
export function startWorker(
  parallel: Parallelism,
  snapshot: Snapshot,
  censuses: SharedCensuses,
): StartedWorker {
  const worker = parallel.spawn();
  worker.postMessage({
    kind: "snapshot",
    // As LoadedFiles, whose `lines` (split on first use, in a private field) do not travel: reading them would split
    // every file here.
    snapshot: { ...snapshot, files: snapshot.files.map((f) => new LoadedFile(f)) },
    censuses,
  } satisfies WorkerRequest);
  const lost = new Promise<Error>((resolve) => {
    worker.once("error", resolve);
    worker.once("exit", (code) => resolve(new Error(`detector worker stopped (exit code ${code})`)));
  });
  return { worker, lost };
}

/** A worker's batch: enough text that messages cost nothing next to the work, small enough to balance the end. */
const BATCH_BYTES = 256 * 1024;
/** The smallest batch, near the end of the queue: a message and a reply still cost little next to it. */
const MIN_BATCH_BYTES = 16 * 1024;
/** Batches a worker holds at once, so it never waits while this thread is busy with its own file. */
const IN_FLIGHT = 2;

/**
 * The pass over `files` on this thread and the given workers (already started: see `runDetectors`). This thread
 * first runs `first` (work that needs no file pass, such as the repo rules) while the workers start on the queue,
 * yielding between tasks so a worker asking for more is answered.
 */
export async function passAcrossThreads(
  snapshot: Snapshot,
  files: readonly SourceFile[],
  plan: PassPlan,
  started: readonly StartedWorker[],
  runLocal: (files: readonly SourceFile[]) => Promise<PassResult>,
  first: readonly (() => void)[] = [],
): Promise<PassResult> {
  // Biggest first; files before `head` and from `tail` on are taken.
  const queue = [...files].sort((a, b) => b.bytes - a.bytes);
  let head = 0;
  let tail = queue.length;
  let left = queue.reduce((sum, f) => sum + f.bytes, 0);
  const take = (): SourceFile[] => {
    // Batches shrink as the queue drains, so the last ones a worker holds are small: this thread, done with its
    // share, does not wait long for them.
    const maxBytes = Math.max(MIN_BATCH_BYTES, Math.min(BATCH_BYTES, left / (4 * (started.length + 1))));
    const batch: SourceFile[] = [];
    let bytes = 0;
    while (head < tail && (batch.length === 0 || bytes + queue[head]!.bytes <= maxBytes)) {
      const file = queue[head++]!;
      batch.push(file);
      bytes += file.bytes;
    }
    left -= bytes;
    return batch;
  };
  const start: WorkerRequest = {
    kind: "start",
    ruleIds: plan.fileRules.map((d) => d.meta.id),
    plans: [...plan.plans],
    reviewed: snapshot.files.filter((f) => plan.reviewed(f.path)).map((f) => f.path),
    shared: [...plan.shared],
  };
  const metaById = new Map(plan.fileRules.map((d) => [d.meta.id, d.meta]));
  const results: PassResult[] = [];
  const workers = Promise.all(
    started.map((worker) => serveFromQueue(worker, start, metaById, take, results)),
  );
  // A worker lost while this thread is busy is reported after the loop below, not as an unhandled rejection.
  workers.catch(() => {});
  const yieldToWorkers = () => new Promise((resolve) => setImmediate(resolve));
  for (const task of first) {
    task();
    await yieldToWorkers();
  }
  // This thread takes the smallest file left, one at a time, and yields between files: a worker asking for more
  // is answered within one small file's time.
  while (head < tail) {
    const file = queue[--tail]!;
    left -= file.bytes;
    results.push(await runLocal([file]));
    await yieldToWorkers();
  }
  await workers;
  return {
    findings: results.flatMap((r) => r.findings),
    facts: results.flatMap((r) => r.facts),
  };
}

/** Feeds one worker batches from the queue until it is empty, then stops it. */
function serveFromQueue(
  { worker, lost }: StartedWorker,
  start: WorkerRequest,
  metaById: ReadonlyMap<string, RuleMeta>,
  take: () => SourceFile[],
  results: PassResult[],
): Promise<void> {
  return new Promise((resolve, reject) => {
    let pending = 0;
    const send = (): boolean => {
      const batch = take();
      if (batch.length === 0) return false;
      pending++;
      worker.postMessage({ kind: "files", paths: batch.map((f) => f.path) } satisfies WorkerRequest);
      return true;
    };
    let done = false;
    const finish = (error?: Error) => {
      if (done) return;
      done = true;
      worker.removeAllListeners("message");
      void worker.terminate();
      if (error) reject(error);
      else resolve();
    };
    void lost.then(finish);
    worker.on("message", (reply: WorkerReply) => {
      if ("error" in reply) return finish(new Error(`detector worker failed: ${reply.error}`));
      pending--;
      results.push({
        findings: reply.findings.map(({ ruleId, ...raw }) => ({ ...raw, meta: metaById.get(ruleId)! })),
        facts: reply.facts,
      });
      send();
      if (pending === 0) finish();
    });
    worker.postMessage(start);
    for (let i = 0; i < IN_FLIGHT; i++) send();
    if (pending === 0) finish();
  });
}
