// The eval end to end on one corpus repo: the real agent and ChatOpenAI over HTTP to the fake server.

import { insufficientQuota, startFakeOpenAI, times } from "@learnloop/fake-openai";
import { describe, expect, it } from "vitest";
import { CORPUS_SETS, corpusRepoNames, loadCorpusRepo } from "./labels.js";
import { oracleFindings, oracleModel } from "./oracle.js";
import { evalRepo } from "./run.js";

describe("evalRepo", () => {
  it("scores the scripted oracle: ungroundable findings dropped, the misplaced one moved back, usage priced", async () => {
    const repo = await loadCorpusRepo("discord-study-bot");
    const result = await evalRepo(repo, { kind: "scripted" });
    expect(result.problems).toEqual([]);
    expect(result.skippedReason).toBeNull();
    expect(result.calls).toBe(3); // list + detector findings, reads, answer
    expect(result.dropped).toBe(2);
    expect(result.moved).toBe(1);
    expect(result.combined.tp).toBeGreaterThanOrEqual(result.detectors.tp);
    expect(result.combined.fn).toBe(repo.expected.findings.length - result.combined.tp);
    expect(result.promptTokens).toBeGreaterThan(1_000);
    // gpt-4o-mini list prices: $0.15 and $0.60 per million tokens.
    expect(result.costUsd).toBeCloseTo((result.promptTokens * 0.15 + result.completionTokens * 0.6) / 1e6, 6);
  });

  it("cites every labelled line once, plus two findings no file contains", async () => {
    const repo = await loadCorpusRepo("pdf-rag-chroma");
    const cited = oracleFindings(repo);
    const withLines = repo.expected.findings.filter((l) => l.file !== null && l.line !== null);
    expect(cited).toHaveLength(withLines.length + 2);
    const files = new Map(repo.snapshot.files.map((f) => [f.path, f.text]));
    expect(cited.filter((f) => !files.get(f.file)?.includes(f.quote.split("\n")[0]!))).toHaveLength(2);
  });

  it("runs the real-provider path over any OpenAI-compatible URL, and reports a fault as a skipped mentor", async () => {
    const repo = await loadCorpusRepo("summarizer-cli");
    const server = await startFakeOpenAI({
      apiKey: "sk-real",
      script: [insufficientQuota(), ...times(5, oracleModel(repo))],
    });
    try {
      const provider = {
        kind: "real" as const,
        apiKey: "sk-real",
        baseUrl: server.url,
        model: "my-local-model",
      };
      const result = await evalRepo(repo, provider);
      expect(result.skippedReason).toMatch(/credit|quota/i);
      expect(server.modelRequests()).toHaveLength(1);
      expect(result.llm.reported).toBe(0);
      expect(result.combined).toEqual(result.detectors);
      expect(server.modelRequests()[0]?.body).toMatchObject({ model: "my-local-model" });
      server.assertNoProblems();
    } finally {
      await server.close();
    }
  });

  it("reads every labelled set, so a model can be measured on the repos labelled blind too", async () => {
    for (const set of CORPUS_SETS) {
      const names = corpusRepoNames(set);
      expect(names.length, set).toBeGreaterThanOrEqual(7);
      const repo = await loadCorpusRepo(names[0]!, set);
      expect(repo.snapshot.files.length, set).toBeGreaterThan(0);
      expect(
        repo.snapshot.files.some((f) => f.path === "expected.json"),
        set,
      ).toBe(false);
    }
    expect(corpusRepoNames("corpus-blind2")).toContain("recipe-tagger-good");
  });
});
