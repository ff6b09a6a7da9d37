import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runCli } from "./run-cli.js";

const temp = mkdtempSync(join(tmpdir(), "learnloop-base-"));
const repo = join(temp, "repo");
afterAll(() => rmSync(temp, { recursive: true, force: true }));

const git = (...args: string[]) =>
  execFileSync("git", ["-C", repo, "-c", "user.name=t", "-c", "user.email=t@example.org", ...args], {
    encoding: "utf8",
  });

const OLD = "def load():\n    try:\n        read()\n    except:\n        return None\n";

beforeAll(() => {
  mkdirSync(join(repo, "src"), { recursive: true });
  writeFileSync(join(repo, "src/old.py"), OLD);
  writeFileSync(join(repo, "README.md"), "# demo\n\n```\npython src/old.py\n```\n");
  git("init", "-q", "-b", "main");
  git("add", ".");
  git("commit", "-qm", "first");
  git("checkout", "-qb", "feature");
  // A committed change that adds a gap next to the old one...
  writeFileSync(
    join(repo, "src/old.py"),
    `${OLD}\ndef save():\n    try:\n        write()\n    except:\n        pass\n`,
  );
  git("commit", "-qam", "save");
  // ...plus an uncommitted new file, as a learner's working tree has.
  writeFileSync(join(repo, "src/new.py"), "import pandas as pd\ndf = pd.read_csv('/Users/maya/data.csv')\n");
});

const findings = (args: string[]) => {
  const run = runCli(["review", repo, "--format", "json", ...args]);
  expect(run.stderr).toBe("");
  expect(run.code).toBe(0);
  return JSON.parse(run.stdout) as {
    findings: { ruleId: string; file: string | null; line: number | null }[];
    stats: { mode: string; changedFiles: number };
  };
};

describe("learnloop review --base", () => {
  it("reviews only what changed since the ref: new lines and new files, plus repo-level facts", () => {
    const report = findings(["--base", "main"]);
    expect(report.stats.mode).toBe("changes");
    expect(report.stats.changedFiles).toBe(2);
    expect(report.findings.map((f) => `${f.ruleId} ${f.file}:${f.line}`).sort()).toEqual([
      "code-quality/bare-except src/old.py:10",
      "data/absolute-path src/new.py:2",
      "observability/swallowed-exception src/old.py:10",
      "reproducibility/missing-dependency-manifest null:null",
      "testing/missing-tests null:null",
    ]);
  });

  it("without --base reviews everything, the old gap included", () => {
    const report = findings([]);
    expect(report.stats.mode).toBe("full");
    expect(report.findings.filter((f) => f.ruleId === "code-quality/bare-except").map((f) => f.line)).toEqual(
      [4, 10],
    );
  });

  it("a ref that does not exist is one clear line", () => {
    const run = runCli(["review", repo, "--base", "no-such-branch"]);
    expect(run).toEqual({
      code: 1,
      stdout: "",
      stderr: "learnloop: --base no-such-branch: no such commit, branch or tag in this repository\n",
    });
  });

  it("a folder that is not a git repository is one clear line", () => {
    const plain = join(temp, "plain");
    mkdirSync(plain);
    writeFileSync(join(plain, "app.py"), "x = 1\n");
    const run = runCli(["review", plain, "--base", "main"], { env: { GIT_CEILING_DIRECTORIES: temp } });
    expect(run.stdout).toBe("");
    expect(run.code).toBe(1);
    expect(run.stderr).toBe(`learnloop: --base needs a git repository, and ${plain} is not inside one\n`);
  });
});
