// Entry point of the detector worker of parallel reviews (see parallel.ts): a bundle of its own, holding the
// detectors and not the command line, so a worker has less code to compile before it helps.
import { parentPort } from "node:worker_threads";
import { serveDetectorWorker } from "@learnloop/core/detector-worker";
import { useBundledGrammars } from "./grammars.js";

if (parentPort) {
  useBundledGrammars();
  serveDetectorWorker(parentPort);
} else {
  // Run by hand (`node dist/worker.js`): say what it is, in one line.
  process.stderr.write(
    "learnloop: worker.js is started by `learnloop review`; run `learnloop review [dir]`\n",
  );
  process.exitCode = 2;
}
