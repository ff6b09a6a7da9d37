// The standard Actions environment this run reads (GITHUB_*, RUNNER_TEMP), validated once.
import { readFile } from "node:fs/promises";

export interface ActionEnvironment {
  eventName: string;
  event: Record<string, unknown>;
  repository: { owner: string; repo: string };
  apiUrl: string;
  serverUrl: string;
  workspace: string | null;
  sha: string | null;
  stepSummary: string | null;
  runnerTemp: string | null;
}

export async function readEnvironment(
  env: NodeJS.ProcessEnv,
): Promise<{ ok: true; value: ActionEnvironment } | { ok: false; message: string }> {
  const eventName = env.GITHUB_EVENT_NAME;
  const repository = env.GITHUB_REPOSITORY;
  if (!eventName || !repository?.includes("/")) {
    return {
      ok: false,
      message:
        "GITHUB_EVENT_NAME and GITHUB_REPOSITORY are not set: run learnloop as a step of a GitHub Actions workflow",
    };
  }
  let event: Record<string, unknown> = {};
  if (env.GITHUB_EVENT_PATH) {
    try {
      event = JSON.parse(await readFile(env.GITHUB_EVENT_PATH, "utf8"));
    } catch {
      return {
        ok: false,
        message: `cannot read the event payload at GITHUB_EVENT_PATH (${env.GITHUB_EVENT_PATH})`,
      };
    }
  }
  const [owner, repo] = repository.split("/") as [string, string];
  return {
    ok: true,
    value: {
      eventName,
      event,
      repository: { owner, repo },
      apiUrl: (env.GITHUB_API_URL || "https://api.github.com").replace(/\/+$/, ""),
      serverUrl: (env.GITHUB_SERVER_URL || "https://github.com").replace(/\/+$/, ""),
      workspace: env.GITHUB_WORKSPACE || null,
      sha: env.GITHUB_SHA || null,
      stepSummary: env.GITHUB_STEP_SUMMARY || null,
      runnerTemp: env.RUNNER_TEMP || null,
    },
  };
}
