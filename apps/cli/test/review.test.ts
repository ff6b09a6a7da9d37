import { spawnSync } from "node:child_process";
import { chmodSync, cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { reportSchema } from "@learnloop/core/contract";
import { afterAll, describe, expect, it } from "vitest";
import { CLI, EXAMPLE, REPO_ROOT, runCli } from "./run-cli.js";

const temp = mkdtempSync(join(tmpdir(), "learnloop-cli-"));
afterAll(() => rmSync(temp, { recursive: true, force: true }));

/** A bad input ends in exactly one line on stderr, nothing on stdout, and a non-zero exit. */
function expectOneLineError(run: ReturnType<typeof runCli>, pattern: RegExp, code = 1) {
  expect(run.stdout).toBe("");
  expect(run.stderr).toMatch(/^learnloop: [^\n]+\n$/);
  expect(run.stderr).toMatch(pattern);
  expect(run.code).toBe(code);
}

describe("learnloop review (built CLI)", () => {
  it("prints JSON that matches the contract, and nothing else on stdout or stderr", () => {
    const run = runCli(["review", EXAMPLE, "--format", "json"]);
    expect(run.code).toBe(0);
    expect(run.stderr).toBe("");
    const report = reportSchema.parse(JSON.parse(run.stdout));
    expect(
      new Set(report.findings.filter((f) => f.level !== "celebratory").map((f) => f.area)).size,
    ).toBeGreaterThanOrEqual(4);
    for (const f of report.findings) if (f.file) expect(f.file).not.toMatch(/^\/|\\/);
  });

  it("prints a readable text review grouped by area, without colour codes when stdout is not a terminal", () => {
    const run = runCli(["review", EXAMPLE]);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain("learnloop review · ");
    expect(run.stdout).toContain("\nTesting\n");
    expect(run.stdout).toContain("What you did well");
    expect(run.stdout).toContain("Goals to write down");
    expect(run.stdout).not.toContain("\x1b[");
    expect(run.stdout.trimEnd().split("\n").at(-1)).toMatch(/^\d+ gaps in \d+ areas .* files reviewed/);
  });

  it("uses colours when forced, and --quiet keeps only findings and the summary", () => {
    expect(runCli(["review", EXAMPLE], { env: { FORCE_COLOR: "1" } }).stdout).toContain("\x1b[");
    const quiet = runCli(["review", EXAMPLE, "--quiet"]);
    expect(quiet.code).toBe(0);
    expect(quiet.stdout).not.toContain("Why:");
    expect(quiet.stdout).not.toContain("Goals to write down");
    expect(quiet.stdout).toContain("bot.py:");
  });

  it("prints Markdown and SARIF 2.1.0", () => {
    const md = runCli(["review", EXAMPLE, "--format", "markdown"]);
    expect(md.code).toBe(0);
    expect(md.stdout).toMatch(/^## learnloop review: /);
    const sarif = runCli(["review", EXAMPLE, "-f", "sarif"]);
    expect(sarif.code).toBe(0);
    const log = JSON.parse(sarif.stdout);
    expect(log.version).toBe("2.1.0");
    expect(log.runs[0].tool.driver.name).toBe("learnloop");
    expect(log.runs[0].results.length).toBeGreaterThan(4);
  });

  it("reviews the current folder when no folder is given", () => {
    const run = runCli(["review", "--format", "json"], { cwd: EXAMPLE });
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout).findings.length).toBeGreaterThan(4);
  });

  it("reads the repo's .github/learnloop.yml, and --config overrides it", () => {
    const repo = join(temp, "configured");
    mkdirSync(join(repo, ".github"), { recursive: true });
    writeFileSync(join(repo, "app.py"), "try:\n    x()\nexcept:\n    y()\n");
    writeFileSync(join(repo, ".github/learnloop.yml"), "skip: [testing, documentation]\n");
    const areas = (args: string[]) =>
      JSON.parse(runCli(["review", repo, "--format", "json", ...args]).stdout).findings.map(
        (f: { area: string }) => f.area,
      );
    expect(areas([])).toEqual(["code-quality"]);
    writeFileSync(join(temp, "other.yml"), "skip: [code-quality]\n");
    expect(areas(["--config", join(temp, "other.yml")])).toEqual(["testing", "documentation"]);
  });

  it("prints the version and help", () => {
    expect(runCli(["--version"]).stdout).toMatch(/^\d+\.\d+\.\d+\n$/);
    const help = runCli(["review", "--help"]);
    expect(help.code).toBe(0);
    expect(help.stdout).toContain("--format <format>");
    expect(help.stdout).toContain("--base <ref>");
  });
});

