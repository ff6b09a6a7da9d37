// How the CLI runs file rules across cores: workers are this same program, started with a flag.
import { availableParallelism } from "node:os";
import { fileURLToPath } from "node:url";
import { Worker } from "node:worker_threads";
import type { Parallelism } from "@learnloop/core";

export const WORKER_FLAG = "learnloopDetectorWorker";

/**
 * One share per core (at most 8); `LEARNLOOP_THREADS=1` turns workers off. Run from TypeScript source
 * (`pnpm learnloop`, through tsx) there are no workers: tsx's loader does not reach worker threads.
 */
export function cliParallelism(env: NodeJS.ProcessEnv): Parallelism {
  const entry = fileURLToPath(import.meta.url);
  const requested = Number.parseInt(env.LEARNLOOP_THREADS ?? "", 10);
  const threads = entry.endsWith(".ts")
    ? 1
    : Number.isInteger(requested) && requested > 0
      ? requested
      : Math.min(availableParallelism(), 8);
  return { threads, spawn: () => new Worker(entry, { workerData: { [WORKER_FLAG]: true } }) };
}
