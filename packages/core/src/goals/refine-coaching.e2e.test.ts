// End to end: goal coaching refined by ChatOpenAI and the real openai SDK over HTTP against the fake OpenAI server.
import {
  type FakeOpenAI,
  insufficientQuota,
  json,
  type Step,
  serverError,
  startFakeOpenAI,
  times,
} from "@learnloop/fake-openai";
import { afterEach, describe, expect, it } from "vitest";
import { openAIAgent } from "../agent/openai-model.js";
import { DETECTORS } from "../detectors/registry.js";
import { finding, reportOf } from "../testing/reports.js";
import { coach } from "./coach.js";
import { refineCoaching } from "./refine-coaching.js";

const metaOf = (id: string) => DETECTORS.find((d) => d.meta.id === id)?.meta;
const REPORT = reportOf([
  finding("llm-reliability/raw-http-without-timeout", "bot.py"),
  finding("testing/missing-tests", null, "essential"),
]);
const COACHING = coach({ outcome: "get better at ML", goals: ["learn LLMs"] }, REPORT, metaOf);
const BETTER = "bot.py answers 45 of 50 saved support questions correctly, each within 3 seconds";

let server: FakeOpenAI | null = null;
afterEach(async () => {
  await server?.close();
  server = null;
});

async function refineWith(script: Step[]) {
  server = await startFakeOpenAI({ apiKey: "sk-test", script });
  const agent = openAIAgent({ apiKey: "sk-test", baseUrl: server.url, model: "gpt-4o-mini" });
  return refineCoaching(COACHING, REPORT, { ...agent, retry: { backoffMs: 20 } });
}

describe("goal coaching over HTTP (real SDK, fake server)", () => {
  it("uses the scripted rewrite in one plain request (no tools), with the server's token count", async () => {
    const result = await refineWith([json({ rewrites: [{ id: 0, rewrite: BETTER }] })]);
    server!.assertNoProblems();
    const [request] = server!.modelRequests();
    expect(server!.modelRequests()).toHaveLength(1);
    expect((request!.body as { tools?: unknown }).tools).toBeUndefined();
    expect(JSON.stringify(request!.body)).toContain("get better at ML");
    expect(result.skippedReason).toBeNull();
    expect(result.coaching).toEqual([{ ...COACHING[0], rewrite: BETTER }, COACHING[1]]);
    expect(result.usage.prompt).toBe(request!.promptTokens);
  });

  it("keeps the deterministic rewrites after server errors, and on an exhausted quota without retrying", async () => {
    const failing = await refineWith(times(3, serverError(500)));
    expect(server!.modelRequests()).toHaveLength(3);
    expect(failing).toMatchObject({ coaching: COACHING, skippedReason: expect.stringMatching(/HTTP 500/) });
    await server!.close();

    const broke = await refineWith([insufficientQuota()]);
    expect(server!.modelRequests()).toHaveLength(1);
    expect(broke).toMatchObject({
      coaching: COACHING,
      skippedReason: expect.stringMatching(/insufficient_quota/),
    });
  });
});
