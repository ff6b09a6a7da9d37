import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, afterEach, beforeEach, describe, expect, it } from "vitest";
import {
  type GitHubServer,
  permissionDeniedFault,
  secondaryRateLimitFault,
  serverErrorFault,
  startGitHubServer,
} from "../github-server/index.js";
import { runAction, TOKEN } from "./run-action.js";

const APP = "import json\n\ntry:\n    data = json.load(open('x.json'))\nexcept:\n    data = None\n";
const temp = mkdtempSync(join(tmpdir(), "learnloop-e2e-"));
afterAll(() => rmSync(temp, { recursive: true, force: true }));

let server: GitHubServer;
beforeEach(async () => {
  server = await startGitHubServer({ token: TOKEN });
});
afterEach(async () => {
  await server.close();
});

const seed = (
  extra: { headSha?: string; files?: { filename: string; before: string; after: string }[] } = {},
) =>
  server.seedPullRequest({
    owner: "octo-learner",
    repo: "notes-bot",
    number: 3,
    action: "opened",
    files: extra.files ?? [{ filename: "app.py", before: "", after: APP }],
    ...(extra.headSha ? { headSha: extra.headSha } : {}),
  });

describe("the Action under faults and limits", () => {
  it("retries GitHub's 502s and a secondary rate limit, and the run succeeds", async () => {
    const pr = seed();
    server.faults.push(serverErrorFault({ path: /\/pulls\/3\/files$/ }, { times: 2 }));
    server.faults.push(
      secondaryRateLimitFault({ path: /\/pulls\/3\/reviews$/, method: "POST" }, { retryAfter: 1 }),
    );
    const run = await runAction(server, pr);
    expect(run.stderr).toBe("");
    expect(run.code).toBe(0);
    server.assertNoViolations();
    expect(server.requests.filter((r) => r.faulted)).toHaveLength(3);
    expect(server.repo().reviews.size).toBe(1);
    expect(server.repo().issueCommentsOf(3)).toHaveLength(1);
  });

  it("a token that cannot write: one clear error naming the permission, exit 1, nothing half-written", async () => {
    const pr = seed();
    server.faults.push(permissionDeniedFault());
    const run = await runAction(server, pr);
    expect(run.code).toBe(1);
    const errors = run.stdout.split("\n").filter((l) => l.startsWith("::error::"));
    expect(errors).toEqual([
      expect.stringMatching(/^::error::the token cannot .* add `pull-requests: write` under `permissions:`/),
    ]);
    expect(server.repo().reviews.size).toBe(0);
    expect(server.repo().issueCommentsOf(3)).toHaveLength(0);
  });

  it("a pull request from a fork: review in the job summary, a notice, no writes, exit 0", async () => {
    const pr = seed();
    const event = structuredClone(pr.event) as { pull_request: { head: { repo: { full_name: string } } } };
    event.pull_request.head.repo.full_name = "someone-else/notes-bot";
    const run = await runAction(server, pr, { event });
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/::notice::This pull request comes from a fork/);
    expect(run.stepSummary).toContain("## learnloop review");
    expect(server.requests.filter((r) => r.method !== "GET")).toEqual([]);
  });

  it("with a checkout at the PR head, reads files from the workspace: no tarball, at most 8 requests", async () => {
    const workspace = join(temp, "checkout");
    mkdirSync(workspace, { recursive: true });
    writeFileSync(join(workspace, "app.py"), APP);
    const git = (...args: string[]) =>
      execFileSync("git", ["-C", workspace, "-c", "user.name=t", "-c", "user.email=t@t", ...args], {
        encoding: "utf8",
      });
    git("init", "-q");
    git("add", ".");
    git("commit", "-qm", "head");
    const headSha = git("rev-parse", "HEAD").trim();
    const pr = seed({ headSha });
    const run = await runAction(server, pr, { workspace, inputs: { "goals-issue": "false" } });
    expect(run.code).toBe(0);
    server.assertNoViolations();
    expect(server.callsTo("repos/download-tarball-archive")).toHaveLength(0);
    expect(server.repo().reviewComments.size).toBe(1);
    process.stdout.write(
      `first run with a checkout (goals issue off): ${server.requests.length} API requests\n`,
    );
    expect(server.requests.length).toBeLessThanOrEqual(8);
  });

  it("a 3,000-file pull request finishes with a bounded number of requests and says what it left out", async () => {
    const files = Array.from({ length: 3000 }, (_, i) => ({
      filename: `pkg/m${String(i).padStart(4, "0")}.py`,
      before: "",
      after: i % 500 === 0 ? APP : `x = ${i}\n`,
    }));
    const pr = seed({ files });
    const run = await runAction(server, pr, { inputs: { "goals-issue": "false" } });
    expect(run.stderr).toBe("");
    expect(run.code).toBe(0);
    server.assertNoViolations();
    process.stdout.write(`3,000-file PR: ${server.requests.length} requests\n`);
    expect(server.requests.length).toBeLessThanOrEqual(45);
    const summary = server.repo().issueCommentsOf(3)[0]!.body!;
    expect(summary).toContain("Not reviewed (over the limit): 2700 files");
  });
});
