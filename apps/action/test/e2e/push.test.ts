import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { type GitHubServer, startGitHubServer, writeEventFile } from "../github-server/index.js";
import { runAction, TOKEN } from "./run-action.js";

let server: GitHubServer;
beforeEach(async () => {
  server = await startGitHubServer({ token: TOKEN });
});
afterEach(async () => {
  await server.close();
});

const BARE = "try:\n    x()\nexcept:\n    pass\n";

describe("the Action on push and workflow_dispatch", () => {
  it("reviews the whole commit and keeps the goals issue, ticking a goal whose gap is gone, keeping the learner's words", async () => {
    // The repository and its commits come from a seeded PR; the push runs review its head commit.
    const first = server.seedPullRequest({
      owner: "octo-learner",
      repo: "notes",
      number: 1,
      action: "opened",
      files: [{ filename: "app.py", before: "", after: BARE }],
    });
    const push = async (sha: string, eventName = "push") => {
      const event = {
        ref: "refs/heads/main",
        after: sha,
        repository: { default_branch: "main", full_name: "octo-learner/notes" },
      };
      return runAction(server, first, {
        env: {
          GITHUB_EVENT_NAME: eventName,
          GITHUB_EVENT_PATH: await writeEventFile(event),
          GITHUB_SHA: sha,
        },
      });
    };
    const run = await push(first.headSha);
    expect(run.stderr).toBe("");
    expect(run.code).toBe(0);
    server.assertNoViolations();
    expect(server.callsTo("pulls/create-review")).toHaveLength(0);
    expect(server.callsTo("issues/create-comment")).toHaveLength(0);
    const issue = [...server.repo().issues.values()].find((i) => i.labels.includes("learning-goals"))!;
    expect(issue.body).toContain("<!-- goal:code-quality/bare-except -->");

    // The learner writes their own goal; then a commit fixes the bare except.
    issue.body = `${issue.body}\n- [ ] Learn to order dinner in French\n`;
    const fixed = server.seedPullRequest({
      owner: "octo-learner",
      repo: "notes",
      number: 1,
      action: "synchronize",
      files: [{ filename: "app.py", before: "", after: "try:\n    x()\nexcept OSError:\n    log()\n" }],
    });
    const again = await push(fixed.headSha, "workflow_dispatch");
    expect(again.code).toBe(0);
    server.assertNoViolations();
    const updated = server.repo().issues.get(issue.number)!.body!;
    expect(updated).toMatch(/- \[x\] .*· shown in [0-9a-f]{7} <!-- goal:code-quality\/bare-except -->/);
    expect(updated).toContain("- [ ] Learn to order dinner in French\n");
    expect(again.outputs["goals-issue-number"]).toBe(String(issue.number));
  });
});
