import { chmodSync, cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { goalSchema } from "@learnloop/core/contract";
import { afterAll, describe, expect, it } from "vitest";
import { CLI, EXAMPLE, runCli } from "./run-cli.js";

const temp = mkdtempSync(join(tmpdir(), "learnloop-goals-"));
afterAll(() => rmSync(temp, { recursive: true, force: true }));

const BARE =
  "import json\n\n\ndef load(path):\n    try:\n        return json.load(open(path))\n    except:\n        return None\n";

function project(name: string, files: Record<string, string>): string {
  const dir = join(temp, name);
  for (const [file, text] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, file)), { recursive: true });
    writeFileSync(join(dir, file), text);
  }
  return dir;
}

function expectOneLineError(run: ReturnType<typeof runCli>, pattern: RegExp) {
  expect(run.stdout).toBe("");
  expect(run.stderr).toMatch(/^learnloop: [^\n]+\n$/);
  expect(run.stderr).toMatch(pattern);
  expect(run.code).toBe(1);
}

describe("learnloop goals (built CLI)", () => {
  it("prints the goals a review proposes, one per area, the same as the review's JSON", () => {
    const run = runCli(["goals", EXAMPLE]);
    expect(run.code).toBe(0);
    expect(run.stderr).toBe("");
    expect(run.stdout).toMatch(/^Goals to write down, one per area, most important first:\n\n- \[ \] /);
    const json = runCli(["goals", EXAMPLE, "--format", "json"]);
    const goals = JSON.parse(json.stdout).goals.map((g: unknown) => goalSchema.parse(g));
    const review = JSON.parse(runCli(["review", EXAMPLE, "--format", "json"]).stdout);
    expect(goals.map((g: { id: string }) => g.id).sort()).toEqual(
      review.goals.map((g: { id: string }) => g.id).sort(),
    );
    for (const g of goals) expect(run.stdout).toContain(`- [ ] ${g.text}`);
  });

  it("--goals-file creates the file, then merges: learner edits survive, a fixed gap is ticked, a new one added", () => {
    const dir = project("kept", {
      "app.py": BARE,
      "README.md": "# Notes\n\nAnswers questions about my notes.\n",
    });
    const file = join(dir, "GOALS.md");
    const first = runCli(["goals", dir, "--goals-file", file]);
    expect(first.stderr).toBe("");
    expect(first.code).toBe(0);
    const created = readFileSync(file, "utf8");
    expect(created).toMatch(/^<!-- learnloop:goals -->\n/);
    expect(created).toContain("<!-- goal:code-quality/bare-except -->");
    expect(created).toContain("<!-- goal:testing/missing-tests -->");
    expect(first.stdout).toMatch(/: 0 goals done by this review, \d+ new, \d+ open\./);

    // The learner deletes the testing goal, ticks the README goal, and adds their own, with CRLF and Unicode.
    const edited = created
      .split("\n")
      .filter((l) => !l.includes("<!-- goal:testing/missing-tests -->"))
      .map((l) => (l.includes("<!-- goal:documentation/") ? l.replace("- [ ]", "- [x]") : l))
      .join("\n")
      .replace(
        "### Progress",
        "### Mine\r\n\r\n- [ ] Learn to order dinner in French 🍝\r\n\r\n### Progress",
      );
    writeFileSync(file, edited);
    writeFileSync(
      join(dir, "app.py"),
      `${BARE.replace("except:", "except OSError:")}DATA = "/Users/maya/data.csv"\n`,
    );

    const second = runCli(["goals", dir, "--goals-file", file]);
    expect(second.code).toBe(0);
    const body = readFileSync(file, "utf8");
    expect(body).toMatch(
      /- \[x\] Replace every bare .* · shown in a local review <!-- goal:code-quality\/bare-except -->/,
    );
    expect(body).toContain("<!-- goal:data/absolute-path -->");
    expect(body).not.toContain("<!-- goal:testing/missing-tests -->");
    expect(body).toMatch(/- \[x\] .*<!-- goal:documentation\//);
    expect(body).toContain("### Mine\r\n\r\n- [ ] Learn to order dinner in French 🍝\r\n\r\n");
    expect(second.stdout).toMatch(/GOALS\.md: 1 goal done by this review, 1 new, \d+ open\./);
    expect(second.stdout).toContain("- [ ] Learn to order dinner in French 🍝 (");

    // Nothing changed in the project: a third run changes nothing in the file.
    expect(runCli(["goals", dir, "--goals-file", file]).code).toBe(0);
    expect(readFileSync(file, "utf8")).toBe(body);
  });

  it("bad goals files: one line, nothing written, nothing lost", () => {
    const dir = project("bad", { "app.py": BARE });
    expectOneLineError(runCli(["goals", dir, "--goals-file", dir]), /bad: is a directory, not a file/);

    const readme = join(dir, "README.md");
    writeFileSync(readme, "# My project\n\nMy own words.\n");
    expectOneLineError(runCli(["goals", dir, "--goals-file", readme]), /has no learnloop goals in it/);
    expect(readFileSync(readme, "utf8")).toBe("# My project\n\nMy own words.\n");

    const goals = join(dir, "GOALS.md");
    expect(runCli(["goals", dir, "--goals-file", goals]).code).toBe(0);
    const mangled = readFileSync(goals, "utf8").replace(/<!-- goal:([^ ]+) -->/, "<!-- goal:$1 ->");
    writeFileSync(goals, mangled);
    expectOneLineError(
      runCli(["goals", dir, "--goals-file", goals]),
      /GOALS\.md: line \d+: .*nothing was written/,
    );
    expect(readFileSync(goals, "utf8")).toBe(mangled);

    writeFileSync(goals, Buffer.from([0x3c, 0x21, 0x00, 0xff, 0xfe]));
    expectOneLineError(runCli(["goals", dir, "--goals-file", goals]), /does not look like a UTF-8 text file/);

    expectOneLineError(runCli(["goals", join(dir, "app.py")]), /app\.py: is a file, not a directory/);
  });

  it("an unreadable goals file is one line and stays as it was", () => {
    const dir = project("locked", { "app.py": BARE });
    const goals = join(dir, "GOALS.md");
    writeFileSync(goals, "<!-- learnloop:goals -->\n- [ ] mine\n");
    chmodSync(goals, 0o000);
    chmodSync(temp, 0o755);
    // root reads anything: run the CLI as an unprivileged user so the permission really applies.
    cpSync(dirname(CLI), join(temp, "dist"), { recursive: true });
    const asUser = process.getuid?.() === 0 ? { uid: 65534, gid: 65534 } : {};
    const run = runCli(["goals", dir, "--goals-file", goals], {
      ...asUser,
      cwd: temp,
      cli: join(temp, "dist", "cli.js"),
    });
    expectOneLineError(run, /GOALS\.md: cannot read this file \(EACCES\)/);
    chmodSync(goals, 0o644);
    expect(readFileSync(goals, "utf8")).toBe("<!-- learnloop:goals -->\n- [ ] mine\n");
  });
});
