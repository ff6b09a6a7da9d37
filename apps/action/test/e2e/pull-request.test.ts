import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { type GitHubServer, startGitHubServer } from "../github-server/index.js";
import { runAction, TOKEN } from "./run-action.js";

const OWNER = "octo-learner";
const REPO = "bylaws-bot";

const APP_BEFORE =
  "import json\n\n\ndef load(path):\n    with open(path) as f:\n        return json.load(f)\n";
const APP_AFTER = [
  "import json",
  "",
  "",
  "def load(path):",
  "    try:",
  "        with open(path) as f:",
  "            return json.load(f)",
  "    except:",
  "        return None",
  "",
  "",
  "def save(path, data):",
  "    try:",
  "        write(path, data)",
  "    except Exception:",
  "        pass",
  "",
].join("\n");

let server: GitHubServer;
beforeEach(async () => {
  server = await startGitHubServer({ token: TOKEN });
});
afterEach(async () => {
  await server.close();
});

function seed(action = "opened", after = APP_AFTER) {
  return server.seedPullRequest({
    owner: OWNER,
    repo: REPO,
    number: 7,
    action,
    files: [
      { filename: "app.py", before: APP_BEFORE, after },
      { filename: "requirements.txt", before: "", after: "openai\nrequests==2.32.3\n" },
    ],
    baseFiles: { "README.md": "# Bylaws bot\n\n```sh\npython app.py\n```\n", "app.py": APP_BEFORE },
  });
}

