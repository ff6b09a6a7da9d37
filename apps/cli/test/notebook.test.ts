import { execFileSync } from "node:child_process";
import { appendFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Finding } from "@learnloop/core";
import { reportSchema } from "@learnloop/core/contract";
import { ipynbLine, jupyterJson } from "@learnloop/core/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runCli } from "./run-cli.js";

const temp = mkdtempSync(join(tmpdir(), "learnloop-notebook-"));
const repo = join(temp, "repo");
afterAll(() => rmSync(temp, { recursive: true, force: true }));

const git = (...args: string[]) =>
  execFileSync("git", ["-C", repo, "-c", "user.name=t", "-c", "user.email=t@example.org", ...args], {
    encoding: "utf8",
  });

const cell = (source: string[]) => ({
  cell_type: "code",
  execution_count: null,
  metadata: {},
  outputs: [],
  source,
});
const LOAD = [
  "def load(path):\n",
  "    try:\n",
  "        return read(path)\n",
  "    except:\n",
  "        return None",
];
const SAVE = [
  "def save(path, data):\n",
  "    try:\n",
  "        write(path, data)\n",
  "    except:\n",
  "        log(path)",
];
const notebook = (cells: unknown[]) => jupyterJson({ cells, metadata: {}, nbformat: 4, nbformat_minor: 5 });
const BEFORE = notebook([cell(LOAD)]);
const AFTER = notebook([
  cell(LOAD),
  { cell_type: "markdown", metadata: {}, source: ["## Save"] },
  cell(SAVE),
]);

// The .ipynb lines of the two `except:` (one in each code cell), read from the text git diffs.
const OLD_EXCEPT = ipynbLine(AFTER, "    except:\n");
const NEW_EXCEPT = ipynbLine(AFTER, "    except:\n", SAVE[0]);

beforeAll(() => {
  mkdirSync(repo, { recursive: true });
  writeFileSync(join(repo, "explore.ipynb"), BEFORE);
  git("init", "-q", "-b", "main");
  git("add", ".");
  git("commit", "-qm", "first");
  git("checkout", "-qb", "feature");
  writeFileSync(join(repo, "explore.ipynb"), AFTER);
  git("commit", "-qam", "save");
});

const bareExcepts = (args: string[]): Finding[] => {
  const run = runCli(["review", repo, "--format", "json", ...args]);
  expect(run.stderr).toBe("");
  expect(run.code).toBe(0);
  return reportSchema
    .parse(JSON.parse(run.stdout))
    .findings.filter((f) => f.ruleId === "code-quality/bare-except");
};

describe("learnloop review on a notebook", () => {
  it("reports lines of the .ipynb file and names the cell in the message", () => {
    expect(OLD_EXCEPT).toBeLessThan(NEW_EXCEPT);
    expect(bareExcepts([]).map((f) => [f.file, f.line, f.message.slice(0, 18)])).toEqual([
      ["explore.ipynb", OLD_EXCEPT, "In cell 1, line 4:"],
      ["explore.ipynb", NEW_EXCEPT, "In cell 3, line 4:"],
    ]);
  });

  it("with --base reports only the cell the branch added: git's diff lines are lines of the JSON", () => {
    expect(bareExcepts(["--base", "main"]).map((f) => f.line)).toEqual([NEW_EXCEPT]);
  });

  it("shows the .ipynb line and the cell in text, Markdown and SARIF", () => {
    const text = runCli(["review", repo, "--base", "main"]).stdout;
    expect(text).toContain(`explore.ipynb:${NEW_EXCEPT}`);
    expect(text).toContain("In cell 3, line 4: `except:`");

    const md = runCli(["review", repo, "--base", "main", "--format", "markdown"]).stdout;
    expect(md).toContain(`\`explore.ipynb:${NEW_EXCEPT}\`: In cell 3, line 4: \`except:\``);

    const sarif = JSON.parse(runCli(["review", repo, "--base", "main", "--format", "sarif"]).stdout);
    const bare = sarif.runs[0].results.find(
      (r: { ruleId: string }) => r.ruleId === "code-quality/bare-except",
    );
    expect(bare.locations[0].physicalLocation.region).toEqual({ startLine: NEW_EXCEPT, endLine: NEW_EXCEPT });
    expect(bare.message.text).toMatch(/^In cell 3, line 4: /);
  });

  it("with --base numbers the lines of the file as stored, even where a textconv filter rewrites diffs", () => {
    // nbstripout installs a filter like this one for *.ipynb: git diff would number the lines of its output.
    git("config", "diff.ipynb.textconv", "tail -n +4");
    appendFileSync(join(repo, ".git/info/attributes"), "*.ipynb diff=ipynb\n");
    try {
      const hunk = (...flags: string[]) =>
        /^@@ .*$/m.exec(git("diff", ...flags, "-U0", "main", "--", "explore.ipynb"))?.[0];
      expect(hunk()).not.toBe(hunk("--no-textconv"));
      expect(bareExcepts(["--base", "main"]).map((f) => f.line)).toEqual([NEW_EXCEPT]);
    } finally {
      git("config", "--unset", "diff.ipynb.textconv");
      writeFileSync(join(repo, ".git/info/attributes"), "");
    }
  });
});
