import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { type GitHubServer, startGitHubServer } from "../github-server/index.js";
import { runAction, TOKEN } from "./run-action.js";

const OWNER = "octo-learner";
const REPO = "notes-bot";
const BARE =
  "import json\n\n\ndef load(path):\n    try:\n        return json.load(open(path))\n    except:\n        return None\n";
const FIXED = BARE.replace("    except:\n", "    except OSError:\n");
const ABSOLUTE = 'DATA = "/Users/maya/data.csv"\n';
const YAML = "import yaml\n\n\ndef read(path):\n    return yaml.load(open(path))\n";

let server: GitHubServer;
beforeEach(async () => {
  server = await startGitHubServer({ token: TOKEN });
});
afterEach(async () => {
  await server.close();
});

function seed(number: number, action: string, files: Record<string, string>) {
  return server.seedPullRequest({
    owner: OWNER,
    repo: REPO,
    number,
    action,
    files: Object.entries(files).map(([filename, after]) => ({ filename, before: "", after })),
    baseFiles: {
      "README.md": "# Notes bot\n\nAnswers questions about my notes.\n\n```sh\npython app.py\n```\n",
    },
  });
}

const goalsIssues = () =>
  [...server.repo().issues.values()].filter((i) => i.labels.includes("learning-goals"));
const goalsIssue = () => goalsIssues()[0]!;
const marker = (id: string) => `<!-- goal:${id} -->`;

async function firstRun() {
  const run = await runAction(server, seed(7, "opened", { "app.py": BARE }));
  expect(run.stderr).toBe("");
  expect(run.code).toBe(0);
  server.assertNoViolations();
  return run;
}

