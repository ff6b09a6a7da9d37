// The learnloop command line: parses arguments, runs a command, returns the exit code.
import { Command, CommanderError, Option } from "commander";
import { GOALS_FORMATS, type GoalsFlags } from "./goals-flags.js";
import type { Io } from "./io.js";
import { FORMATS, type ReviewFlags, reviewCommand } from "./review-command.js";
import { type RulesFormat, rulesCommand } from "./rules-command.js";
import { VERSION } from "./version.js";

export const EXIT = { ok: 0, failed: 1, usage: 2 } as const;

export async function main(argv: readonly string[], io: Io): Promise<number> {
  let exitCode: number = EXIT.ok;
  const error = (message: string) => io.stderr.write(`learnloop: ${message}\n`);

  const program = new Command("learnloop")
    .description(
      "A mentor for AI-engineering projects: reviews a repository for gaps in engineering fundamentals.",
    )
    .version(VERSION, "-v, --version")
    .exitOverride()
    .configureOutput({
      writeOut: (s) => io.stdout.write(s),
      writeErr: (s) => io.stderr.write(s),
      outputError: (s) =>
        error(
          s
            .replace(/^error: /, "")
            .replace(/\s*\n\s*/g, " ")
            .trim(),
        ),
    })
    .showSuggestionAfterError(true);

  program
    .command("review")
    .description("Review a project folder (default: the current folder) for fundamentals gaps")
    .argument("[dir]", "the project folder to review")
    .addOption(new Option("-f, --format <format>", "output format").choices(FORMATS).default("text"))
    .option("-b, --base <ref>", "review only what changed since this git ref (as a pull request would)")
    .option("-c, --config <file>", "config file (default: <dir>/.github/learnloop.yml)")
    .option("-q, --quiet", "print only the findings and the summary line, no progress", false)
    .option(
      "-m, --model <name>",
      "the LLM mentor's model (default gpt-4o-mini); needs OPENAI_API_KEY or OPENAI_BASE_URL",
    )
    .option("--no-llm", "detectors only: do not ask the LLM mentor even when a key is set")
    .addHelpText(
      "after",
      [
        "",
        "Examples:",
        "  learnloop review                       review the current folder",
        "  learnloop review ../rag-bot -f markdown > review.md",
        "  learnloop review . --base main         only what this branch changed since main",
        "  learnloop review . --format json | jq '.findings[].message'",
        "  OPENAI_API_KEY=sk-... learnloop review . --model gpt-4.1-mini",
        "  OPENAI_BASE_URL=http://localhost:11434/v1 learnloop review . --model llama3.1   (Ollama)",
        "",
        "The LLM mentor runs when OPENAI_API_KEY or OPENAI_BASE_URL is set (any OpenAI-compatible server);",
        "if it fails, the review goes on with the detectors and says why.",
      ].join("\n"),
    )
    .action(async (dir: string | undefined, flags: ReviewFlags) => {
      const result = await reviewCommand(dir, flags, io);
      if (result.ok) io.stdout.write(result.value);
      else {
        error(result.error.message);
        exitCode = EXIT.failed;
      }
    });

  program
    .command("goals")
    .description("Print the specific goals a review of the folder proposes, or keep them in a goals file")
    .argument("[dir]", "the project folder to review")
    .option(
      "-g, --goals-file <file>",
      "keep the goals in this Markdown file (created, then merged; your edits are kept)",
    )
    .addOption(new Option("-f, --format <format>", "output format").choices(GOALS_FORMATS).default("text"))
    .option("-c, --config <file>", "config file (default: <dir>/.github/learnloop.yml)")
    .option("-q, --quiet", "no progress on the terminal", false)
    .option(
      "-m, --model <name>",
      "the model that may sharpen vague goals; needs OPENAI_API_KEY or OPENAI_BASE_URL",
    )
    .option("--no-llm", "rewrite vague goals with learnloop's own rules only, even when a key is set")
    .addHelpText(
      "after",
      [
        "",
        "Examples:",
        "  learnloop goals                         goals for the current folder",
        "  learnloop goals . --goals-file GOALS.md  keep them in GOALS.md, as the learning-goals issue does",
        "",
        "With OPENAI_API_KEY or OPENAI_BASE_URL set, one short model call may sharpen the suggested rewrite of a",
        "vague outcome or goal; if it fails, learnloop's own rewrite is kept. --no-llm skips the call.",
      ].join("\n"),
    )
    .action(async (dir: string | undefined, flags: GoalsFlags) => {
      const { goalsCommand } = await import("./goals-command.js");
      const result = await goalsCommand(dir, flags, io);
      if (result.ok) io.stdout.write(result.value);
      else {
        error(result.error.message);
        exitCode = EXIT.failed;
      }
    });

  program
    .command("rules")
    .description("List the rules learnloop checks, or show one rule in full")
    .argument("[id]", "a rule id, e.g. testing/missing-tests")
    .addOption(new Option("-f, --format <format>", "output format").choices(["text", "json"]).default("text"))
    .action((id: string | undefined, flags: { format: RulesFormat }) => {
      const result = rulesCommand(id, flags.format);
      if (result.ok) io.stdout.write(result.value);
      else {
        error(result.error.message);
        exitCode = EXIT.failed;
      }
    });

  try {
    await program.parseAsync(argv, { from: "user" });
  } catch (e) {
    if (!(e instanceof CommanderError)) throw e;
    const helpOrVersion = ["commander.helpDisplayed", "commander.version", "commander.help"].includes(e.code);
    return helpOrVersion ? EXIT.ok : e.code === "commander.executeSubCommandAsync" ? EXIT.failed : EXIT.usage;
  }
  return exitCode;
}
