// Prompt tokens per mentor review, printed beside the budget: the bundled example and a 10-file PR.
// Runs ChatOpenAI over HTTP against the local fake OpenAI server (one tool call, then an answer), so the
// figures are what a real provider would be sent; tokens are counted by the server with o200k.
// Usage: pnpm --filter @learnloop/bench llm [model]
import { fileURLToPath } from "node:url";
import {
  AGENT_DEFAULTS,
  costUsd,
  loadDirectory,
  modelProfile,
  nodeFileSystem,
  openAIAgent,
  review,
  type Snapshot,
} from "@learnloop/core";
import { startFakeOpenAI, text, toolCall } from "@learnloop/fake-openai";

const EXAMPLE = fileURLToPath(new URL("../examples/bylaws-bot", import.meta.url));
const CORE_SRC = fileURLToPath(new URL("../packages/core/src", import.meta.url));
const MODEL = process.argv[2] ?? "gpt-4o-mini";

async function load(dir: string, name: string): Promise<Snapshot> {
  const loaded = await loadDirectory(dir, { fs: nodeFileSystem, name });
  if (!loaded.ok) throw new Error(loaded.error.message);
  return loaded.value;
}

async function measure(label: string, snapshot: Snapshot, readPath: string) {
  const server = await startFakeOpenAI({
    script: [toolCall("read_file", { path: readPath, startLine: 1, endLine: 60 }), text('{"findings": []}')],
  });
  try {
    const agent = openAIAgent({ apiKey: "sk-bench", baseUrl: server.url, model: MODEL });
    const report = await review(snapshot, { agent });
    const llm = report.stats.llm!;
    const sent = server.modelRequests().map((r) => r.promptTokens ?? 0);
    const profile = modelProfile(MODEL);
    console.log(
      [
        `${label}:`,
        `  first prompt ${sent[0]} tokens, largest ${Math.max(...sent)} (budget ${llm.promptBudget}, ${((100 * Math.max(...sent)) / llm.promptBudget!).toFixed(0)}%), ${sent.length} calls, ${sent.reduce((a, b) => a + b, 0)} prompt tokens in all (cap ${AGENT_DEFAULTS.maxTotalTokens})`,
        `  reported: ${llm.promptTokens} prompt + ${llm.completionTokens} completion, est. $${costUsd(profile, llm.promptTokens, llm.completionTokens).toFixed(4)} on ${MODEL}`,
        `  left out of the prompt: ${llm.leftOut?.length ?? 0}${llm.leftOut?.length ? ` (${llm.leftOut.slice(0, 4).join(", ")}…)` : ""}; skipped: ${llm.skippedReason ?? "no"}`,
      ].join("\n"),
    );
  } finally {
    await server.close();
  }
}

const example = await load(EXAMPLE, "examples/bylaws-bot");
await measure(`examples/bylaws-bot, whole repo (${example.files.length} files)`, example, "bot.py");

// A 10-file PR inside a real tree (learnloop's own core): 10 files, 25 added lines each.
const core = await load(CORE_SRC, "packages/core/src");
const changed = core.files
  .filter((f) => f.path.endsWith(".ts") && !f.path.includes(".test.") && f.lines.length > 60)
  .slice(0, 10);
core.changes = changed.map((f) => ({
  path: f.path,
  status: "modified" as const,
  addedLines: new Set(Array.from({ length: 25 }, (_, i) => 20 + i)),
}));
await measure(
  `10-file PR in packages/core/src (${core.files.length} files in the tree)`,
  core,
  changed[0]!.path,
);
