// The CLI with the LLM mentor, end to end: the real CLI process, the real openai SDK, a local fake OpenAI server.
import { spawn } from "node:child_process";
import { cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { reportSchema } from "@learnloop/core/contract";
import {
  type FakeOpenAI,
  hang,
  insufficientQuota,
  json,
  serverError,
  startFakeOpenAI,
  startRequestRecorder,
  text,
  times,
  toolCall,
} from "@learnloop/fake-openai";
import { afterEach, describe, expect, it } from "vitest";
import { CLI, EXAMPLE } from "./run-cli.js";

const BIN = fileURLToPath(new URL("../src/bin.ts", import.meta.url));
const KEY = "sk-test-cli-0123456789abcdef";

let server: FakeOpenAI | null = null;
afterEach(async () => {
  await server?.close();
  server = null;
});

/**
 * Runs the CLI from source, or the built bundle (async: the fake server answers from this process meanwhile).
 */
function cli(args: string[], env: Record<string, string>, bundle = false) {
  return new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve) => {
    const child = spawn(process.execPath, bundle ? [CLI, ...args] : ["--import", "tsx", BIN, ...args], {
      cwd: fileURLToPath(new URL("..", import.meta.url)),
      env: { PATH: process.env.PATH, HOME: process.env.HOME, ...env },
    });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (d) => (stdout += d));
    child.stderr.on("data", (d) => (stderr += d));
    child.on("close", (code) => resolve({ code, stdout, stderr }));
  });
}

const FINDING = {
  area: "llm-reliability",
  level: "actionable",
  file: "bot.py",
  line: 26,
  quote: "response = client.chat.completions.create(",
  message: "This model call has no timeout, so a stalled connection holds the bot forever.",
  why: "Network calls to a model fail or stall now and then; without a timeout nothing notices.",
  tryThis: "Pass `timeout=` to the client and decide what the bot says when it fires.",
};

describe("learnloop review with the LLM mentor", () => {
  it("works from the published bundle, which loads the mentor's code (a chunk of its own) only when asked", async () => {
    server = await startFakeOpenAI({
      apiKey: KEY,
      script: [text(JSON.stringify({ findings: [FINDING] }))],
    });
    const run = await cli(
      ["review", EXAMPLE, "--format", "json"],
      { OPENAI_API_KEY: KEY, OPENAI_BASE_URL: server.url },
      true,
    );
    server.assertNoProblems();
    expect(run.stderr).toBe("");
    expect(run.code).toBe(0);
    const report = reportSchema.parse(JSON.parse(run.stdout));
    expect(report.stats.llm).toMatchObject({ skippedReason: null });
    expect(report.findings.filter((f) => f.source === "llm")).toMatchObject([{ file: "bot.py", line: 26 }]);
  });

  it("asks the model through OPENAI_BASE_URL, reports its findings and token use, and never prints the key", async () => {
    server = await startFakeOpenAI({
      apiKey: KEY,
      script: [
        toolCall("read_file", { path: "bot.py", startLine: 20, endLine: 36 }),
        text(JSON.stringify({ findings: [FINDING] })),
      ],
    });
    const run = await cli(["review", EXAMPLE, "--format", "json", "--model", "gpt-4.1-mini"], {
      OPENAI_API_KEY: KEY,
      OPENAI_BASE_URL: server.url,
    });
    server.assertNoProblems();
    expect(run.code).toBe(0);
    const report = reportSchema.parse(JSON.parse(run.stdout));
    expect(report.stats.llm).toMatchObject({ model: "gpt-4.1-mini", skippedReason: null });
    expect(report.stats.llm!.promptTokens).toBe(
      server.modelRequests().reduce((n, r) => n + (r.promptTokens ?? 0), 0),
    );
    expect(report.findings.filter((f) => f.source === "llm")).toMatchObject([{ file: "bot.py", line: 26 }]);
    expect(report.findings.some((f) => f.source === "detector")).toBe(true);
    expect(`${run.stdout}${run.stderr}`).not.toContain(KEY);
  });

  it("says in the text output why the mentor was skipped, and still exits 0 with the detectors' review", async () => {
    server = await startFakeOpenAI({ script: [insufficientQuota()] });
    const run = await cli(["review", EXAMPLE], { OPENAI_API_KEY: KEY, OPENAI_BASE_URL: server.url });
    expect(run.code).toBe(0);
    expect(server.modelRequests()).toHaveLength(1);
    expect(run.stdout.replace(/\s+/g, " ")).toContain(
      "Mentor (gpt-4o-mini) skipped: the model account is out of credit (insufficient_quota): add credit or use another key.",
    );
    expect(run.stdout).toContain("Goals to write down");
  });

  it("finishes against a hung model connection at the request timeout set in the config", async () => {
    server = await startFakeOpenAI({ script: [hang()] });
    const dir = mkdtempSync(join(tmpdir(), "learnloop-cli-llm-"));
    cpSync(EXAMPLE, dir, { recursive: true });
    mkdirSync(join(dir, ".github"), { recursive: true });
    writeFileSync(join(dir, ".github/learnloop.yml"), "llm:\n  request-timeout: 2\n");
    const started = Date.now();
    const run = await cli(["review", dir, "--format", "json"], {
      OPENAI_API_KEY: KEY,
      OPENAI_BASE_URL: server.url,
    });
    rmSync(dir, { recursive: true, force: true });
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout).stats.llm.skippedReason).toBe("the model did not answer within 2 s");
    // Two seconds of waiting plus the review itself, on a loaded machine: far from the minutes a stall could take.
    expect(Date.now() - started).toBeLessThan(30_000);
  });

  it("sends no prompt to LangSmith even when the learner's environment turns LangChain tracing on", async () => {
    const langsmith = await startRequestRecorder();
    server = await startFakeOpenAI({ script: [text(JSON.stringify({ findings: [FINDING] }))] });
    const run = await cli(["review", EXAMPLE, "--format", "json"], {
      OPENAI_API_KEY: KEY,
      OPENAI_BASE_URL: server.url,
      LANGSMITH_TRACING: "true",
      LANGCHAIN_TRACING_V2: "true",
      LANGCHAIN_VERBOSE: "true",
      LANGSMITH_ENDPOINT: langsmith.url,
      LANGSMITH_API_KEY: "lsv2_pt_test",
    });
    await langsmith.close();
    expect(run.code).toBe(0);
    expect(server.modelRequests()).toHaveLength(1);
    expect(langsmith.requests).toEqual([]);
    // LANGCHAIN_VERBOSE would print every prompt; stdout must stay the one JSON object.
    expect(JSON.parse(run.stdout).stats.llm.skippedReason).toBeNull();
  });

  it("does not call the model with --no-llm", async () => {
    server = await startFakeOpenAI({ script: [] });
    const run = await cli(["review", EXAMPLE, "--format", "json", "--no-llm"], {
      OPENAI_API_KEY: KEY,
      OPENAI_BASE_URL: server.url,
    });
    expect(run.code).toBe(0);
    expect(server.requests).toHaveLength(0);
    expect(JSON.parse(run.stdout).stats.llm).toBeUndefined();
  });
});

