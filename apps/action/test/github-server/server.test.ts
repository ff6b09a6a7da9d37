import { gunzipSync } from "node:zlib";
import { throttling } from "@octokit/plugin-throttling";
import { Octokit } from "@octokit/rest";
import { Parser, type ReadEntry } from "tar";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import {
  type GitHubServer,
  type PullRequestFixture,
  permissionDeniedFault,
  secondaryRateLimitFault,
  startGitHubServer,
} from "./index.js";

const TOKEN = "ghs_test-token-value-that-must-never-be-recorded";
const silent = { debug() {}, info() {}, warn() {}, error() {} };

// app.py: lines 1..13 before; the PR changes line 2, and adds line 14 (two hunks on the RIGHT side:
// new lines 1..5 and 11..14). README.md is added.
const BEFORE = Array.from({ length: 13 }, (_, i) => `line ${i + 1}`)
  .join("\n")
  .concat("\n");
const AFTER = BEFORE.replace("line 2\n", "line two\n").concat("line 14\n");

let server: GitHubServer;
let octokit: Octokit;
let pr: PullRequestFixture;
let owner: string;
let repo: string;

beforeEach(async () => {
  server = await startGitHubServer({ token: TOKEN });
  pr = server.seedPullRequest({
    owner: "octo-learner",
    repo: "rag-demo",
    number: 7,
    files: [
      { filename: "app.py", before: BEFORE, after: AFTER },
      { filename: "README.md", after: "# RAG demo\n" },
    ],
    baseFiles: { ".learnloop.yml": "tone: friendly\n" },
  });
  owner = pr.owner.login;
  repo = pr.repoName;
  octokit = new Octokit({ auth: TOKEN, baseUrl: server.url, log: silent });
});

afterEach(async () => {
  await server.close();
});

