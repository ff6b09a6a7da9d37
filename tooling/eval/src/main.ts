// `pnpm eval`: the LLM mentor over the labelled corpus, per repo: precision and recall of the mentor's findings
// and of the combined review, prompt and completion tokens, estimated cost. Against a scripted model on a local
// fake OpenAI server by default; against a real provider when OPENAI_API_KEY (and/or OPENAI_BASE_URL) is set.
// Usage: pnpm eval [--set corpus|corpus-heldout|corpus-blind2] [--model <name>] [--repo <name>]... [--scripted]
//                  [--misses] [--json]
//   --set picks the labelled set (default: corpus, the tuning set; the other two were labelled blind);
//   --misses lists, per repo, the findings that matched no label and the labels the review missed;
//   --json prints every repo's result (scores with their unmatched findings and missed labels) as JSON instead.

import { parseArgs } from "node:util";
import { modelProfile } from "@learnloop/core";
import { CORPUS_SETS, type CorpusSet, corpusRepoNames, loadCorpusRepo } from "./labels.js";
import { evalRepo, type Provider, type RepoResult, SCRIPTED_MODEL } from "./run.js";
import { renderMisses, renderTable } from "./table.js";

const DEFAULT_REAL_MODEL = "gpt-4o-mini";

/** The report goes to stdout; progress and problems to stderr. */
const say = (text: string) => process.stdout.write(`${text}\n`);

function providerFromEnvironment(values: { model?: string; scripted?: boolean }): Provider {
  const apiKey = process.env.OPENAI_API_KEY?.trim();
  const baseUrl = process.env.OPENAI_BASE_URL?.trim() || null;
  if (values.scripted || (!apiKey && !baseUrl)) return { kind: "scripted" };
  // Local OpenAI-compatible servers (Ollama, vLLM, LM Studio) take any key, but the SDK insists on one.
  return { kind: "real", apiKey: apiKey || "not-needed", baseUrl, model: values.model ?? DEFAULT_REAL_MODEL };
}

const OPTIONS = {
  set: { type: "string" },
  model: { type: "string" },
  repo: { type: "string", multiple: true },
  scripted: { type: "boolean" },
  misses: { type: "boolean" },
  json: { type: "boolean" },
} as const;

async function main(): Promise<void> {
  let values: ReturnType<typeof parseArgs<{ options: typeof OPTIONS }>>["values"];
  try {
    values = parseArgs({ options: OPTIONS }).values;
  } catch (error) {
    // A mistyped option is the user's mistake: one line, no stack.
    console.error(`eval: ${(error as Error).message}`);
    process.exitCode = 2;
    return;
  }
  const set = (values.set ?? "corpus") as CorpusSet;
  if (!CORPUS_SETS.includes(set)) {
    console.error(`eval: no labelled set named ${values.set}; there are: ${CORPUS_SETS.join(", ")}`);
    process.exitCode = 2;
    return;
  }
  const provider = providerFromEnvironment(values);
  const names = corpusRepoNames(set).filter((n) => !values.repo || values.repo.includes(n));
  if (names.length === 0) {
    console.error(
      `eval: no repo named ${values.repo?.join(", ")} in ${set}; there are: ${corpusRepoNames(set).join(", ")}`,
    );
    process.exitCode = 2;
    return;
  }
  const model = provider.kind === "scripted" ? SCRIPTED_MODEL : provider.model;
  const priced = modelProfile(model).inputPerMillion !== null;
  const sayHeader = values.json ? () => {} : say;
  sayHeader(
    provider.kind === "scripted"
      ? `learnloop eval: scripted oracle model on a local fake OpenAI server, billed as ${model}.\n` +
          "It answers with the labels themselves (one cited at the wrong line, two ungroundable): the figures measure\n" +
          "the pipeline (grounding, merge, budgets, token accounting), not a model. Set OPENAI_API_KEY to measure one."
      : `learnloop eval: model ${model} at ${provider.baseUrl ?? "https://api.openai.com/v1"}${priced ? "" : " (price unknown: cost n/a)"}.`,
  );
  sayHeader(
    `${names.length} repos from packages/core/fixtures/${set}; P/R = precision/recall of gap findings.\n`,
  );
  const results: RepoResult[] = [];
  for (const name of names) {
    const result = await evalRepo(await loadCorpusRepo(name, set), provider);
    results.push(result);
    console.error(`  ${name}: ${result.calls ?? "?"} model call(s), ${result.ms} ms`);
    for (const problem of result.problems) console.error(`    fake server: ${problem}`);
  }
  if (values.json) {
    say(
      JSON.stringify(
        {
          mode: provider.kind,
          model,
          baseUrl: provider.kind === "real" ? provider.baseUrl : null,
          repos: results,
        },
        null,
        2,
      ),
    );
    return;
  }
  say(renderTable(results, priced));
  if (values.misses) say(renderMisses(results));
}

main().catch((error: unknown) => {
  console.error(`eval failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
  process.exitCode = 1;
});
