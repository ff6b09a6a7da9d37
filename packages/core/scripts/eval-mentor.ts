// `pnpm eval`: the mentor over the labelled corpus (fixtures/corpus), with precision, recall, tokens and cost per repo.
// Default: a scripted model on the local fake OpenAI server that answers with the labels (plus one invented
// finding per repo), which measures the pipeline (grounding, merging, budget) and the prompt size for free.
// With OPENAI_API_KEY or OPENAI_BASE_URL set: the real provider, so you can measure a model before trusting it.
// Usage: pnpm eval [model]
import { readdirSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { type FakeOpenAI, startFakeOpenAI, text, toolCall } from "@learnloop/fake-openai";
import { openAIAgent } from "../src/agent/openai-model.js";
import type { Area, Finding } from "../src/report/contract.js";
import { review } from "../src/review.js";
import { nodeFileSystem } from "../src/snapshot/file-system.js";
import { loadDirectory } from "../src/snapshot/load-directory.js";
import type { Snapshot } from "../src/snapshot/types.js";

const CORPUS = fileURLToPath(new URL("../fixtures/corpus", import.meta.url));
const LINE_TOLERANCE = 2;
const model = process.argv[2] ?? "gpt-4o-mini";
const apiKey = process.env.OPENAI_API_KEY?.trim() || null;
const baseUrl = process.env.OPENAI_BASE_URL?.trim() || null;
const real = Boolean(apiKey || baseUrl);

interface Label {
  area: Area;
  file: string | null;
  line: number | null;
  why: string;
}
interface Expected {
  findings: Label[];
  quiet: Area[];
}

/** Greedy one-to-one matching on area, file and line (within the corpus test's tolerance). */
function score(findings: readonly Finding[], expected: Expected) {
  const gaps = findings.filter((f) => f.level !== "celebratory");
  const free = new Set(expected.findings.map((_, i) => i));
  let tp = 0;
  for (const g of gaps) {
    if (expected.quiet.includes(g.area)) continue;
    const hit = [...free].find((i) => {
      const l = expected.findings[i]!;
      if (l.area !== g.area || l.file !== g.file) return false;
      if (l.line === null || g.line === null) return l.line === g.line;
      return Math.abs(l.line - g.line) <= LINE_TOLERANCE;
    });
    if (hit !== undefined) {
      free.delete(hit);
      tp++;
    }
  }
  return { tp, fp: gaps.length - tp, fn: free.size };
}

const ratio = (a: number, b: number) => (b === 0 ? "  -  " : (a / b).toFixed(2));

/** The scripted model: one tool call, then the labels as findings quoting their real lines, plus one invention. */
function oracle(snapshot: Snapshot, expected: Expected) {
  const findings = expected.findings.flatMap((l) => {
    const file = l.file ? snapshot.files.find((f) => f.path === l.file) : undefined;
    const quote = file && l.line ? file.lines[l.line - 1]?.trim() : undefined;
    if (!quote || quote.length < 6) return [];
    return [
      {
        area: l.area,
        level: "actionable",
        file: l.file,
        line: l.line,
        quote,
        message: l.why,
        why: l.why,
        tryThis: "Try one small change.",
      },
    ];
  });
  const first = snapshot.files[0]!;
  findings.push({
    ...findings[0],
    area: "security",
    file: first.path,
    line: 1,
    quote: "eval(user_input)  # invented",
    message: "An invented finding.",
    why: "x",
    tryThis: "x",
  } as (typeof findings)[number]);
  return [toolCall("list_files", {}), text(JSON.stringify({ findings }))];
}

const rows: string[] = [];
const totals = {
  det: { tp: 0, fp: 0, fn: 0 },
  all: { tp: 0, fp: 0, fn: 0 },
  prompt: 0,
  completion: 0,
  cost: 0,
};
let server: FakeOpenAI | null = null;
for (const repo of readdirSync(CORPUS).sort()) {
  const expected = JSON.parse(readFileSync(`${CORPUS}/${repo}/expected.json`, "utf8")) as Expected;
  const loaded = await loadDirectory(`${CORPUS}/${repo}`, {
    fs: nodeFileSystem,
    name: repo,
    ignore: ["expected.json"],
  });
  if (!loaded.ok) throw new Error(loaded.error.message);
  const snapshot = loaded.value;
  if (!real) server = await startFakeOpenAI({ script: oracle(snapshot, expected) });
  const agent = openAIAgent({
    apiKey: real ? apiKey : "sk-eval",
    baseUrl: real ? baseUrl : server!.url,
    model,
  });
  const detectorsOnly = await review(snapshot);
  const withMentor = await review(snapshot, { agent });
  await server?.close();
  const det = score(detectorsOnly.findings, expected);
  const all = score(withMentor.findings, expected);
  const llm = withMentor.stats.llm!;
  for (const k of ["tp", "fp", "fn"] as const) {
    totals.det[k] += det[k];
    totals.all[k] += all[k];
  }
  totals.prompt += llm.promptTokens;
  totals.completion += llm.completionTokens;
  totals.cost += llm.costUsd;
  const mentor = withMentor.findings.filter((f) => f.source === "llm").length;
  rows.push(
    [
      repo.padEnd(28),
      `${ratio(det.tp, det.tp + det.fp)} ${ratio(det.tp, det.tp + det.fn)}`,
      `${ratio(all.tp, all.tp + all.fp)} ${ratio(all.tp, all.tp + all.fn)}`,
      `${String(mentor).padStart(3)} ${String(llm.dropped).padStart(3)} ${String(llm.moved).padStart(3)}`,
      `${String(llm.promptTokens).padStart(7)} ${String(llm.completionTokens).padStart(6)}  $${llm.costUsd.toFixed(4)}`,
      llm.skippedReason ? `skipped: ${llm.skippedReason}` : "",
    ].join("  "),
  );
}

const t = totals;
process.stdout.write(
  [
    `mentor eval over ${rows.length} labelled repos · model ${model} · ${real ? `real provider${baseUrl ? ` at ${baseUrl}` : ""}` : "scripted (answers with the labels + 1 invented finding per repo)"}`,
    "",
    `${"repo".padEnd(28)}  detectors  +mentor    llm drop move   prompt  compl.  cost`,
    `${"".padEnd(28)}  P    R     P    R`,
    ...rows,
    "",
    `overall: detectors P ${ratio(t.det.tp, t.det.tp + t.det.fp)} R ${ratio(t.det.tp, t.det.tp + t.det.fn)} · with mentor P ${ratio(t.all.tp, t.all.tp + t.all.fp)} R ${ratio(t.all.tp, t.all.tp + t.all.fn)} · ${t.prompt} prompt + ${t.completion} completion tokens, $${t.cost.toFixed(4)}`,
    "",
  ].join("\n"),
);
