import { Worker } from "node:worker_threads";
import { describe, expect, it } from "vitest";
import { review } from "../review.js";
import { snapshotOf } from "../testing/memory-fs.js";
import { passAcrossThreads } from "./parallel.js";

describe("parallel file pass", () => {
  it("fails with a clear reason, instead of waiting forever, when a worker stops before answering", async () => {
    // Enough text to use workers; what it says does not matter.
    const files = Object.fromEntries(
      Array.from({ length: 10 }, (_, i) => [`notes/n${i}.txt`, `note ${i}\n`.repeat(80_000)]),
    );
    const snapshot = await snapshotOf(files);
    expect(snapshot.files.reduce((sum, f) => sum + f.bytes, 0)).toBeGreaterThan(4 * 1024 * 1024);
    const parallel = { threads: 2, spawn: () => new Worker("process.exit(3)", { eval: true }) };
    await expect(review(snapshot, { parallel })).rejects.toThrow("detector worker stopped (exit code 3)");
  }, 60_000);

  it("does not start workers for a small review", async () => {
    const snapshot = await snapshotOf({ "app.py": "try:\n    run()\nexcept:\n    pass\n" });
    let spawned = 0;
    const parallel = {
      threads: 2,
      spawn: () => {
        spawned++;
        return new Worker("process.exit(0)", { eval: true });
      },
    };
    const report = await review(snapshot, { parallel });
    expect(spawned).toBe(0);
    expect(report.stats.threads).toBe(1);
    expect(report.findings.map((f) => f.ruleId)).toContain("code-quality/bare-except");
  });

  it("hands a worker smaller batches as the queue drains, so the last ones keep no thread waiting", async () => {
    // 70 files of 64 KB: the first batches hold 256 KB (4 files), the last ones a single file.
    const files = Object.fromEntries(
      Array.from({ length: 70 }, (_, i) => [
        `notes/n${String(i).padStart(2, "0")}.txt`,
        "x".repeat(64 * 1024),
      ]),
    );
    const snapshot = await snapshotOf(files);
    const batches: string[][] = [];
    // A worker that answers every batch at once with nothing found; this thread takes 20 ms a file, so the worker
    // takes most of the queue, its end included.
    const worker = new Worker(
      `const { parentPort } = require("node:worker_threads");
      parentPort.on("message", (m) => { if (m.kind === "files") parentPort.postMessage({ findings: [], facts: [] }); });`,
      { eval: true },
    );
    const post = worker.postMessage.bind(worker);
    worker.postMessage = (message: { kind: string; paths?: string[] }) => {
      if (message.kind === "files") batches.push(message.paths!);
      post(message);
    };
    const plan = { fileRules: [], plans: new Map(), reviewed: () => true, shared: [] };
    const slowly = async () => {
      await new Promise((resolve) => setTimeout(resolve, 20));
      return { findings: [], facts: [] };
    };
    const lost = new Promise<Error>(() => {});
    await passAcrossThreads(snapshot, snapshot.files, plan, [{ worker, lost }], slowly);
    expect(batches[0]).toHaveLength(4);
    expect(batches.at(-1)).toHaveLength(1);
    expect(batches.map((b) => b.length)).toEqual([...batches.map((b) => b.length)].sort((a, b) => b - a));
  }, 60_000);
});
