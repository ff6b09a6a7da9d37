// Prompt tokens per review of the LLM mentor, printed beside its budget: the example repo (full review), a
// 10-file PR inside a ~110-file tree (all of the labelled corpus), and that tree reviewed whole (more than fits).
// The model is scripted on the local fake OpenAI server (it lists, reads two files, answers), so the figures are
// what learnloop itself puts in the prompts, counted by the server with a real tokenizer (o200k).
// Run: pnpm --filter @learnloop/bench llm [model]   (the model only changes the price and the context window)
import { fileURLToPath } from "node:url";
import {
  type ChangedFile,
  loadDirectory,
  modelProfile,
  nodeFileSystem,
  review,
  type Snapshot,
} from "@learnloop/core";
import { AGENT_DEFAULTS, openAIAgent } from "@learnloop/core/llm";
import { json, type StepFunction, startFakeOpenAI, times, toolCalls } from "@learnloop/fake-openai";

const EXAMPLE = fileURLToPath(new URL("../examples/bylaws-bot", import.meta.url));
const CORPUS = fileURLToPath(new URL("../packages/core/fixtures/corpus", import.meta.url));
const MODEL = process.argv[2] ?? "gpt-4o-mini";
const PR_FILES = 10;
/** Lines each changed file of the PR adds (from its top): a typical edit, not a whole-file rewrite. */
const PR_ADDED_LINES = 30;

async function load(dir: string): Promise<Snapshot> {
  const loaded = await loadDirectory(dir, { fs: nodeFileSystem });
  if (!loaded.ok) throw new Error(loaded.error.message);
  return loaded.value;
}

/** The corpus as one tree with 10 of its source files changed. */
async function tenFilePullRequest(): Promise<Snapshot> {
  const snapshot = await load(CORPUS);
  const sources = snapshot.files
    .filter((f) => /\.(py|ts|js)$/.test(f.path) && f.lines.length >= 10)
    .sort((a, b) => a.path.localeCompare(b.path));
  const step = Math.max(1, Math.floor(sources.length / PR_FILES));
  const changes: ChangedFile[] = sources
    .filter((_, i) => i % step === 0)
    .slice(0, PR_FILES)
    .map((f) => ({
      path: f.path,
      status: "modified",
      addedLines: new Set(Array.from({ length: Math.min(PR_ADDED_LINES, f.lines.length) }, (_, i) => i + 1)),
    }));
  return { ...snapshot, changes };
}

/** Turn 1: list and detector findings; turn 2: read two files (diffs in PR mode); then an empty answer. */
function scriptedReader(snapshot: Snapshot): StepFunction {
  const targets = (snapshot.changes?.map((c) => c.path) ?? snapshot.files.map((f) => f.path)).slice(0, 2);
  return (request) => {
    const turn = ((request.body.messages ?? []) as { role: string }[]).filter(
      (m) => m.role === "assistant",
    ).length;
    const tools = Array.isArray(request.body.tools) && request.body.tool_choice !== "none";
    if (tools && turn === 0)
      return toolCalls([
        { name: "list_files", arguments: {} },
        { name: "detector_findings", arguments: {} },
      ]);
    if (tools && turn === 1)
      return toolCalls(
        targets.map((path) =>
          snapshot.changes
            ? { name: "read_diff", arguments: { path } }
            : { name: "read_file", arguments: { path, startLine: 1, endLine: 200 } },
        ),
      );
    return json({ findings: [] });
  };
}

async function measure(label: string, snapshot: Snapshot): Promise<void> {
  const server = await startFakeOpenAI({ script: times(12, scriptedReader(snapshot)) });
  try {
    const report = await review(snapshot, {
      agent: openAIAgent({ apiKey: "sk-bench", baseUrl: server.url, model: MODEL }),
    });
    server.assertNoProblems();
    const llm = report.stats.llm!;
    const calls = server.modelRequests();
    const prompts = calls.map((r) => r.promptTokens ?? 0);
    const withTools = calls.filter((r) => {
      const body = r.body as { tools?: unknown[]; tool_choice?: unknown };
      return Array.isArray(body.tools) && body.tool_choice !== "none";
    }).length;
    const budget = llm.promptBudget ?? AGENT_DEFAULTS.maxPromptTokens;
    const pct = (n: number, of: number) => `${((100 * n) / of).toFixed(0)}%`;
    const bytes = snapshot.files.reduce((s, f) => s + f.bytes, 0);
    console.log(
      `\n${label}: ${snapshot.files.length} files, ${bytes} bytes${snapshot.changes ? `, ${snapshot.changes.length} changed` : ""}`,
    );
    console.log(
      `  prompts (tokens, per model call): ${prompts.join(", ")} (${calls.length} calls, ${withTools} offering tools)`,
    );
    console.log(
      `  largest prompt: ${Math.max(...prompts)} of a ${budget}-token prompt budget (${pct(Math.max(...prompts), budget)}); context window ${modelProfile(MODEL).contextWindow}`,
    );
    console.log(
      `  whole review: ${llm.promptTokens} prompt + ${llm.completionTokens} completion tokens of a ${AGENT_DEFAULTS.maxTotalTokens}-token review budget (${pct(llm.promptTokens + llm.completionTokens, AGENT_DEFAULTS.maxTotalTokens)}), est. $${llm.costUsd.toFixed(4)} on ${MODEL}`,
    );
    console.log(
      `  left out of the first prompt: ${llm.leftOut?.length ? `${llm.leftOut.length} (${llm.leftOut.slice(0, 5).join(", ")}${llm.leftOut.length > 5 ? ", …" : ""})` : "nothing"}`,
    );
    if (llm.skippedReason) console.log(`  mentor skipped: ${llm.skippedReason}`);
  } finally {
    await server.close();
  }
}

await measure("example repo (examples/bylaws-bot), full review", await load(EXAMPLE));
await measure(
  `${PR_FILES}-file PR (${PR_ADDED_LINES} added lines each) in the labelled corpus tree`,
  await tenFilePullRequest(),
);
await measure(
  "the whole corpus tree as one repo, full review (larger than the prompt budget)",
  await load(CORPUS),
);
