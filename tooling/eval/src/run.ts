// One repo of the eval: the detectors' review, then the mentor agent (scripted on the fake server, or a real
// provider), each scored against the labels, with the tokens and cost the agent reports.

import { type Finding, review } from "@learnloop/core";
import { startFakeOpenAI, times } from "@learnloop/fake-openai";
import { chatModel, type ProviderSettings, runAgent } from "./agent-api.js";
import type { CorpusRepo } from "./labels.js";
import { oracleModel } from "./oracle.js";
import { type Score, score } from "./score.js";

/** The scripted model answers as gpt-4o-mini would be billed, so the cost column is a real-world figure. */
export const SCRIPTED_MODEL = "gpt-4o-mini";

export type Provider = { kind: "scripted" } | ({ kind: "real" } & ProviderSettings);

export interface RepoResult {
  repo: string;
  detectors: Score;
  llm: Score;
  combined: Score;
  promptTokens: number;
  completionTokens: number;
  costUsd: number;
  dropped: number;
  moved: number;
  /** Requests the agent sent to the model. */
  calls: number;
  skippedReason: string | null;
  /** Requests the fake server would have rejected or could not answer (scripted mode). */
  problems: string[];
  ms: number;
}

export async function evalRepo(repo: CorpusRepo, provider: Provider): Promise<RepoResult> {
  const started = performance.now();
  const report = await review(repo.snapshot);
  const detected = report.findings;
  const server =
    provider.kind === "scripted" ? await startFakeOpenAI({ script: times(12, oracleModel(repo)) }) : null;
  try {
    let calls = 0;
    const settings: ProviderSettings = {
      ...(provider.kind === "scripted"
        ? { apiKey: "sk-eval-scripted", baseUrl: server!.url, model: SCRIPTED_MODEL }
        : provider),
      onRequest: () => void calls++,
    };
    const result = await runAgent(repo.snapshot, detected, {
      model: chatModel(settings),
      modelName: settings.model,
    });
    const llm: Finding[] = result.findings;
    return {
      repo: repo.name,
      detectors: score(detected, repo.expected),
      llm: score(llm, repo.expected),
      combined: score([...detected, ...llm], repo.expected),
      promptTokens: result.stats.promptTokens,
      completionTokens: result.stats.completionTokens,
      costUsd: result.stats.costUsd,
      dropped: result.stats.dropped,
      moved: result.stats.moved,
      calls,
      skippedReason: result.stats.skippedReason,
      problems: server ? server.problems.map((p) => `[${p.kind}] ${p.message}`) : [],
      ms: Math.round(performance.now() - started),
    };
  } finally {
    await server?.close();
  }
}
