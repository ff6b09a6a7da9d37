import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, describe, expect, it } from "vitest";

const ACTION_DIR = fileURLToPath(new URL("..", import.meta.url));
const temp = mkdtempSync(join(tmpdir(), "learnloop-bundle-"));
afterAll(() => rmSync(temp, { recursive: true, force: true }));

describe("the committed bundle (GitHub runs dist/, not the sources)", () => {
  it("is what the sources build to today: rebuild with `pnpm --filter @learnloop/action build` and commit dist/", () => {
    execFileSync("pnpm", ["exec", "tsx", "scripts/build.ts", temp], { cwd: ACTION_DIR });
    const committed = execFileSync("git", ["show", "HEAD:apps/action/dist/index.js"], {
      cwd: ACTION_DIR,
      encoding: "utf8",
      maxBuffer: 64 * 1024 * 1024,
    });
    const fresh = readFileSync(join(temp, "index.js"), "utf8");
    expect(fresh.length).toBe(committed.length);
    expect(fresh === committed).toBe(true);
  });

  it("action.yml at the root and in apps/action run the same bundle", () => {
    const root = readFileSync(join(ACTION_DIR, "../../action.yml"), "utf8");
    const local = readFileSync(join(ACTION_DIR, "action.yml"), "utf8");
    expect(root).toContain("main: apps/action/dist/index.js");
    expect(local).toContain("main: dist/index.js");
    const strip = (s: string) => s.replace(/^#.*\n/gm, "").replace(/main: .*/, "");
    expect(strip(root)).toBe(strip(local));
  });
});

describe("the workflow learners copy", () => {
  it("is the project's own dogfood workflow, with the published action instead of the local one", () => {
    const readme = readFileSync(join(ACTION_DIR, "../../README.md"), "utf8");
    const dogfood = readFileSync(join(ACTION_DIR, "../../.github/workflows/learnloop.yml"), "utf8");
    const shown = /```yaml\n(name: learnloop[\s\S]*?)```/.exec(readme)?.[1];
    expect(shown).toBeDefined();
    const normalise = (s: string) =>
      s
        .split("\n")
        .filter((l) => !l.startsWith("#"))
        .join("\n")
        .replace("uses: learnloop/learnloop@v1", "uses: ./")
        .trim();
    expect(normalise(shown!)).toBe(normalise(dogfood));
    expect(dogfood).toMatch(/permissions:\n {2}contents: read\n {2}pull-requests: write\n {2}issues: write/);
  });
});