describe("valid calls", () => {
  it("serves the repository and the pull request, consistent with the event payload", async () => {
    const { data: repository } = await octokit.rest.repos.get({ owner, repo });
    expect(repository).toMatchObject({
      id: pr.repoId,
      full_name: "octo-learner/rag-demo",
      default_branch: "main",
    });
    const { data: pull } = await octokit.rest.pulls.get({ owner, repo, pull_number: 7 });
    const event = pr.event as { pull_request: { id: number; head: { sha: string } } };
    expect(pull).toMatchObject({
      id: event.pull_request.id,
      number: 7,
      state: "open",
      head: { sha: pr.headSha, ref: pr.headRef },
      base: { sha: pr.baseSha, ref: "main" },
      changed_files: 2,
      additions: 3,
      deletions: 1,
      commits: 1,
    });
    expect(pull.head.sha).toBe(event.pull_request.head.sha);
    expect(server.violations).toEqual([]);
    expect(server.callsTo("pulls/get")).toHaveLength(1);
  });

  it("lists files with patches and commits", async () => {
    const { data: files } = await octokit.rest.pulls.listFiles({ owner, repo, pull_number: 7 });
    expect(files.map((f) => [f.filename, f.status])).toEqual([
      ["app.py", "modified"],
      ["README.md", "added"],
    ]);
    expect(files[0]!.patch).toContain("-line 2\n+line two");
    const { data: commits } = await octokit.rest.pulls.listCommits({ owner, repo, pull_number: 7 });
    expect(commits.map((c) => c.sha)).toEqual([pr.headSha]);
    expect(commits[0]!.parents.map((p) => p.sha)).toEqual([pr.baseSha]);
    server.assertNoViolations();
  });

  it("serves file contents at a ref, and 404s like GitHub", async () => {
    const { data } = await octokit.rest.repos.getContent({ owner, repo, path: "app.py", ref: pr.headSha });
    expect(data).toMatchObject({ type: "file", encoding: "base64", path: "app.py" });
    const content = (data as { content: string }).content;
    expect(Buffer.from(content, "base64").toString("utf8")).toBe(AFTER);
    const { data: base } = await octokit.rest.repos.getContent({ owner, repo, path: "app.py", ref: "main" });
    expect(Buffer.from((base as { content: string }).content, "base64").toString("utf8")).toBe(BEFORE);
    const { data: config } = await octokit.rest.repos.getContent({ owner, repo, path: ".learnloop.yml" });
    expect(config).toMatchObject({ name: ".learnloop.yml" });
    const raw = await octokit.rest.repos.getContent({
      owner,
      repo,
      path: "README.md",
      ref: pr.headRef,
      mediaType: { format: "raw" },
    });
    expect(raw.data).toBe("# RAG demo\n");
    await expect(
      octokit.rest.repos.getContent({ owner, repo, path: "README.md", ref: "main" }),
    ).rejects.toMatchObject({
      status: 404,
    });
    await expect(
      octokit.rest.repos.getContent({ owner, repo, path: "x", ref: "nope" }),
    ).rejects.toMatchObject({
      status: 404,
      response: { data: { message: "No commit found for the ref nope" } },
    });
    server.assertNoViolations();
  });

  it("serves the pull request as a diff", async () => {
    const { data } = await octokit.rest.pulls.get({
      owner,
      repo,
      pull_number: 7,
      mediaType: { format: "diff" },
    });
    expect(String(data)).toContain("diff --git a/app.py b/app.py\n");
    expect(String(data)).toContain("+++ b/README.md\n@@ -0,0 +1 @@\n+# RAG demo");
  });

  it("compares commits: ahead, behind, identical and diverged", async () => {
    const compare = async (basehead: string) =>
      (await octokit.rest.repos.compareCommitsWithBasehead({ owner, repo, basehead })).data;
    expect(await compare(`${pr.baseSha}...${pr.headSha}`)).toMatchObject({
      status: "ahead",
      ahead_by: 1,
      behind_by: 0,
    });
    expect(await compare(`${pr.headSha}...${pr.baseSha}`)).toMatchObject({
      status: "behind",
      ahead_by: 0,
      behind_by: 1,
    });
    expect(await compare(`${pr.headSha}...${pr.headRef}`)).toMatchObject({
      status: "identical",
      total_commits: 0,
    });
    // Someone pushes to main: the stored head is no longer an ancestor of main.
    const repoState = server.repo();
    server.state.addCommit(repoState, {
      sha: "c".repeat(40),
      parents: [pr.baseSha],
      changes: [{ filename: "x", after: "x\n" }],
    });
    repoState.branches.set("main", "c".repeat(40));
    const diverged = await compare(`main...${pr.headSha}`);
    expect(diverged).toMatchObject({
      status: "diverged",
      ahead_by: 1,
      behind_by: 1,
      merge_base_commit: { sha: pr.baseSha },
    });
    expect(diverged.files?.map((f) => f.filename)).toEqual(["app.py", "README.md"]);
    await expect(compare(`${"d".repeat(40)}...${pr.headSha}`)).rejects.toMatchObject({ status: 404 });
    server.assertNoViolations();
  });

  it("re-seeds a pull request for a synchronize push, comparing only the new commit", async () => {
    const firstHead = pr.headSha;
    const AFTER2 = AFTER.replace("line 7\n", "line seven\n");
    const sync = server.seedPullRequest({
      owner,
      repo,
      number: 7,
      action: "synchronize",
      files: [
        { filename: "app.py", before: BEFORE, after: AFTER2 },
        { filename: "README.md", after: "# RAG demo\n" },
      ],
    });
    expect(sync.headSha).not.toBe(firstHead);
    expect(sync.event).toMatchObject({ before: firstHead, after: sync.headSha });
    const { data: pull } = await octokit.rest.pulls.get({ owner, repo, pull_number: 7 });
    expect(pull).toMatchObject({ head: { sha: sync.headSha }, commits: 2 });
    const { data: since } = await octokit.rest.repos.compareCommitsWithBasehead({
      owner,
      repo,
      basehead: `${firstHead}...${sync.headSha}`,
    });
    expect(since).toMatchObject({ status: "ahead", ahead_by: 1 });
    expect(since.files?.map((f) => [f.filename, f.patch])).toEqual([
      [
        "app.py",
        "@@ -4,7 +4,7 @@\n line 4\n line 5\n line 6\n-line 7\n+line seven\n line 8\n line 9\n line 10",
      ],
    ]);
    server.assertNoViolations();
  });

  it("serves a repository tarball through GitHub's redirect to codeload", async () => {
    const { data } = await octokit.rest.repos.downloadTarballArchive({ owner, repo, ref: pr.headSha });
    const entries = new Map<string, string>();
    await new Promise<void>((resolve, reject) => {
      const parser = new Parser({
        strict: true,
        onReadEntry: (entry: ReadEntry) => {
          const chunks: Buffer[] = [];
          entry.on("data", (chunk: Buffer) => chunks.push(chunk));
          entry.on("end", () =>
            entries.set(`${entry.type}:${entry.path}`, Buffer.concat(chunks).toString("utf8")),
          );
        },
      });
      parser.on("error", reject);
      parser.on("end", () => resolve());
      parser.end(Buffer.from(data as ArrayBuffer));
    });
    const root = `${owner}-${repo}-${pr.headSha.slice(0, 7)}`;
    expect(Object.fromEntries(entries)).toEqual({
      [`Directory:${root}/`]: "",
      [`File:${root}/.learnloop.yml`]: "tone: friendly\n",
      [`File:${root}/README.md`]: "# RAG demo\n",
      [`File:${root}/app.py`]: AFTER,
    });
    // Like GitHub's: a pax global header carrying the commit SHA comes first.
    const raw = gunzipSync(Buffer.from(data as ArrayBuffer));
    expect(raw.subarray(0, 17).toString()).toBe("pax_global_header");
    expect(String.fromCharCode(raw[156]!)).toBe("g");
    expect(raw.subarray(512, 1024).toString()).toContain(`comment=${pr.headSha}\n`);
    expect(server.requests.map((r) => [r.route, r.status])).toEqual([
      ["/repos/{owner}/{repo}/tarball/{ref}", 302],
      ["/_codeload/{owner}/{repo}/legacy.tar.gz/{sha}", 200],
    ]);
    await expect(
      octokit.rest.repos.downloadTarballArchive({ owner, repo, ref: "no-such-branch" }),
    ).rejects.toMatchObject({
      status: 404,
    });
    server.assertNoViolations();
  });

  it("answers GET /user with 403 for the github-actions[bot] token, like GITHUB_TOKEN", async () => {
    await expect(octokit.rest.users.getAuthenticated()).rejects.toMatchObject({
      status: 403,
      response: { data: { message: "Resource not accessible by integration" } },
    });
  });
});

