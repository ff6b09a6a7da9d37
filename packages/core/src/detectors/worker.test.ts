import { MessageChannel } from "node:worker_threads";
import { afterEach, describe, expect, it, vi } from "vitest";
import { snapshotOf } from "../testing/memory-fs.js";
import { sharedCensuses } from "./lib/needles.js";
import { DETECTORS } from "./registry.js";
import { printDebugging } from "./rules/observability/print-debugging.js";
import { gatePrefilters } from "./run.js";
import { serveDetectorWorker, type WorkerReply, type WorkerRequest } from "./worker.js";

describe("detector worker", () => {
  afterEach(() => {
    vi.restoreAllMocks();
  });

  /** Serves a worker on this thread, sends it a snapshot for these rules, and waits for its first batch's answer. */
  async function serveFor(ruleIds: string[]): Promise<WorkerReply> {
    const snapshot = await snapshotOf({ "app/main.py": "import os\nprint(os.getcwd())\n" });
    gatePrefilters(DETECTORS);
    const { port1, port2 } = new MessageChannel();
    serveDetectorWorker(port1);
    const send = (request: WorkerRequest) => port2.postMessage(request);
    const reply = new Promise<WorkerReply>((resolve) => port2.once("message", resolve));
    send({ kind: "snapshot", snapshot, censuses: sharedCensuses(snapshot.files.length), ruleIds });
    send({ kind: "start", ruleIds, plans: [], reviewed: ["app/main.py"] });
    send({ kind: "files", paths: ["app/main.py"] });
    try {
      return await reply;
    } finally {
      port1.close();
      port2.close();
    }
  }

  it("prepares the file rules the review runs", async () => {
    const prepare = vi.spyOn(printDebugging, "prepare");
    const reply = await serveFor([printDebugging.meta.id]);
    expect(reply).not.toHaveProperty("error");
    expect(prepare).toHaveBeenCalledTimes(1);
  });

  it("does not prepare a rule the config turned off (its repo-wide reading is not done for nothing)", async () => {
    const prepare = vi.spyOn(printDebugging, "prepare");
    const reply = await serveFor(["code-quality/bare-except"]);
    expect(reply).toEqual({ findings: [], facts: [] });
    expect(prepare).not.toHaveBeenCalled();
  });
});
