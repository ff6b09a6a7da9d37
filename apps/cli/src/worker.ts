// Entry point of the detector worker of parallel reviews (see parallel.ts): a bundle of its own, holding the
// detectors and not the command line, so a worker has less code to compile before it helps.
import { parentPort } from "node:worker_threads";
import { serveDetectorWorker } from "@learnloop/core/detector-worker";
import { useBundledGrammars } from "./grammars.js";

if (!parentPort) throw new Error("learnloop's detector worker runs only as a worker thread");
useBundledGrammars();
serveDetectorWorker(parentPort);