describe("learnloop goals with a model configured", () => {
  const BETTER = "bot.py answers 18 of 20 saved bylaw questions correctly and cites the page of each answer";
  function project(): string {
    const dir = mkdtempSync(join(tmpdir(), "learnloop-cli-goals-"));
    cpSync(EXAMPLE, dir, { recursive: true });
    mkdirSync(join(dir, ".github"), { recursive: true });
    writeFileSync(join(dir, ".github/learnloop.yml"), "outcome: learn AI\n");
    return dir;
  }
  const coachingOf = (stdout: string) =>
    (JSON.parse(stdout) as { coaching: { subject: string; quote: string; rewrite: string }[] }).coaching;

  it("uses the model's checked rewrite for a vague outcome, in one call", async () => {
    server = await startFakeOpenAI({
      apiKey: KEY,
      script: [json({ rewrites: [{ id: 0, rewrite: BETTER }] })],
    });
    const dir = project();
    const run = await cli(["goals", dir, "--format", "json"], {
      OPENAI_API_KEY: KEY,
      OPENAI_BASE_URL: server.url,
    });
    rmSync(dir, { recursive: true, force: true });
    server.assertNoProblems();
    expect(run.code).toBe(0);
    expect(server.modelRequests()).toHaveLength(1);
    expect(coachingOf(run.stdout)).toEqual([{ subject: "outcome", quote: "learn AI", rewrite: BETTER }]);
  });

  it("keeps learnloop's own rewrite when the server fails, and asks nothing with --no-llm", async () => {
    server = await startFakeOpenAI({ script: times(3, serverError(500)) });
    const dir = project();
    const env = { OPENAI_API_KEY: KEY, OPENAI_BASE_URL: server.url };
    const failed = await cli(["goals", dir, "--format", "json"], env);
    expect(failed.code).toBe(0);
    expect(failed.stderr).toContain(
      "goal coaching kept its own rewrites: the model server kept failing (HTTP 500)",
    );
    const before = server.requests.length;
    const offline = await cli(["goals", dir, "--format", "json", "--no-llm"], env);
    rmSync(dir, { recursive: true, force: true });
    expect(server.requests.length).toBe(before);
    const [fallback] = coachingOf(failed.stdout);
    expect(fallback).toMatchObject({ subject: "outcome", quote: "learn AI" });
    expect(fallback!.rewrite).not.toBe(BETTER);
    expect(coachingOf(offline.stdout)).toEqual([fallback]);
  });
});
