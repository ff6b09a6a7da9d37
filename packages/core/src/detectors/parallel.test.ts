import { Worker } from "node:worker_threads";
import { describe, expect, it } from "vitest";
import { review } from "../review.js";
import { snapshotOf } from "../testing/memory-fs.js";

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
});
