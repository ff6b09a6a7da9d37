// Entry point of the `learnloop` command: runs main and turns unexpected crashes into one line.
import { MODEL_TRACING_ENV } from "@learnloop/core";
import { useBundledGrammars } from "./grammars.js";
import { main } from "./main.js";

useBundledGrammars();

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
