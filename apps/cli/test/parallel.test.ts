import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { runCli } from "./run-cli.js";

const temp = mkdtempSync(join(tmpdir(), "learnloop-parallel-"));
afterAll(() => rmSync(temp, { recursive: true, force: true }));

describe("parallel review (worker threads)", () => {
  it("finds exactly what a single-threaded review finds, on a tree large enough to use workers", () => {
    const repo = join(temp, "big");
    mkdirSync(join(repo, "pkg"), { recursive: true });
    const filler = "def helper_{i}(x):\n    return x * {i}\n\n".repeat(150);
    for (let i = 0; i < 800; i++) {
      const gap = i % 7 === 0 ? "try:\n    run()\nexcept:\n    pass\n" : "";
      writeFileSync(join(repo, "pkg", `m${i}.py`), `${gap}${filler.replaceAll("{i}", String(i))}`);
    }
    // A function copied between files that different threads take: the copy is found only if the index is joined.
    const copied =
      "def load_rows(path):\n    rows = []\n    with open(path) as f:\n        for line in f:\n            rows.append(line.split(','))\n    print(len(rows))\n    return rows\n";
    writeFileSync(join(repo, "pkg", "first.py"), copied);
    writeFileSync(join(repo, "pkg", "m799.py"), `${copied}\n${filler.replaceAll("{i}", "799")}`);
    const single = runCli(["review", repo, "--format", "json"], { env: { LEARNLOOP_THREADS: "1" } });
    const parallel = runCli(["review", repo, "--format", "json"], { env: { LEARNLOOP_THREADS: "2" } });
    expect(parallel.stderr).toBe("");
    expect(parallel.code).toBe(0);
    const prints = (run: { stdout: string }) =>
      (JSON.parse(run.stdout).findings as { fingerprint: string }[]).map((f) => f.fingerprint).sort();
    const bytes = JSON.parse(single.stdout).stats.bytes as number;
    expect(bytes).toBeGreaterThan(4 * 1024 * 1024);
    expect(JSON.parse(parallel.stdout).stats.threads).toBe(2);
    expect(JSON.parse(single.stdout).stats.threads).toBe(1);
    expect(prints(parallel)).toEqual(prints(single));
    expect(prints(single).length).toBeGreaterThanOrEqual(115);
    const copies = (run: { stdout: string }) =>
      (JSON.parse(run.stdout).findings as { ruleId: string; file: string }[])
        .filter((f) => f.ruleId === "code-quality/duplicated-function")
        .map((f) => f.file);
    expect(copies(parallel)).toEqual(["pkg/m799.py"]);
  });
});
