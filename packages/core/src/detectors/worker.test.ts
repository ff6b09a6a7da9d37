import { MessageChannel } from "node:worker_threads";
import { afterEach, describe, expect, it, vi } from "vitest";
import { snapshotOf } from "../testing/memory-fs.js";
import { sharedCensuses } from "./lib/needles.js";
import { DETECTORS } from "./registry.js";
import { printDebugging } from "./rules/observability/print-debugging.js";
import { gatePrefilters } from "./run.js";
import { serveDetectorWorker, type WorkerReply, type WorkerRequest } from "./worker.js";

// A module that prints in a function: print-debugging reports it only if another module imports it, which the
// repo's import index (print-debugging's shared answer) says.
const MODULE = "import os\n\ndef cwd():\n    print(os.getcwd())\n    return os.getcwd()\n";

describe("detector worker", () => {
  afterEach(() => {
    vi.restoreAllMocks();
  });

  /** Serves a worker on this thread, starts it with these shared answers, and waits for its first batch's answer. */
  async function serveWith(shared: [string, unknown][]): Promise<WorkerReply> {
    const snapshot = await snapshotOf({ "app/main.py": MODULE });
    gatePrefilters(DETECTORS);
    const { port1, port2 } = new MessageChannel();
    serveDetectorWorker(port1);
    const send = (request: WorkerRequest) => port2.postMessage(request);
    const reply = new Promise<WorkerReply>((resolve) => port2.once("message", resolve));
    send({ kind: "snapshot", snapshot, censuses: sharedCensuses(snapshot.files.length) });
    send({ kind: "start", ruleIds: [printDebugging.meta.id], plans: [], reviewed: ["app/main.py"], shared });
    send({ kind: "files", paths: ["app/main.py"] });
    try {
      return await reply;
    } finally {
      port1.close();
      port2.close();
    }
  }

  it("reads the shared answers the calling thread worked out, instead of working them out again", async () => {
    const compute = vi.spyOn(printDebugging.shared!, "compute");
    const imports = { modules: new Set(["app", "app.main"]), fromNames: new Set(), byFolder: new Map() };
    const reply = await serveWith([[printDebugging.shared!.key, imports]]);
    expect(compute).not.toHaveBeenCalled();
    expect("findings" in reply && reply.findings.map((f) => [f.ruleId, f.line])).toEqual([
      [printDebugging.meta.id, 4],
    ]);
  });

  it("works an answer out itself when none came (the index then shows nobody imports the module)", async () => {
    const compute = vi.spyOn(printDebugging.shared!, "compute");
    const reply = await serveWith([]);
    expect(compute).toHaveBeenCalledTimes(1);
    expect(reply).toEqual({ findings: [], facts: [] });
  });
});
