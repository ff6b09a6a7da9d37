import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { type GitHubServer, startGitHubServer } from "../github-server/index.js";
import { runAction, TOKEN } from "./run-action.js";

let server: GitHubServer;
beforeEach(async () => {
  server = await startGitHubServer({ token: TOKEN });
});
afterEach(async () => {
  await server.close();
});

const BARE = "try:\n    x()\nexcept:\n    pass\n";

/** The event and environment of a push (or workflow_dispatch) run that reviews commit `sha` on main. */
function pushRun(sha: string, eventName = "push") {
  const event = { ref: "refs/heads/main", after: sha, repository: { default_branch: "main" } };
  return { event, env: { GITHUB_EVENT_NAME: eventName, GITHUB_SHA: sha } };
}

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
    const push = (sha: string, eventName = "push") => runAction(server, first, pushRun(sha, eventName));
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

  it("keeps a learner's edit made after learnloop listed the issue and before it writes (it re-reads first)", async () => {
    const pr = server.seedPullRequest({
      owner: "octo-learner",
      repo: "race",
      number: 1,
      action: "opened",
      files: [{ filename: "app.py", before: "", after: BARE }],
    });
    await runAction(server, pr, pushRun(pr.headSha));
    const issue = [...server.repo().issues.values()].find((i) => i.labels.includes("learning-goals"))!;
    // The learner saves an edit while the next run is between its list of issues and its write.
    let edited = false;
    server.faults.push({
      method: "GET",
      path: new RegExp(`/issues/${issue.number}$`),
      status: 200,
      times: 0,
      when: () => {
        if (!edited) issue.body = `${issue.body}\n- [ ] Explain RAG to a friend in five minutes\n`;
        edited = true;
        return false;
      },
    });
    // A new commit adds another gap, so this run has something to write.
    const next = server.seedPullRequest({
      owner: "octo-learner",
      repo: "race",
      number: 1,
      action: "synchronize",
      files: [{ filename: "app.py", before: "", after: `${BARE}DATA = "/Users/maya/data.csv"\n` }],
    });
    const run = await runAction(server, next, pushRun(next.headSha));
    expect(run.code).toBe(0);
    server.assertNoViolations();
    expect(edited).toBe(true);
    expect(server.callsTo("issues/update")).toHaveLength(1);
    expect(server.repo().issues.get(issue.number)!.body).toContain("<!-- goal:data/absolute-path -->");
    expect(server.repo().issues.get(issue.number)!.body).toContain(
      "- [ ] Explain RAG to a friend in five minutes\n",
    );
  });
});
