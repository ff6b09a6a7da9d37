// Entry point of the `learnloop` command: runs main and turns unexpected crashes into one line.
// The same file serves as the detector worker of parallel reviews (see parallel.ts).
import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { isMainThread, parentPort, workerData } from "node:worker_threads";
import { MODEL_TRACING_ENV, serveDetectorWorker, setGrammarDirectory } from "@learnloop/core";
import { main } from "./main.js";
import { WORKER_FLAG } from "./parallel.js";

// The published bundle carries the tree-sitter grammars beside it; from source they come from node_modules.
const bundledGrammars = fileURLToPath(new URL("./grammars/", import.meta.url));
if (existsSync(bundledGrammars)) setGrammarDirectory(bundledGrammars);

if (!isMainThread && parentPort && workerData?.[WORKER_FLAG]) {
  serveDetectorWorker(parentPort);
} else {
  process.stdout.on("error", (error: NodeJS.ErrnoException) => {
    // The reader went away (`learnloop review | head`): nothing left to say to it.
    if (error.code === "EPIPE") process.exit(0);
    throw error;
  });

  // LangChain reads these from the process itself: with them set, the mentor's prompts would leave for LangSmith.
  for (const name of MODEL_TRACING_ENV) delete process.env[name];
  try {
    process.exitCode = await main(process.argv.slice(2), {
      stdout: process.stdout,
      stderr: process.stderr,
      cwd: process.cwd(),
      env: process.env,
    });
  } catch (error) {
    const detail = process.env.LEARNLOOP_DEBUG ? (error as Error).stack : (error as Error).message;
    process.stderr.write(
      `learnloop: internal error: ${detail} (this is a bug in learnloop, please report it; LEARNLOOP_DEBUG=1 shows details)\n`,
    );
    process.exitCode = 70;
  }
}