describe("contract violations", () => {
  it("rejects and records an unknown route", async () => {
    await expect(
      octokit.request("GET /repos/{owner}/{repo}/learnloop-nonsense", { owner, repo }),
    ).rejects.toMatchObject({
      status: 404,
    });
    await expect(
      octokit.request("PUT /repos/{owner}/{repo}/issues/comments/{id}", { owner, repo, id: 1, body: "x" }),
    ).rejects.toMatchObject({
      status: 404,
    });
    expect(server.violations.map((v) => [v.kind, v.method])).toEqual([
      ["unknown-route", "GET"],
      ["unknown-route", "PUT"],
    ]);
    expect(server.violations[1]!.message).toContain("it has GET, PATCH, DELETE");
    expect(() => server.assertNoViolations()).toThrow(/unknown-route/);
  });

  it("rejects and records a body that does not match the operation's schema", async () => {
    await expect(
      // `as string`: deliberately outside Octokit's types.
      octokit.request("POST /repos/{owner}/{repo}/pulls/{pull_number}/reviews" as string, {
        owner,
        repo,
        pull_number: 7,
        event: "SHOUT",
        comments: [{ path: "app.py", line: "2", body: "x" }],
      }),
    ).rejects.toMatchObject({ status: 400 });
    const [violation] = server.violations;
    expect(violation).toMatchObject({ kind: "invalid-body", operationId: "pulls/create-review" });
    expect(violation!.problems).toEqual(
      expect.arrayContaining([
        { where: "body/event", message: 'must be one of "APPROVE", "REQUEST_CHANGES", "COMMENT"' },
        { where: "body/comments/0/line", message: "must be integer" },
      ]),
    );
    expect(server.repo().reviews.size).toBe(0);
  });

  it("records properties and query parameters GitHub would silently ignore", async () => {
    await expect(
      octokit.request("POST /repos/{owner}/{repo}/issues/{issue_number}/comments", {
        owner,
        repo,
        issue_number: 7,
        body: "x",
        bdy: "typo",
      }),
    ).rejects.toMatchObject({ status: 400 });
    await expect(
      octokit.request("GET /repos/{owner}/{repo}/pulls/{pull_number}/files", {
        owner,
        repo,
        pull_number: 7,
        perPage: 5,
      }),
    ).rejects.toMatchObject({
      status: 400,
    });
    await expect(
      octokit.request("GET /repos/{owner}/{repo}/issues/{issue_number}" as string, {
        owner,
        repo,
        issue_number: "seven",
      }),
    ).rejects.toMatchObject({
      status: 400,
    });
    expect(server.violations.map((v) => [v.kind, v.problems?.[0]?.where])).toEqual([
      ["invalid-body", "body"],
      ["invalid-params", "query/perPage"],
      ["invalid-params", "path/issue_number"],
    ]);
  });

  it("requires the token, and never records its value", async () => {
    const anonymous = new Octokit({ baseUrl: server.url, log: silent });
    await expect(anonymous.rest.repos.get({ owner, repo })).rejects.toMatchObject({ status: 401 });
    const wrong = new Octokit({ auth: "ghs_other", baseUrl: server.url, log: silent });
    await expect(wrong.rest.repos.get({ owner, repo })).rejects.toMatchObject({ status: 401 });
    await octokit.rest.repos.get({ owner, repo });
    expect(server.violations.map((v) => v.kind)).toEqual(["auth", "auth"]);
    expect(server.requests.at(-1)!.headers.authorization).toBe("token [redacted]");
    expect(JSON.stringify(server.requests)).not.toContain(TOKEN);
    expect(JSON.stringify(server.violations)).not.toContain(TOKEN);
  });
});

