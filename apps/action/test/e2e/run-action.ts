// Runs the committed bundle (dist/index.js) as GitHub would: a child process with the Actions environment.
import { spawn } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import {
  actionEnvironment,
  type GitHubServer,
  type JsonObject,
  type PullRequestFixture,
  writeEventFile,
} from "../github-server/index.js";

export const BUNDLE = fileURLToPath(new URL("../../dist/index.js", import.meta.url));
export const TOKEN = "ghs_learnloopTestToken000000000000000";

export interface ActionRun {
  code: number | null;
  stdout: string;
  stderr: string;
  outputs: Record<string, string>;
  stepSummary: string;
  ms: number;
}

/** GITHUB_OUTPUT's `name<<delimiter ... delimiter` records, as @actions/core writes them. */
function parseOutputs(text: string): Record<string, string> {
  const out: Record<string, string> = {};
  const lines = text.split("\n");
  for (let i = 0; i < lines.length; i++) {
    const m = /^([^<]+)<<(.+)$/.exec(lines[i]!);
    if (!m) continue;
    const value: string[] = [];
    for (i++; i < lines.length && lines[i] !== m[2]; i++) value.push(lines[i]!);
    out[m[1]!] = value.join("\n");
  }
  return out;
}

export async function runAction(
  server: GitHubServer,
  pr: PullRequestFixture | null,
  options: {
    inputs?: Record<string, string>;
    env?: Record<string, string>;
    workspace?: string;
    /** The event payload, when not the PR's own (GITHUB_EVENT_PATH points at it). */
    event?: JsonObject;
  } = {},
): Promise<ActionRun> {
  // One folder per run holds the event, the outputs and the runner's temp; it is removed when the run is read.
  const dir = mkdtempSync(join(tmpdir(), "learnloop-action-run-"));
  try {
    return await runIn(dir, server, pr, options);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

async function runIn(
  dir: string,
  server: GitHubServer,
  pr: PullRequestFixture | null,
  options: Parameters<typeof runAction>[2] & {},
): Promise<ActionRun> {
  const outputFile = join(dir, "output");
  const summaryFile = join(dir, "summary.md");
  writeFileSync(outputFile, "");
  writeFileSync(summaryFile, "");
  const inputs = { "github-token": TOKEN, ...options.inputs };
  const env: Record<string, string> = {
    PATH: process.env.PATH ?? "",
    HOME: process.env.HOME ?? dir,
    ...(pr ? actionEnvironment(pr, server.url, await writeEventFile(options.event ?? pr.event, dir)) : {}),
    ...(!pr && options.event ? { GITHUB_EVENT_PATH: await writeEventFile(options.event, dir) } : {}),
    GITHUB_OUTPUT: outputFile,
    GITHUB_STEP_SUMMARY: summaryFile,
    RUNNER_TEMP: dir,
    GITHUB_WORKSPACE: options.workspace ?? join(dir, "no-checkout"),
    ...Object.fromEntries(Object.entries(inputs).map(([k, v]) => [`INPUT_${k.toUpperCase()}`, v])),
    ...options.env,
  };
  const started = performance.now();
  const child = spawn(process.execPath, [BUNDLE], { env, stdio: ["ignore", "pipe", "pipe"] });
  let stdout = "";
  let stderr = "";
  child.stdout.on("data", (d) => {
    stdout += d;
  });
  child.stderr.on("data", (d) => {
    stderr += d;
  });
  const code = await new Promise<number | null>((resolve) => child.on("close", resolve));
  return {
    code,
    stdout,
    stderr,
    outputs: parseOutputs(readFileSync(outputFile, "utf8")),
    stepSummary: readFileSync(summaryFile, "utf8"),
    ms: performance.now() - started,
  };
}
