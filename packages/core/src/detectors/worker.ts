// The worker side of a parallel review: receives the snapshot and its share of files, runs the file rules.
import type { MessagePort } from "node:worker_threads";
import type { Snapshot, SourceFile } from "../snapshot/types.js";
import { DETECTORS } from "./registry.js";
import { RepoView } from "./repo-view.js";
import { runFileRules } from "./run.js";
import type { FileDetector, RawFinding } from "./types.js";

export interface WorkerRequest {
  /** The whole snapshot (file rules may ask repo-wide questions), without `lines`: they are rebuilt here. */
  snapshot: Omit<Snapshot, "files"> & { files: Omit<SourceFile, "lines">[] };
  ruleIds: string[];
  /** The files this worker checks. */
  paths: string[];
}

export type WorkerFinding = RawFinding & { ruleId: string };
export type WorkerReply = { findings: WorkerFinding[] } | { error: string };

/** Serves one request on `port` (a worker's parentPort) and replies with the findings. */
export function serveDetectorWorker(port: MessagePort): void {
  port.once("message", async (request: WorkerRequest) => {
    try {
      const files: SourceFile[] = request.snapshot.files.map((f) => ({
        ...f,
        lines: f.notebook ? f.text.split("\n") : f.text.split(/\r?\n/),
      }));
      const repo = new RepoView({ ...request.snapshot, files });
      const wanted = new Set(request.paths);
      const rules = DETECTORS.filter(
        (d): d is FileDetector => d.scope === "file" && request.ruleIds.includes(d.meta.id),
      );
      const found = await runFileRules(
        files.filter((f) => wanted.has(f.path)),
        rules,
        repo,
      );
      port.postMessage({
        findings: found.map(({ meta, ...raw }) => ({ ...raw, ruleId: meta.id })),
      } satisfies WorkerReply);
    } catch (error) {
      port.postMessage({ error: (error as Error).message } satisfies WorkerReply);
    }
  });
}
