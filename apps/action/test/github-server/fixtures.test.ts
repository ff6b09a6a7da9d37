import { readFile, rm } from "node:fs/promises";
import { dirname } from "node:path";
import { describe, expect, it, onTestFinished } from "vitest";
import { actionEnvironment, buildPullRequestFixture, webhookExample, writeEventFile } from "./fixtures.js";

function keysOf(value: unknown): string[] {
  return Object.keys(value as object).sort();
}

describe("buildPullRequestFixture", () => {
  const fixture = buildPullRequestFixture({
    apiUrl: "http://127.0.0.1:9999",
    owner: "octo-learner",
    repo: "rag-demo",
    number: 42,
    headSha: "a".repeat(40),
    baseSha: "b".repeat(40),
    files: [{ filename: "app.py", before: "print(1)\n", after: "print(2)\n" }],
    labels: ["bug"],
  });

  it("keeps the shape of the real webhook payload", () => {
    const example = webhookExample("pull_request", "opened");
    expect(keysOf(fixture.event)).toEqual(
      keysOf(example).filter((k) => k !== "installation" && k !== "organization"),
    );
    expect(keysOf(fixture.event.pull_request)).toEqual(keysOf(example.pull_request));
    expect(keysOf(fixture.event.repository)).toEqual(keysOf(example.repository));
  });

  it("retargets identities, refs, SHAs, numbers and URLs", () => {
    const event = fixture.event as {
      number: number;
      pull_request: Record<string, unknown>;
      repository: Record<string, unknown>;
      sender: { login: string };
    };
    expect(event.number).toBe(42);
    expect(event.repository).toMatchObject({
      full_name: "octo-learner/rag-demo",
      id: fixture.repoId,
      default_branch: "main",
    });
    expect(event.pull_request).toMatchObject({
      number: 42,
      url: "http://127.0.0.1:9999/repos/octo-learner/rag-demo/pulls/42",
      html_url: "https://github.com/octo-learner/rag-demo/pull/42",
      head: { sha: "a".repeat(40), ref: fixture.headRef, repo: { full_name: "octo-learner/rag-demo" } },
      base: { sha: "b".repeat(40), ref: "main" },
      additions: 1,
      deletions: 1,
      changed_files: 1,
      labels: [{ name: "bug" }],
      user: { login: "octo-learner" },
    });
    expect(event.sender.login).toBe("octo-learner");
    const text = JSON.stringify(event);
    for (const stale of [
      "Codertocat",
      "Hello-World",
      "api.github.com",
      "ec26c3e57ca3a959ca5aad62de7213c562f8c821",
    ]) {
      expect(text).not.toContain(stale);
    }
  });

  it("sets before/after for synchronize", () => {
    const sync = buildPullRequestFixture({
      action: "synchronize",
      commits: [
        { sha: "1".repeat(40), changes: [{ filename: "a.py", after: "x\n" }] },
        { sha: "2".repeat(40), changes: [{ filename: "a.py", before: "x\n", after: "y\n" }] },
      ],
    });
    expect(sync.event).toMatchObject({
      action: "synchronize",
      before: "1".repeat(40),
      after: "2".repeat(40),
    });
    expect(sync.headSha).toBe("2".repeat(40));
    // The pull request's files are the commits' net change: a.py added with its latest content.
    expect(sync.files).toEqual([{ filename: "a.py", before: null, after: "y\n" }]);
  });

  it("rejects actions the examples do not have", () => {
    expect(() => buildPullRequestFixture({ action: "exploded" })).toThrow(/has: .*opened/);
  });
});

describe("event file and environment", () => {
  it("writes GITHUB_EVENT_PATH and the variables of a pull_request run", async () => {
    const fixture = buildPullRequestFixture({ number: 3 });
    const path = await writeEventFile(fixture.event);
    onTestFinished(() => rm(dirname(path), { recursive: true, force: true }));
    expect(JSON.parse(await readFile(path, "utf8"))).toEqual(fixture.event);
    const env = actionEnvironment(fixture, "http://127.0.0.1:1234/", path);
    expect(env).toMatchObject({
      GITHUB_EVENT_NAME: "pull_request",
      GITHUB_EVENT_PATH: path,
      GITHUB_API_URL: "http://127.0.0.1:1234",
      GITHUB_REPOSITORY: `${fixture.owner.login}/${fixture.repoName}`,
      GITHUB_REF: "refs/pull/3/merge",
      GITHUB_SHA: fixture.mergeSha,
    });
    expect(env.GITHUB_SHA).not.toBe(fixture.headSha);
  });
});
