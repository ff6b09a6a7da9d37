// How the CLI runs file rules across cores: workers run worker.ts, bundled beside the command as worker.js.
import { availableParallelism } from "node:os";
import { fileURLToPath } from "node:url";
import { setFlagsFromString } from "node:v8";
import { Worker } from "node:worker_threads";
import type { Parallelism } from "@learnloop/core";

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
  return { threads, spawn: () => new Worker(new URL("./worker.js", import.meta.url)) };
}

/**
 * Workers started while the files are still being read (`prestart`, once the repo proves large), so their start-up
 * (loading this program and the grammars) overlaps the reading; `spawn` hands them out first, and `release` stops
 * any the review did not take.
 */
export function workerPool(
  parallel: Parallelism,
  /** How V8's flags are set for this process (a test records them instead). */
  setFlags: (flags: string) => void = setFlagsFromString,
): Parallelism & { prestart(): void; loaded(): void; release(): void } {
  const ready: Worker[] = [];
  let prestarted = false;
  return {
    threads: parallel.threads,
    spawn: () => ready.shift() ?? parallel.spawn(),
    prestart: () => {
      if (prestarted) return;
      prestarted = true;
      if (parallel.threads > 1) setFlags(`--interrupt-budget=${INTERRUPT_BUDGET}`);
      for (let i = 1; i < parallel.threads; i++) ready.push(parallel.spawn());
    },
    // The text is read: a review that did not prove large is a short one.
    loaded: () => {
      if (!prestarted) setFlags(`--wasm-tiering-budget=${SHORT_REVIEW_WASM_TIERING_BUDGET}`);
    },
    release: () => {
      for (const worker of ready.splice(0)) void worker.terminate();
    },
  };
}

/**
 * How many units of work (bytecode run, roughly) a function gets before V8 optimizes it: V8's default is 66 KB.
 * With workers every core runs review code, and V8's optimizing compiler runs on background threads that take
 * their share of the same cores. A review is a short batch job: most of the 240 or so functions the default
 * optimizes in each thread run for a few milliseconds only. Waiting longer keeps those in the baseline tier. On a
 * 2-core machine 300 KB cut a stdlib review's CPU time by 15% (and its time by 12%) with a worker; 600 KB took
 * about 3% more off (the median of paired runs, in three sets of 12 to 16 alternating rounds), while 900 KB and
 * 1,200 KB gave some of it back. On one thread it did not help, as the compiler then has the idle core to itself.
 * Set for the process (every thread) when the workers start, as the hot code starts.
 */
const INTERRUPT_BUDGET = 600 * 1024;

/**
 * How long a WebAssembly function must run before V8 compiles it again with its optimizing compiler, for a short
 * review: out of reach. Tree-sitter's parser and grammars run as WebAssembly, first compiled by V8's quick
 * baseline compiler; V8 then optimizes the functions that run long enough (the grammar's lexer and the parse loop
 * are large) on background threads. On a small repo that second compile was about a third of the command's CPU
 * time (the example: 0.78 s of CPU before, 0.58 s after; its time 0.585 s before, 0.50 s after, medians of 10
 * alternating runs) and paid nothing back: the review is over before the faster code helps. A large review keeps
 * V8's default, which pays there (never optimizing cost stdlib's review about 3% more instructions). Set when the
 * text is read, before the review's file pass compiles the grammars.
 */
const SHORT_REVIEW_WASM_TIERING_BUDGET = 2 ** 30;
