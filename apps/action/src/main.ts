// The Action: read inputs and the event, run the review, publish it. The only place that calls setFailed.
import { writeFile } from "node:fs/promises";
import { join } from "node:path";
import * as core from "@actions/core";
import {
  DETECTORS,
  type LearnloopConfig,
  MODEL_TRACING_ENV,
  mentorLine,
  type Report,
  renderMarkdown,
  renderSarif,
  review,
} from "@learnloop/core";
import { readConfig } from "./config.js";
import { readEnvironment } from "./environment.js";
import { ActionError } from "./errors.js";
import { createGitHub } from "./github.js";
import { readInputs } from "./inputs.js";
import { type GoalsIssueResult, updateGoalsIssue } from "./publish/goals-issue.js";
import { reviewPullRequest } from "./pull-request.js";
import { loadSnapshot } from "./snapshot-source.js";

const PR_EVENTS = new Set(["pull_request", "pull_request_target"]);
const PR_ACTIONS = new Set(["opened", "synchronize", "reopened", "ready_for_review"]);
const VERSION = "0.1.0";

interface PullRequestPayload {
  action?: string;
  pull_request?: {
    number: number;
    title?: string;
    body?: string | null;
    head: { sha: string; repo: { full_name: string } | null };
    base: { repo: { full_name: string } };
  };
  repository?: { default_branch?: string };
}

export async function run(): Promise<void> {
  try {
    await runAction();
  } catch (error) {
    const message =
      error instanceof ActionError ? error.message : `learnloop failed: ${(error as Error).message}`;
    core.setFailed(message.split("\n")[0]!);
  }
}

