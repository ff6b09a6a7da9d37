import { Worker } from "node:worker_threads";
import { describe, expect, it } from "vitest";
import { workerPool } from "../src/parallel.js";

/** Workers that do nothing until stopped, and a record of every one started. */
function counted() {
  const started: Worker[] = [];
  const spawn = () => {
    const worker = new Worker("setInterval(() => {}, 1000);", { eval: true });
    started.push(worker);
    return worker;
  };
  return { started, spawn };
}

const exited = (worker: Worker) => new Promise((resolve) => worker.once("exit", resolve));

describe("workerPool", () => {
  it("starts a large review's workers once, early, hands those out first, and stops the ones not taken", async () => {
    const { started, spawn } = counted();
    const pool = workerPool({ threads: 3, spawn });
    expect(started).toHaveLength(0);
    pool.prestart();
    pool.prestart();
    expect(started).toHaveLength(2);
    const taken = pool.spawn();
    expect(taken).toBe(started[0]);
    const left = started[1]!;
    const stopping = exited(left);
    pool.release();
    await stopping;
    // The taken worker is the review's to stop; a spawn after the early ones are gone starts a new one.
    expect(pool.spawn()).toBe(started[2]);
    expect(started).toHaveLength(3);
    await Promise.all([taken.terminate(), started[2]!.terminate()]);
  });

  it("starts nothing early when the review runs on one thread or never asks", () => {
    const { started, spawn } = counted();
    workerPool({ threads: 1, spawn }).prestart();
    const unused = workerPool({ threads: 2, spawn });
    unused.release();
    expect(started).toHaveLength(0);
  });

  it("tunes V8 for the review's size: a large one optimizes JavaScript later, a small one never re-optimizes WebAssembly", () => {
    const { started, spawn } = counted();
    const large: string[] = [];
    const pool = workerPool({ threads: 2, spawn }, (flags) => large.push(flags));
    pool.prestart();
    pool.loaded();
    expect(large).toEqual(["--interrupt-budget=614400"]);
    pool.release();
    const small: string[] = [];
    workerPool({ threads: 2, spawn }, (flags) => small.push(flags)).loaded();
    expect(small).toEqual(["--wasm-tiering-budget=1073741824"]);
    // One thread: nothing to share the cores with, so JavaScript keeps V8's default budget.
    const one: string[] = [];
    const single = workerPool({ threads: 1, spawn }, (flags) => one.push(flags));
    single.prestart();
    single.loaded();
    expect(one).toEqual([]);
    expect(started).toHaveLength(1);
  });
});