describe("review comments must sit on the diff", () => {
  const review = (comments: Array<Record<string, unknown>>) =>
    octokit.rest.pulls.createReview({
      owner,
      repo,
      pull_number: 7,
      event: "COMMENT",
      body: "<!-- learnloop:review -->",
      comments: comments as Array<{ path: string; body: string }>,
    });

  it("posts a review with single-line, multi-line and LEFT-side comments", async () => {
    const { data } = await review([
      { path: "app.py", line: 2, body: "renamed?" },
      { path: "app.py", start_line: 11, line: 14, body: "the new tail" },
      { path: "app.py", line: 2, side: "LEFT", body: "old line" },
      { path: "README.md", line: 1, body: "nice" },
    ]);
    expect(data).toMatchObject({
      state: "COMMENTED",
      commit_id: pr.headSha,
      body: "<!-- learnloop:review -->",
    });
    const { data: comments } = await octokit.rest.pulls.listReviewComments({ owner, repo, pull_number: 7 });
    expect(comments.map((c) => [c.path, c.start_line, c.line, c.side, c.pull_request_review_id])).toEqual([
      ["app.py", null, 2, "RIGHT", data.id],
      ["app.py", 11, 14, "RIGHT", data.id],
      ["app.py", null, 2, "LEFT", data.id],
      ["README.md", null, 1, "RIGHT", data.id],
    ]);
    expect(comments[0]!.diff_hunk).toBe("@@ -1,5 +1,5 @@\n line 1\n-line 2\n+line two");
    server.assertNoViolations();
  });

  it("rejects the whole review when one comment is off the diff, and stores nothing", async () => {
    const error = await review([
      { path: "app.py", line: 2, body: "fine" },
      { path: "app.py", line: 8, body: "line 8 is between the hunks" },
    ]).catch((e: unknown) => e);
    expect(error).toMatchObject({
      status: 422,
      response: {
        data: { message: "Unprocessable Entity", errors: ["Line could not be resolved"], status: "422" },
      },
    });
    expect(server.repo().reviews.size).toBe(0);
    expect(server.repo().reviewComments.size).toBe(0);
    expect((await octokit.rest.pulls.listReviews({ owner, repo, pull_number: 7 })).data).toEqual([]);
    // A 422 from GitHub's rules is not a contract violation: the request itself was well-formed.
    server.assertNoViolations();
  });

  it("applies GitHub's other anchoring rules", async () => {
    const reject = async (comment: Record<string, unknown>, message: string) => {
      await expect(review([comment])).rejects.toMatchObject({
        status: 422,
        response: { data: { errors: [message] } },
      });
    };
    await reject({ path: "app.py", line: 14, side: "LEFT", body: "x" }, "Line could not be resolved");
    await reject({ path: "other.py", line: 1, body: "x" }, "Path could not be resolved");
    await reject(
      { path: "app.py", start_line: 2, line: 12, body: "x" },
      "Pull request review thread start line must be part of the same hunk as the line.",
    );
    await reject(
      { path: "app.py", start_line: 12, line: 12, body: "x" },
      "Pull request review thread start line must precede the end line.",
    );
    expect(server.repo().reviews.size).toBe(0);
  });

  it("checks single review comments too, with GitHub's Validation Failed shape", async () => {
    const comment = (line: number) =>
      octokit.rest.pulls.createReviewComment({
        owner,
        repo,
        pull_number: 7,
        commit_id: pr.headSha,
        path: "app.py",
        line,
        body: "x",
      });
    await expect(comment(8)).rejects.toMatchObject({
      status: 422,
      response: {
        data: {
          message: "Validation Failed",
          errors: [
            {
              field: "pull_request_review_thread.line",
              message: "pull_request_review_thread.line must be part of the diff",
            },
          ],
        },
      },
    });
    const { data } = await comment(3);
    expect(data).toMatchObject({ path: "app.py", line: 3, side: "RIGHT", commit_id: pr.headSha });
    expect(server.repo().reviewComments.size).toBe(1);
  });

  it("supports positions, file-level comments, replies and pending reviews", async () => {
    // Position 3 of app.py's patch is "+line two" (new line 2).
    const { data: pending } = await octokit.rest.pulls.createReview({
      owner,
      repo,
      pull_number: 7,
      comments: [{ path: "app.py", position: 3, body: "by position" }],
    });
    expect(pending).toMatchObject({ state: "PENDING" });
    expect(pending).not.toHaveProperty("submitted_at");
    expect((await octokit.rest.pulls.listReviewComments({ owner, repo, pull_number: 7 })).data).toEqual([]);
    await expect(octokit.rest.pulls.createReview({ owner, repo, pull_number: 7 })).rejects.toMatchObject({
      status: 422,
      response: { data: { errors: ["User can only have one pending review per pull request"] } },
    });
    await octokit.rest.pulls.submitReview({
      owner,
      repo,
      pull_number: 7,
      review_id: pending.id,
      event: "COMMENT",
    });
    const [byPosition] = (await octokit.rest.pulls.listReviewComments({ owner, repo, pull_number: 7 })).data;
    expect(byPosition).toMatchObject({ line: 2, side: "RIGHT", position: 3 });
    const { data: fileLevel } = await octokit.rest.pulls.createReviewComment({
      owner,
      repo,
      pull_number: 7,
      commit_id: pr.headSha,
      path: "README.md",
      subject_type: "file",
      body: "about the whole file",
    });
    expect(fileLevel).toMatchObject({ subject_type: "file", path: "README.md" });
    expect(fileLevel.line ?? null).toBeNull();
    const { data: reply } = await octokit.rest.pulls.createReplyForReviewComment({
      owner,
      repo,
      pull_number: 7,
      comment_id: byPosition!.id,
      body: "a reply",
    });
    expect(reply).toMatchObject({ in_reply_to_id: byPosition!.id, path: "app.py", line: 2 });
    await expect(
      octokit.rest.pulls.createReviewComment({
        owner,
        repo,
        pull_number: 7,
        commit_id: "e".repeat(40),
        path: "app.py",
        line: 2,
        body: "x",
      }),
    ).rejects.toMatchObject({ status: 422, response: { data: { errors: [{ field: "commit_id" }] } } });
    server.assertNoViolations();
  });

  it("rejects reviews on the pull request's own author, like GitHub", async () => {
    server.state.viewer = pr.author;
    await expect(
      octokit.rest.pulls.createReview({ owner, repo, pull_number: 7, event: "REQUEST_CHANGES", body: "x" }),
    ).rejects.toMatchObject({
      status: 422,
      response: { data: { errors: ["Can not request changes on your own pull request"] } },
    });
  });
});