async function runAction(): Promise<void> {
  const inputs = readInputs((name) => core.getInput(name));
  if (!inputs.ok) throw new ActionError(inputs.message);
  core.setSecret(inputs.value.githubToken);
  if (inputs.value.openaiApiKey) core.setSecret(inputs.value.openaiApiKey);
  const environment = await readEnvironment(process.env);
  if (!environment.ok) throw new ActionError(environment.message);
  const env = environment.value;
  const github = createGitHub({
    token: inputs.value.githubToken,
    baseUrl: env.apiUrl,
    log: (m) => core.info(m),
  });
  const payload = env.event as PullRequestPayload;
  const defaultBranch = payload.repository?.default_branch ?? "main";
  const config = await readConfig(github, env.repository, inputs.value.configPath, defaultBranch);
  const maxInline = inputs.value.maxInlineComments ?? config["max-inline-comments"];
  // LangChain reads these from the process itself: with them set, the mentor's prompts would leave for LangSmith.
  for (const name of MODEL_TRACING_ENV) delete process.env[name];
  // The mentor runs when a key or an OpenAI-compatible base URL is given; its faults never fail the run.
  const agent =
    inputs.value.openaiApiKey || inputs.value.openaiBaseUrl
      ? (await import("@learnloop/core/llm")).openAIAgent({
          apiKey: inputs.value.openaiApiKey,
          baseUrl: inputs.value.openaiBaseUrl,
          model: inputs.value.model ?? config.model ?? null,
        })
      : undefined;

  let report: Report;
  let summaryUrl: string | null = null;
  let title: string;
  let goalsIssue: GoalsIssueResult | null = null;
  const keepGoals = (
    reviewed: Report,
    evidence: { pr: number | null; commit: string | null },
    changed: readonly string[] | null,
  ) =>
    inputs.value.goalsIssue === "false"
      ? Promise.resolve(null)
      : updateGoalsIssue({
          github,
          repo: env.repository,
          report: reviewed,
          evidence,
          full: changed === null,
          changed: changed ?? undefined,
          outcome: config.outcome,
          reopen: inputs.value.goalsIssue === "reopen",
          agent,
          log: (m) => core.info(m),
          warn: (m) => core.warning(m),
        });

  if (PR_EVENTS.has(env.eventName)) {
    const pr = payload.pull_request;
    if (!pr) throw new ActionError(`the ${env.eventName} event has no pull_request in its payload`);
    if (payload.action && !PR_ACTIONS.has(payload.action)) {
      core.info(`learnloop: nothing to review on "${payload.action}"`);
      return;
    }
    const fork = env.eventName === "pull_request" && pr.head.repo?.full_name !== pr.base.repo.full_name;
    if (fork)
      core.notice(
        "This pull request comes from a fork: its token is read-only, so learnloop writes the review to the job summary only.",
      );
    const result = await reviewPullRequest({
      github,
      repo: env.repository,
      number: pr.number,
      head: pr.head.sha,
      workspace: env.workspace,
      config,
      maxInline,
      canWrite: !fork,
      log: (m) => core.info(m),
      // The PR's own words go to the mentor as untrusted data, like the code.
      agent: agent && { ...agent, pullRequest: { title: pr.title ?? "", body: pr.body ?? null } },
      goals: async (reviewed, changed) => {
        goalsIssue = await keepGoals(reviewed, { pr: pr.number, commit: pr.head.sha }, changed);
        return goalsIssue?.merge ? { issue: goalsIssue.number, ...goalsIssue.merge } : null;
      },
    });
    report = result.report;
    summaryUrl = result.summaryUrl;
    title = `#${pr.number}`;
    core.info(
      `learnloop: reviewed ${report.stats.files} files (${result.source}), ${result.inlinePosted} inline comments`,
    );
    if (fork) {
      await writeOutputs(env, report, summaryUrl, null, config, title);
      return;
    }
  } else if (
    env.eventName === "push" ||
    env.eventName === "workflow_dispatch" ||
    env.eventName === "schedule"
  ) {
    const sha = env.sha;
    if (!sha) throw new ActionError("GITHUB_SHA is not set: cannot tell which commit to review");
    const loaded = await loadSnapshot({
      github,
      repo: env.repository,
      sha,
      workspace: env.workspace,
      changed: null,
      config,
      name: `${env.repository.owner}/${env.repository.repo}`,
    });
    report = await review(loaded.snapshot, { config, agent });
    title = sha.slice(0, 7);
    goalsIssue = await keepGoals(report, { pr: null, commit: sha }, null);
  } else {
    core.info(`learnloop: the ${env.eventName} event is not one learnloop reviews`);
    return;
  }

  const mentor = mentorLine(report);
  if (mentor) core.info(`learnloop: ${mentor}`);

  await writeOutputs(
    env,
    report,
    summaryUrl,
    (goalsIssue as GoalsIssueResult | null)?.number ?? null,
    config,
    title,
  );
  const essential = report.findings.filter((f) => f.level === "essential").length;
  if (inputs.value.failOn === "essential" && essential > 0) {
    throw new ActionError(
      `${essential} essential gap${essential === 1 ? "" : "s"} found (fail-on: essential)`,
    );
  }
}

async function writeOutputs(
  env: { runnerTemp: string | null; workspace: string | null; stepSummary: string | null },
  report: Report,
  summaryUrl: string | null,
  goalsIssue: number | null,
  config: LearnloopConfig,
  title: string,
): Promise<void> {
  const sarifFile = join(env.runnerTemp ?? env.workspace ?? ".", "learnloop.sarif");
  const sarif = renderSarif(report, {
    toolVersion: VERSION,
    informationUri: "https://github.com/learnloop/learnloop",
    rules: DETECTORS.map((d) => d.meta),
  });
  await writeFile(sarifFile, `${JSON.stringify(sarif, null, 2)}\n`);
  if (env.stepSummary)
    await core.summary.addRaw(renderMarkdown(report, { title, tone: config.tone })).write();
  core.setOutput("findings", String(report.findings.filter((f) => f.level !== "celebratory").length));
  core.setOutput("essential", String(report.findings.filter((f) => f.level === "essential").length));
  core.setOutput("summary-comment-url", summaryUrl ?? "");
  core.setOutput("goals-issue-number", goalsIssue === null ? "" : String(goalsIssue));
  core.setOutput("sarif-file", sarifFile);
}
