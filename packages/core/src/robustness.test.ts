// Bad input never crashes a review: each case below is skipped or handled, and counted.
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { reportSchema } from "./report/contract.js";
import { review } from "./review.js";
import { nodeFileSystem } from "./snapshot/file-system.js";
import { loadDirectory } from "./snapshot/load-directory.js";

const temp = mkdtempSync(join(tmpdir(), "learnloop-robust-"));
afterAll(() => rmSync(temp, { recursive: true, force: true }));

async function reviewDir(dir: string) {
  const loaded = await loadDirectory(dir, { fs: nodeFileSystem });
  if (!loaded.ok) throw new Error(loaded.error.message);
  const report = await review(loaded.value);
  reportSchema.parse(JSON.parse(JSON.stringify(report)));
  return report;
}

describe("reviews that must not crash", () => {
  it("an empty repository", async () => {
    const dir = join(temp, "empty");
    mkdirSync(dir);
    const report = await reviewDir(dir);
    expect(report.findings.every((f) => f.file === null)).toBe(true);
    expect(report.stats.files).toBe(0);
  });

  it("symlink loops and links out of the tree are not followed", async () => {
    const dir = join(temp, "links");
    mkdirSync(join(dir, "src"), { recursive: true });
    writeFileSync(join(dir, "src/app.py"), "x = 1\n");
    symlinkSync(dir, join(dir, "src/loop"));
    symlinkSync("/etc", join(dir, "etc-link"));
    const report = await reviewDir(dir);
    expect(report.stats.files).toBe(1);
    expect(report.stats.skipped).toEqual({ symlink: 2 });
  });

  it("a 50 MB single-line minified file is skipped without being read", async () => {
    const dir = join(temp, "huge");
    mkdirSync(dir);
    writeFileSync(join(dir, "bundle.js"), `var a=${"1+".repeat(25_000_000)}1;`);
    writeFileSync(join(dir, "app.py"), "x = 1\n");
    const report = await reviewDir(dir);
    expect(report.stats.skipped).toEqual({ oversized: 1 });
  });

  it("Python with syntax errors: rules do not fire on the garbage", async () => {
    const dir = join(temp, "broken");
    mkdirSync(dir);
    writeFileSync(join(dir, "tests_ok.py"), "");
    writeFileSync(
      join(dir, "app.py"),
      "import json\nfrom openai import OpenAI\ndef broken(:\n    reply = json.loads(response.choices[0].message.content\n<<<<<<< HEAD\n",
    );
    const report = await reviewDir(dir);
    expect(report.findings.filter((f) => f.file === "app.py")).toEqual([]);
  });

  it("a notebook that is not JSON, and one with no cells, are counted", async () => {
    const dir = join(temp, "notebooks");
    mkdirSync(dir);
    writeFileSync(join(dir, "broken.ipynb"), '{"cells": [');
    writeFileSync(join(dir, "weird.ipynb"), '{"nbformat": 4}');
    const report = await reviewDir(dir);
    expect(report.stats.skipped).toEqual({ "invalid-notebook": 2 });
  });

  it("100,000 files", async () => {
    const dir = join(temp, "many");
    for (let d = 0; d < 100; d++) {
      mkdirSync(join(dir, `pkg${d}`), { recursive: true });
      for (let f = 0; f < 1000; f++) writeFileSync(join(dir, `pkg${d}`, `m${f}.txt`), "a");
    }
    const report = await reviewDir(dir);
    expect(report.stats.files).toBe(100_000);
  }, 120_000);
});