describe("pagination", () => {
  it("paginates pull request files with Link headers", async () => {
    const files = Array.from({ length: 75 }, (_, i) => ({
      filename: `src/f${String(i).padStart(2, "0")}.py`,
      after: `x = ${i}\n`,
    }));
    server.seedPullRequest({ owner, repo, number: 8, files });
    const first = await octokit.rest.pulls.listFiles({ owner, repo, pull_number: 8, per_page: 30 });
    expect(first.data).toHaveLength(30);
    expect(first.headers.link).toContain('page=2>; rel="next"');
    expect(first.headers.link).toContain('page=3>; rel="last"');
    server.clearRecords();
    const all = await octokit.paginate(octokit.rest.pulls.listFiles, {
      owner,
      repo,
      pull_number: 8,
      per_page: 30,
    });
    expect(all.map((f) => f.filename)).toEqual(files.map((f) => f.filename));
    expect(server.callsTo("pulls/list-files").map((r) => r.query.page ?? "1")).toEqual(["1", "2", "3"]);
    server.assertNoViolations();
  });

  it("paginates review comments and issue comments", async () => {
    await octokit.rest.pulls.createReview({
      owner,
      repo,
      pull_number: 7,
      event: "COMMENT",
      body: "many",
      comments: Array.from({ length: 5 }, (_, i) => ({ path: "app.py", line: 1 + i, body: `c${i}` })),
    });
    const comments = await octokit.paginate(octokit.rest.pulls.listReviewComments, {
      owner,
      repo,
      pull_number: 7,
      per_page: 2,
    });
    expect(comments.map((c) => c.body)).toEqual(["c0", "c1", "c2", "c3", "c4"]);
    expect(server.callsTo("pulls/list-review-comments")).toHaveLength(3);
    for (let i = 0; i < 3; i++) server.state.addIssueComment(server.repo(), 7, `comment ${i}`);
    const issueComments = await octokit.paginate(octokit.rest.issues.listComments, {
      owner,
      repo,
      issue_number: 7,
      per_page: 1,
    });
    expect(issueComments.map((c) => c.body)).toEqual(["comment 0", "comment 1", "comment 2"]);
  });
});

