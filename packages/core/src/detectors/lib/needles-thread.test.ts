// A worker's copy of needles.ts, as a new thread has it: a file of its own, since the copy comes from resetting the
// module registry (later imports in the same file would load fresh copies of everything).
import { describe, expect, it, vi } from "vitest";
import { snapshotOf } from "../../testing/memory-fs.js";
import { countShared, literalSet, sharedCensuses } from "./needles.js";

describe("censuses shared with a new thread", () => {
  it("lends the calling thread's automaton to a thread that has none yet, which then builds none", async () => {
    const files = (await snapshotOf({ "a.py": "import openai\n", "b.py": "import torch\n" })).files;
    literalSet(["openai", "torch"]);
    const table = sharedCensuses(files.length);
    // A worker's own copy of this module: its literal ids and automaton start empty, as in a new thread.
    vi.resetModules();
    const worker = await import("./needles.js");
    worker.countShared(files, table, "back");
    expect(worker.automatonBuilds()).toBe(0);
    expect([...table.claims.subarray(0, files.length)]).toEqual([2, 2]);
    // The same bits as the calling thread's own automaton counts.
    const own = sharedCensuses(files.length);
    countShared(files, own, "front");
    expect([...table.bits]).toEqual([...own.bits]);
    expect([...table.bits].some((word) => word !== 0)).toBe(true);
  });
});
