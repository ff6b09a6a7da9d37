// What a detector worker thread loads of the engine, and no more (not the report schemas, the config reader or the
// mentor): the less code a worker compiles, the sooner it helps with a review.
export { serveDetectorWorker } from "./detectors/worker.js";
export { setGrammarDirectory } from "./parse/tree-sitter.js";