describe("faults", () => {
  it("serves injected faults in order, then the real answer", async () => {
    server.faults.push({ method: "POST", path: /\/reviews$/, status: 502, times: 2 });
    server.faults.push(secondaryRateLimitFault({ operationId: "pulls/create-review" }));
    const post = () =>
      octokit.rest.pulls.createReview({ owner, repo, pull_number: 7, event: "COMMENT", body: "hello" });
    await expect(post()).rejects.toMatchObject({ status: 502 });
    await expect(post()).rejects.toMatchObject({ status: 502 });
    const limited = await post().catch((e: unknown) => e);
    expect(limited).toMatchObject({
      status: 403,
      response: {
        headers: { "retry-after": "1" },
        data: { message: expect.stringContaining("You have exceeded a secondary rate limit") },
      },
    });
    await expect(post()).resolves.toMatchObject({ status: 200 });
    expect(server.faults).toEqual([]);
    expect(server.callsTo("pulls/create-review").map((r) => [r.status, r.faulted])).toEqual([
      [502, true],
      [502, true],
      [403, true],
      [200, false],
    ]);
    expect(server.repo().reviews.size).toBe(1);
  });

  it("makes a secondary rate limit that @octokit/plugin-throttling recognises and retries", async () => {
    const Throttled = Octokit.plugin(throttling);
    const waits: number[] = [];
    const client = new Throttled({
      auth: TOKEN,
      baseUrl: server.url,
      log: silent,
      throttle: {
        onRateLimit: () => false,
        onSecondaryRateLimit: (retryAfter: number) => {
          waits.push(retryAfter);
          return true;
        },
      },
    });
    server.faults.push(secondaryRateLimitFault({ method: "POST" }));
    const { data } = await client.rest.issues.createComment({
      owner,
      repo,
      issue_number: 7,
      body: "after a wait",
    });
    expect(data.body).toBe("after a wait");
    expect(waits).toEqual([1]);
    expect(server.callsTo("issues/create-comment").map((r) => r.status)).toEqual([403, 201]);
  });

  it("denies writes with 'Resource not accessible by integration' while reads work", async () => {
    server.faults.push(permissionDeniedFault());
    await expect(octokit.rest.issues.get({ owner, repo, issue_number: 7 })).resolves.toMatchObject({
      status: 200,
    });
    await expect(
      octokit.rest.issues.createComment({ owner, repo, issue_number: 7, body: "x" }),
    ).rejects.toMatchObject({
      status: 403,
      response: { data: { message: "Resource not accessible by integration" } },
    });
    expect(server.repo().issueComments.size).toBe(0);
  });

  it("validates a request before serving a fault for it", async () => {
    server.faults.push({ status: 500 });
    await expect(
      octokit.request("POST /repos/{owner}/{repo}/labels" as string, { owner, repo }),
    ).rejects.toMatchObject({ status: 400 });
    expect(server.faults).toHaveLength(1);
    expect(server.violations.map((v) => v.kind)).toEqual(["invalid-body"]);
  });
});

