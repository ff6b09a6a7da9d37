// The goals issue's coaching with the mentor's model: fake GitHub and fake OpenAI over real HTTP, from the source.
import type { Finding } from "@learnloop/core";
import { openAIAgent } from "@learnloop/core/llm";
import { finding, reportOf } from "@learnloop/core/testing";
import {
  type FakeOpenAI,
  json,
  type Step,
  serverError,
  startFakeOpenAI,
  times,
} from "@learnloop/fake-openai";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { type GitHubServer, startGitHubServer } from "../../test/github-server/index.js";
import { createGitHub } from "../github.js";
import { GOALS_LABEL, updateGoalsIssue } from "./goals-issue.js";

const TOKEN = "ghs_learnloopTestToken000000000000000";
const BETTER = "app.py answers 18 of 20 saved questions about my notes correctly, each in under 3 seconds";
const GAP: Finding = {
  ...finding("testing/missing-tests", null, "essential"),
  message: "No tests.",
  fingerprint: "testing/missing-tests",
};
const REPORT = reportOf([GAP]);

let github: GitHubServer;
let openai: FakeOpenAI;
beforeEach(async () => {
  github = await startGitHubServer({ token: TOKEN });
  github.seedPullRequest({ owner: "octo-learner", repo: "notes-bot", number: 1 });
});
afterEach(async () => {
  await github.close();
  await openai?.close();
});

async function goalsBody(script: Step[]): Promise<{ body: string; logs: string[] }> {
  openai = await startFakeOpenAI({ apiKey: "sk-test", script });
  const logs: string[] = [];
  await updateGoalsIssue({
    github: createGitHub({ token: TOKEN, baseUrl: github.url }),
    repo: { owner: "octo-learner", repo: "notes-bot" },
    report: REPORT,
    evidence: { pr: 1, commit: "abc1234def" },
    full: true,
    outcome: "learn AI",
    reopen: false,
    agent: {
      ...openAIAgent({ apiKey: "sk-test", baseUrl: openai.url, model: "gpt-4o-mini" }),
      retry: { backoffMs: 20 },
    },
    log: (m) => logs.push(m),
    warn: (m) => logs.push(m),
  });
  const issue = [...github.repo().issues.values()].find((i) => i.labels.includes(GOALS_LABEL));
  return { body: issue!.body ?? "", logs };
}

describe("goals issue coaching with the mentor's model", () => {
  it("writes the model's checked rewrite for the learner's vague outcome, and keeps it on the next run", async () => {
    const { body } = await goalsBody([json({ rewrites: [{ id: 0, rewrite: BETTER }] })]);
    github.assertNoViolations();
    openai.assertNoProblems();
    expect(openai.modelRequests()).toHaveLength(1);
    expect(body).toContain(`Try an outcome you can check, like: **${BETTER}**`);
    expect(body).toContain('"learn AI" is a fine direction');

    // The next run finds the model's rewrite in the issue: it keeps it and does not ask again.
    await openai.close();
    const next = await goalsBody([]);
    expect(openai.requests).toHaveLength(0);
    expect(next.body).toBe(body);
  });

  it("keeps the deterministic rewrite, and says why in the log, when the model server keeps failing", async () => {
    const { body, logs } = await goalsBody(times(3, serverError(500)));
    expect(body).toContain("Try an outcome you can check, like: **A tool that does one job well");
    expect(logs.join("\n")).toMatch(/coaching kept its own rewrites: .*HTTP 500/);
  });
});