describe("bad input: one clear line on stderr, a non-zero exit, nothing else", () => {
  it("a missing directory", () => {
    expectOneLineError(runCli(["review", join(temp, "nope")]), /no such directory/);
  });

  it("a file instead of a directory", () => {
    writeFileSync(join(temp, "file.py"), "x = 1\n");
    expectOneLineError(runCli(["review", join(temp, "file.py")]), /is a file, not a directory/);
  });

  it("an invalid config names the file, the line and the key", () => {
    const repo = join(temp, "bad-config");
    mkdirSync(join(repo, ".github"), { recursive: true });
    writeFileSync(join(repo, ".github/learnloop.yml"), "outcome: a bot\nfocus:\n  - testin\n");
    expectOneLineError(
      runCli(["review", repo]),
      /^learnloop: \.github\/learnloop\.yml:3: focus\.0: must be one of "testing"/,
    );
  });

  it("a --config file that does not exist", () => {
    expectOneLineError(
      runCli(["review", EXAMPLE, "--config", join(temp, "missing.yml")]),
      /missing\.yml: no such config file/,
    );
  });

  it("an unknown --format", () => {
    expectOneLineError(
      runCli(["review", EXAMPLE, "--format", "xml"]),
      /'xml' is invalid\. Allowed choices are text, json, markdown, sarif/,
      2,
    );
  });

  it("an unknown option, with a suggestion on the same line", () => {
    expectOneLineError(
      runCli(["review", EXAMPLE, "--fromat", "json"]),
      /unknown option '--fromat' \(Did you mean --format\?\)/,
      2,
    );
  });

  it("an unreadable file inside the repo is skipped and counted, not fatal", () => {
    const repo = join(temp, "unreadable");
    mkdirSync(repo, { recursive: true });
    writeFileSync(join(repo, "app.py"), "print('hi')\n");
    writeFileSync(join(repo, "private.py"), "x = 1\n");
    chmodSync(join(repo, "private.py"), 0o000);
    chmodSync(temp, 0o755);
    // root reads anything: run the CLI as an unprivileged user so the permission really applies,
    // from a copy that user can read wherever this checkout lives.
    cpSync(dirname(CLI), join(temp, "dist"), { recursive: true });
    const cli = join(temp, "dist", "cli.js");
    const asUser = process.getuid?.() === 0 ? { uid: 65534, gid: 65534 } : {};
    const run = runCli(["review", repo, "--format", "json"], { ...asUser, cwd: temp, cli });
    expect(run.stderr).toBe("");
    expect(run.code).toBe(0);
    const report = JSON.parse(run.stdout);
    expect(report.stats.skipped).toEqual({ unreadable: 1 });
    expect(report.stats.files).toBe(1);
  });
});

describe("the root script, as the README and other tools call it", () => {
  it("`pnpm --silent learnloop review examples/bylaws-bot --format json` prints only the JSON contract", () => {
    const run = spawnSync(
      "pnpm",
      ["--silent", "learnloop", "review", "examples/bylaws-bot", "--format", "json"],
      {
        cwd: REPO_ROOT,
        encoding: "utf8",
      },
    );
    expect(run.stderr).toBe("");
    expect(run.status).toBe(0);
    expect(reportSchema.parse(JSON.parse(run.stdout)).schemaVersion).toBe(1);
  });
});