describe("body limit", () => {
  const LIMIT = 65_536;

  it("accepts 65536 characters and rejects 65537 on issue comments", async () => {
    await expect(
      octokit.rest.issues.createComment({ owner, repo, issue_number: 7, body: "a".repeat(LIMIT) }),
    ).resolves.toMatchObject({
      status: 201,
    });
    // Characters, not UTF-16 units: 65536 emoji are fine.
    await expect(
      octokit.rest.issues.createComment({ owner, repo, issue_number: 7, body: "🙂".repeat(LIMIT) }),
    ).resolves.toMatchObject({
      status: 201,
    });
    await expect(
      octokit.rest.issues.createComment({ owner, repo, issue_number: 7, body: "a".repeat(LIMIT + 1) }),
    ).rejects.toMatchObject({
      status: 422,
      response: {
        data: {
          message: "Validation Failed",
          errors: [{ resource: "IssueComment", message: "Body is too long (maximum is 65536 characters)" }],
        },
      },
    });
    expect(server.repo().issueCommentsOf(7)).toHaveLength(2);
  });

  it("applies to comment updates, reviews, review comments and issues", async () => {
    const long = "b".repeat(LIMIT + 1);
    const { data: comment } = await octokit.rest.issues.createComment({
      owner,
      repo,
      issue_number: 7,
      body: "short",
    });
    const tooLong = {
      status: 422,
      message: expect.stringMatching(/body is too long \(maximum is 65536 characters\)/i),
    };
    await expect(
      octokit.rest.issues.updateComment({ owner, repo, comment_id: comment.id, body: long }),
    ).rejects.toMatchObject(tooLong);
    await expect(
      octokit.rest.pulls.createReview({ owner, repo, pull_number: 7, event: "COMMENT", body: long }),
    ).rejects.toMatchObject(tooLong);
    await expect(
      octokit.rest.pulls.createReview({
        owner,
        repo,
        pull_number: 7,
        event: "COMMENT",
        body: "ok",
        comments: [{ path: "app.py", line: 2, body: long }],
      }),
    ).rejects.toMatchObject(tooLong);
    await expect(
      octokit.rest.issues.create({ owner, repo, title: "Learning goals", body: long }),
    ).rejects.toMatchObject(tooLong);
    expect(server.repo().reviews.size).toBe(0);
    expect(
      server
        .repo()
        .issueCommentsOf(7)
        .map((c) => c.body),
    ).toEqual(["short"]);
  });
});