describe("the learning-goals issue, end to end", () => {
  it("first PR creates it; the learner's edits survive the next PR, which ticks a fixed gap with a link and adds a new one", async () => {
    const first = await firstRun();
    expect(server.callsTo("issues/create-label")).toHaveLength(1);
    expect(goalsIssues()).toHaveLength(1);
    const issue = goalsIssue();
    expect(first.outputs["goals-issue-number"]).toBe(String(issue.number));
    expect(issue.title).toBe("My learning goals");
    expect(issue.body).toMatch(/^<!-- learnloop:goals -->\n## 🎯 My learning goals/);
    for (const id of ["testing/missing-tests", "code-quality/bare-except", "documentation/vague-outcome"])
      expect(issue.body).toContain(marker(id));
    expect(issue.body).toContain("```mermaid\nxychart-beta");
    expect(server.repo().issueCommentsOf(7)[0]!.body).toContain(`3 new goals:`);

    // The learner deletes the testing goal, ticks the README goal, adds a goal and a note of their own.
    const lines = issue.body!.split("\n");
    const edited = lines
      .filter((l) => !l.includes(marker("testing/missing-tests")))
      .map((l) => (l.includes(marker("documentation/vague-outcome")) ? l.replace("- [ ]", "- [x]") : l))
      .join("\n")
      .replace(
        "### Progress",
        "### My own goals\n\n- [ ] Learn to order dinner in French 🍝\r\nA note, *kept* as I wrote it.  \n\n### Progress",
      );
    issue.body = edited;

    // The next push fixes the bare except and adds an absolute path.
    server.clearRecords();
    const pushed = seed(7, "synchronize", { "app.py": `${FIXED}${ABSOLUTE}` });
    const next = await runAction(server, pushed);
    expect(next.code).toBe(0);
    server.assertNoViolations();
    const body = goalsIssue().body!;
    const head = pushed.headSha.slice(0, 7);
    expect(body).toMatch(
      new RegExp(
        `### Done\\n\\n- \\[x\\] Replace every bare .* · shown in #7 \\(${head}\\) <!-- goal:code-quality/bare-except -->`,
      ),
    );
    expect(body).toContain(marker("data/absolute-path"));
    expect(body).not.toContain(marker("testing/missing-tests"));
    expect(body).toMatch(/- \[x\] State the project's outcome .*<!-- goal:documentation\/vague-outcome -->/);
    expect(body).toContain(
      "### My own goals\n\n- [ ] Learn to order dinner in French 🍝\r\nA note, *kept* as I wrote it.  \n",
    );
    expect(server.callsTo("issues/update")).toHaveLength(1);
    const summary = server.repo().issueCommentsOf(7)[0]!.body!;
    expect(summary).toContain("🎯 1 goal done in this PR: *Replace every bare");
    expect(summary).toContain("1 new goal: *Make the project run from a fresh clone");
  });

  it("two runs racing on the same issue (two PRs at once): both sets of changes are in it at the end", async () => {
    await firstRun();
    const a = seed(7, "synchronize", { "app.py": `${BARE}${ABSOLUTE}` });
    // Issue #8 is the goals issue: the second PR takes a later number.
    const b = seed(20, "opened", { "loader.py": YAML });
    const [runA, runB] = await Promise.all([runAction(server, a), runAction(server, b)]);
    expect([runA.code, runB.code]).toEqual([0, 0]);
    server.assertNoViolations();
    expect(goalsIssues()).toHaveLength(1);
    const body = goalsIssue().body!;
    expect(body).toContain(marker("data/absolute-path"));
    expect(body).toMatch(/<!-- goal:security\/unsafe-yaml-load -->/);
    expect(body.match(/<!-- goal:code-quality/g)).toHaveLength(1);
    const state = JSON.parse(/<!-- learnloop:state (.*) -->/.exec(body)![1]!);
    // Three reviews, each once: the first run, then the two racing ones (none lost, none doubled by re-merging).
    expect(state.hist.map(([label]: [string]) => label).sort()).toEqual(["#20", "#7", "#7"]);
  });

  it("a racing run's write that lands just after learnloop's: it looks again, sees its review gone, merges it back", async () => {
    await firstRun();
    const issue = goalsIssue();
    const before = issue.body!;
    let raced = false;
    server.faults.push({
      method: "PATCH",
      path: new RegExp(`/issues/${issue.number}$`),
      status: 200,
      times: 0,
      when: () => {
        // Another run, which read the issue before this write, writes its own merge 200 ms later.
        if (!raced) setTimeout(() => (issue.body = `${before}\n- [ ] A goal the other run kept\n`), 200);
        raced = true;
        return false;
      },
    });
    server.clearRecords();
    const run = await runAction(server, seed(7, "synchronize", { "app.py": `${BARE}${ABSOLUTE}` }));
    expect(run.code).toBe(0);
    server.assertNoViolations();
    expect(raced).toBe(true);
    expect(run.stdout).toContain("was written by someone else just after us: merging again");
    expect(server.callsTo("issues/update")).toHaveLength(2);
    const body = goalsIssue().body!;
    expect(body).toContain(marker("data/absolute-path"));
    expect(body).toContain("- [ ] A goal the other run kept\n");
  });

  it("a closed issue is left alone, and reopened when the workflow says goals-issue: reopen", async () => {
    await firstRun();
    const issue = goalsIssue();
    issue.state = "closed";
    const before = issue.body;
    const next = seed(7, "synchronize", { "app.py": `${BARE}${ABSOLUTE}` });
    server.clearRecords();
    const run = await runAction(server, next);
    expect(run.code).toBe(0);
    expect(server.callsTo("issues/update")).toHaveLength(0);
    expect(server.callsTo("issues/create")).toHaveLength(0);
    expect(goalsIssue().body).toBe(before);
    expect(run.outputs["goals-issue-number"]).toBe(String(issue.number));

    const reopened = await runAction(server, next, { inputs: { "goals-issue": "reopen" } });
    expect(reopened.code).toBe(0);
    server.assertNoViolations();
    expect(goalsIssue().state).toBe("open");
    expect(goalsIssue().body).toContain(marker("data/absolute-path"));
  });

  it("a 60,000-character body: the learner's text is kept whole and the issue stays under GitHub's limit", async () => {
    await firstRun();
    const issue = goalsIssue();
    const notes = Array.from({ length: 1_200 }, (_, i) => `- note ${i}: ${"ünïcödé notes ".repeat(3)}`).join(
      "\n",
    );
    issue.body = `${issue.body}\n${notes}`.slice(0, 60_000);
    const kept = issue.body;
    const run = await runAction(server, seed(7, "synchronize", { "app.py": `${BARE}${ABSOLUTE}` }));
    expect(run.code).toBe(0);
    server.assertNoViolations();
    const body = goalsIssue().body!;
    expect(body.length).toBeLessThanOrEqual(65_536);
    expect(body).toContain(marker("data/absolute-path"));
    const learnerPart = kept.slice(kept.indexOf("- note 0:"));
    expect(body).toContain(learnerPart);
  });

  it("a body that cannot take learnloop's additions under the limit is left as it is, with a warning", async () => {
    await firstRun();
    const issue = goalsIssue();
    issue.body = `${issue.body}\n${"My notes, all of them mine. ".repeat(2_400)}`.slice(0, 65_400);
    const kept = issue.body;
    server.clearRecords();
    const run = await runAction(server, seed(7, "synchronize", { "app.py": `${BARE}${ABSOLUTE}` }));
    expect(run.code).toBe(0);
    server.assertNoViolations();
    expect(server.callsTo("issues/update")).toHaveLength(0);
    expect(goalsIssue().body).toBe(kept);
    expect(run.stdout).toMatch(
      /::warning::learning-goals issue #\d+ is too long to update: the goals are \d+ characters/,
    );
  });
});