describe("the Action on a pull request (no checkout: files come through the API)", () => {
  it("posts one review with inline comments on diff lines, one summary, a goals issue, and valid outputs", async () => {
    const pr = seed();
    const run = await runAction(server, pr);
    expect(run.stderr).toBe("");
    expect(run.code).toBe(0);
    server.assertNoViolations();

    const reviews = [...server.repo().reviews.values()];
    expect(reviews).toHaveLength(1);
    const comments = [...server.repo().reviewComments.values()];
    expect(comments.map((c) => [c.path, c.line]).sort()).toEqual(
      [
        ["app.py", 8],
        ["app.py", 15],
        ["requirements.txt", 1],
      ].sort(),
    );
    for (const c of comments) expect(c.body).toMatch(/<!-- learnloop:fp=[0-9a-f]{16} -->/);

    const summaries = server.repo().issueCommentsOf(7);
    expect(summaries).toHaveLength(1);
    expect(summaries[0]!.body).toContain("<!-- learnloop:summary -->");
    expect(summaries[0]!.body).toContain("No automated tests");

    const goals = [...server.repo().issues.values()].filter((i) => i.labels.includes("learning-goals"));
    expect(goals).toHaveLength(1);
    expect(run.outputs["goals-issue-number"]).toBe(String(goals[0]!.number));
    expect(Number(run.outputs.findings)).toBeGreaterThanOrEqual(4);
    expect(run.outputs["summary-comment-url"]).toMatch(/^https:\/\//);
    expect(run.outputs["sarif-file"]).toMatch(/learnloop\.sarif$/);
    expect(run.stepSummary).toContain("## learnloop review");
    // The runner swallows `::add-mask::` commands (that is how setSecret hides the token in logs).
    expect(run.stdout.replace(/^::add-mask::.*$/gm, "")).not.toContain(TOKEN);
    const requests = server.requests.filter((r) => !r.path.startsWith("/_codeload"));
    process.stdout.write(
      `first run without a checkout: ${requests.length} API requests, ${run.ms.toFixed(0)} ms\n`,
    );
    expect(requests.length).toBeLessThanOrEqual(12);
  });

  it("a rerun on the same head duplicates nothing and edits the summary in place", async () => {
    const pr = seed();
    await runAction(server, pr);
    const firstComments = server.repo().reviewComments.size;
    server.clearRecords();
    const rerun = await runAction(server, pr);
    expect(rerun.code).toBe(0);
    server.assertNoViolations();
    expect(server.repo().reviewComments.size).toBe(firstComments);
    expect(server.repo().reviews.size).toBe(1);
    expect(server.repo().issueCommentsOf(7)).toHaveLength(1);
    expect(server.callsTo("pulls/create-review")).toHaveLength(0);
    expect(server.callsTo("issues/update-comment")).toHaveLength(1);
  });

  it("a new push that fixes one gap and adds another: one new comment, and the fix is noted as resolved", async () => {
    await runAction(server, seed());
    const fixed = APP_AFTER.replace(
      "    except:\n        return None",
      "    except OSError:\n        return None",
    ).concat('DATA = "/Users/maya/data.csv"\n');
    const push = seed("synchronize", fixed);
    server.clearRecords();
    const run = await runAction(server, push);
    expect(run.code).toBe(0);
    server.assertNoViolations();
    const newComments = server
      .callsTo("pulls/create-review")
      .flatMap((r) => (r.body as { comments: { path: string; line: number }[] }).comments);
    expect(newComments.map((c) => [c.path, c.line])).toEqual([["app.py", 17]]);
    const summary = server.repo().issueCommentsOf(7)[0]!.body!;
    expect(summary).toMatch(/✅ \d+ gaps? resolved since the last review/);
    expect(summary).toContain("`code-quality/bare-except`");
  });
});

describe("the Action when GitHub or history surprise it", () => {
  it("after a force-push (the last reviewed head is no longer an ancestor), the whole PR is in scope again", async () => {
    await runAction(server, seed());
    // Rewrite history: a new head that does not descend from the reviewed one, with a new gap on an old line.
    const rewritten = server.seedPullRequest({
      owner: OWNER,
      repo: REPO,
      number: 7,
      action: "synchronize",
      // One commit straight on the base: the old head is not in its history.
      commits: [
        {
          message: "rewritten",
          changes: [
            {
              filename: "app.py",
              before: APP_BEFORE,
              after: APP_AFTER.replace("except Exception:", "except:"),
            },
          ],
        },
      ],
      files: [
        { filename: "app.py", before: APP_BEFORE, after: APP_AFTER.replace("except Exception:", "except:") },
        { filename: "requirements.txt", before: "", after: "openai\nrequests==2.32.3\n" },
      ],
      baseFiles: { "README.md": "# Bylaws bot\n\n```sh\npython app.py\n```\n", "app.py": APP_BEFORE },
    });
    server.clearRecords();
    const run = await runAction(server, rewritten);
    expect(run.code).toBe(0);
    server.assertNoViolations();
    const compares = server.requests.filter((r) => r.path.includes("/compare/"));
    expect(compares.map((r) => (r.responseBody as { status: string }).status)).toEqual(["diverged"]);
    const posted = server
      .callsTo("pulls/create-review")
      .flatMap((r) => (r.body as { comments: { line: number }[] }).comments);
    expect(posted.map((c) => c.line)).toContain(15);
  });

  it("if GitHub rejects the review batch anyway (422), posts comment by comment and moves failures to the summary", async () => {
    const pr = seed();
    server.faults.push({
      method: "POST",
      path: /\/pulls\/7\/reviews$/,
      status: 422,
      body: { message: "Unprocessable Entity", errors: ["Line could not be resolved"], status: "422" },
    });
    server.faults.push({
      method: "POST",
      path: /\/pulls\/7\/comments$/,
      status: 422,
      body: { message: "Validation Failed", errors: [], status: "422" },
      times: 1,
    });
    const run = await runAction(server, pr);
    expect(run.code).toBe(0);
    server.assertNoViolations();
    const singles = server.callsTo("pulls/create-review-comment");
    expect(singles.length).toBe(3);
    expect(server.repo().reviewComments.size).toBe(2);
    const summary = server.repo().issueCommentsOf(7)[0]!.body!;
    expect(summary).toContain("*Try this:*");
  });
});