describe("issues, comments and labels", () => {
  it("changes updated_at on every write to an issue", async () => {
    const { data: created } = await octokit.rest.issues.create({
      owner,
      repo,
      title: "Learning goals",
      body: "v1",
      labels: ["learning-goals"],
    });
    const { data: first } = await octokit.rest.issues.update({
      owner,
      repo,
      issue_number: created.number,
      body: "v2",
    });
    const { data: second } = await octokit.rest.issues.update({
      owner,
      repo,
      issue_number: created.number,
      body: "v3",
    });
    expect(first.updated_at > created.updated_at).toBe(true);
    expect(second.updated_at > first.updated_at).toBe(true);
    expect(second.created_at).toBe(created.created_at);
    const { data: fetched } = await octokit.rest.issues.get({ owner, repo, issue_number: created.number });
    expect(fetched).toMatchObject({ body: "v3", updated_at: second.updated_at });
    server.assertNoViolations();
  });

  it("finds the learning-goals issue by label, state and creator; creates missing labels", async () => {
    await expect(octokit.rest.issues.getLabel({ owner, repo, name: "learning-goals" })).rejects.toMatchObject(
      { status: 404 },
    );
    await octokit.rest.issues.createLabel({
      owner,
      repo,
      name: "learning-goals",
      color: "0e8a16",
      description: "learnloop",
    });
    await expect(
      octokit.rest.issues.createLabel({ owner, repo, name: "Learning-Goals" }),
    ).rejects.toMatchObject({
      status: 422,
      response: { data: { errors: [{ code: "already_exists" }] } },
    });
    const { data: goals } = await octokit.rest.issues.create({
      owner,
      repo,
      title: "Learning goals",
      body: "<!-- learnloop:learning-goals -->",
      labels: ["learning-goals"],
    });
    await octokit.rest.issues.create({ owner, repo, title: "Unrelated", labels: ["bug"] });
    const find = (params: Record<string, string>) =>
      octokit.rest.issues.listForRepo({ owner, repo, ...params }).then((r) => r.data.map((i) => i.number));
    expect(await find({ labels: "learning-goals" })).toEqual([goals.number]);
    expect(await find({ labels: "learning-goals", creator: "github-actions[bot]", state: "all" })).toEqual([
      goals.number,
    ]);
    expect(await find({ labels: "learning-goals", creator: "someone-else" })).toEqual([]);
    await octokit.rest.issues.update({
      owner,
      repo,
      issue_number: goals.number,
      state: "closed",
      state_reason: "completed",
    });
    expect(await find({ labels: "learning-goals" })).toEqual([]);
    expect(await find({ labels: "learning-goals", state: "closed" })).toEqual([goals.number]);
    // The pull request is an issue too (GitHub lists it among issues, with a pull_request key).
    const { data: open } = await octokit.rest.issues.listForRepo({ owner, repo });
    expect(open.find((i) => i.number === 7)?.pull_request).toBeDefined();
    const { data: labels } = await octokit.rest.issues.listLabelsForRepo({ owner, repo, per_page: 100 });
    expect(labels.map((l) => l.name)).toEqual(expect.arrayContaining(["bug", "learning-goals"]));
    server.assertNoViolations();
  });

  it("updates a marked summary comment in place", async () => {
    const marker = "<!-- learnloop:summary -->";
    await octokit.rest.issues.createComment({ owner, repo, issue_number: 7, body: "someone else" });
    const { data: created } = await octokit.rest.issues.createComment({
      owner,
      repo,
      issue_number: 7,
      body: `${marker}\nv1`,
    });
    const { data: comments } = await octokit.rest.issues.listComments({ owner, repo, issue_number: 7 });
    const mine = comments.find((c) => c.body?.includes(marker) && c.user?.login === "github-actions[bot]");
    expect(mine?.id).toBe(created.id);
    const { data: updated } = await octokit.rest.issues.updateComment({
      owner,
      repo,
      comment_id: created.id,
      body: `${marker}\nv2`,
    });
    expect(updated.updated_at > created.updated_at).toBe(true);
    expect(
      server
        .repo()
        .issueCommentsOf(7)
        .map((c) => c.body),
    ).toEqual(["someone else", `${marker}\nv2`]);
    await expect(
      octokit.rest.issues.updateComment({ owner, repo, comment_id: 1, body: "x" }),
    ).rejects.toMatchObject({ status: 404 });
    server.assertNoViolations();
  });
});
