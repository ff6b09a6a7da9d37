// One repo of the eval: the review as the CLI runs it with the mentor on (scripted on the fake server, or a real
// provider), scored against the labels for the detectors' findings, the mentor's and both together.

import { review } from "@learnloop/core";
import { openAIAgent } from "@learnloop/core/llm";
import { startFakeOpenAI, times } from "@learnloop/fake-openai";
import type { CorpusRepo } from "./labels.js";
import { oracleModel } from "./oracle.js";
import { type ScoreDetail, score } from "./score.js";

/** The scripted model answers as gpt-4o-mini would be billed, so the cost column is a real-world figure. */
export const SCRIPTED_MODEL = "gpt-4o-mini";

export interface ProviderSettings {
  apiKey: string;
  /** An OpenAI-compatible base URL, or null for api.openai.com. */
  baseUrl: string | null;
  model: string;
}

export type Provider = { kind: "scripted" } | ({ kind: "real" } & ProviderSettings);

export interface RepoResult {
  repo: string;
  detectors: ScoreDetail;
  llm: ScoreDetail;
  combined: ScoreDetail;
  promptTokens: number;
  completionTokens: number;
  costUsd: number;
  dropped: number;
  moved: number;
  /** Requests that reached the model (known only on the fake server). */
  calls: number | null;
  skippedReason: string | null;
  /** Requests the fake server would have rejected or could not answer (scripted mode). */
  problems: string[];
  ms: number;
}

export async function evalRepo(repo: CorpusRepo, provider: Provider): Promise<RepoResult> {
  const started = performance.now();
  const server =
    provider.kind === "scripted" ? await startFakeOpenAI({ script: times(12, oracleModel(repo)) }) : null;
  try {
    const settings: ProviderSettings =
      provider.kind === "scripted"
        ? { apiKey: "sk-eval-scripted", baseUrl: server!.url, model: SCRIPTED_MODEL }
        : provider;
    const report = await review(repo.snapshot, { agent: openAIAgent(settings) });
    const llm = report.stats.llm;
    if (!llm) throw new Error("the review ran without the mentor although an agent was given");
    return {
      repo: repo.name,
      detectors: score(
        report.findings.filter((f) => f.source === "detector"),
        repo.expected,
      ),
      llm: score(
        report.findings.filter((f) => f.source === "llm"),
        repo.expected,
      ),
      combined: score(report.findings, repo.expected),
      promptTokens: llm.promptTokens,
      completionTokens: llm.completionTokens,
      costUsd: llm.costUsd,
      dropped: llm.dropped,
      moved: llm.moved,
      calls: server ? server.modelRequests().length : null,
      skippedReason: llm.skippedReason,
      problems: server ? server.problems.map((p) => `[${p.kind}] ${p.message}`) : [],
      ms: Math.round(performance.now() - started),
    };
  } finally {
    await server?.close();
  }
}
