// Review throughput, measured side by side in one run (these machines are noisy: compare the ratios).
//   full review: the bundled example and a large real tree (default: this machine's Python standard library)
//   PR mode: a 3-file change reviewed inside the large tree vs inside the small example (target ratio < 1.5)
// Usage: pnpm bench [large-tree-dir]
import { execFileSync } from "node:child_process";
import { appendFileSync, cpSync, existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { loadDirectory, nodeFileSystem, readByRepoRules, review } from "@learnloop/core";
import { changesSince } from "../apps/cli/src/git.js";

const EXAMPLE = fileURLToPath(new URL("../examples/bylaws-bot", import.meta.url));

function pythonStdlib(): string | undefined {
  try {
    return execFileSync("python3", ["-c", "import sysconfig; print(sysconfig.get_paths()['stdlib'])"], {
      encoding: "utf8",
    }).trim();
  } catch {
    return ["/usr/lib/python3.11", "/usr/lib/python3"].find((d) => existsSync(d));
  }
}

const LARGE = process.argv[2] ?? pythonStdlib();

async function fullReview(dir: string) {
  const start = performance.now();
  const loaded = await loadDirectory(dir, { fs: nodeFileSystem });
  if (!loaded.ok) throw new Error(loaded.error.message);
  const report = await review(loaded.value, { startedAt: start });
  return {
    ms: performance.now() - start,
    files: report.stats.files,
    bytes: report.stats.bytes,
    findings: report.findings.length,
  };
}

/** PR mode as the CLI runs it: git says what changed and what exists; only the changed files are read. */
async function changeReview(dir: string) {
  const start = performance.now();
  const changes = await changesSince(dir, "HEAD");
  if (!changes.ok) throw new Error(changes.error.message);
  const wanted = new Set(changes.value.changes.map((c) => c.path));
  const loaded = await loadDirectory(dir, {
    fs: nodeFileSystem,
    listing: changes.value.listing,
    wantText: (p) => wanted.has(p) || readByRepoRules(p),
  });
  if (!loaded.ok) throw new Error(loaded.error.message);
  loaded.value.changes = changes.value.changes;
  await review(loaded.value, { startedAt: start });
  return performance.now() - start;
}

/** A git copy of `source` (Python and text files only) with 3 files changed since HEAD. */
function gitCopyWithChange(source: string, changed: string[]): string {
  const dir = mkdtempSync(join(tmpdir(), "learnloop-bench-"));
  cpSync(source, dir, {
    recursive: true,
    filter: (p) => !/\/(site-packages|__pycache__|\.git)(\/|$)/.test(p) && !/\.(pyc|so)$/.test(p),
  });
  const git = (...args: string[]) =>
    execFileSync("git", ["-C", dir, "-c", "user.name=b", "-c", "user.email=b@b", ...args]);
  git("init", "-q");
  git("add", "-A");
  git("commit", "-qm", "base");
  for (const file of changed) appendFileSync(join(dir, file), "\ntry:\n    run()\nexcept:\n    pass\n");
  return dir;
}

async function best<T extends { ms: number }>(runs: number, f: () => Promise<T>): Promise<T> {
  let winner: T | null = null;
  for (let i = 0; i < runs; i++) {
    const r = await f();
    if (!winner || r.ms < winner.ms) winner = r;
  }
  return winner!;
}

const rows: [string, Awaited<ReturnType<typeof fullReview>>][] = [
  ["example", await best(5, () => fullReview(EXAMPLE))],
];
if (LARGE && existsSync(LARGE)) rows.push([LARGE, await best(2, () => fullReview(LARGE))]);
else console.log("no large tree found: pass a folder as the first argument");

console.log("full review\tfiles\tMB\tms (best)\tfiles/s\tMB/s\tfindings");
for (const [name, r] of rows) {
  const s = r.ms / 1000;
  console.log(
    [
      name,
      r.files,
      (r.bytes / 1e6).toFixed(1),
      r.ms.toFixed(0),
      (r.files / s).toFixed(0),
      (r.bytes / 1e6 / s).toFixed(1),
      r.findings,
    ].join("\t"),
  );
}

if (LARGE && existsSync(LARGE)) {
  const smallRepo = gitCopyWithChange(EXAMPLE, ["bot.py", "ingest.py", "router.py"]);
  // Changed files of about the same size in both repos, so the diff costs the same and the ratio shows the repo's cost.
  const largeRepo = gitCopyWithChange(LARGE, ["keyword.py", "this.py", "nturl2path.py"]);
  try {
    const small = await best(5, async () => ({ ms: await changeReview(smallRepo) }));
    const large = await best(5, async () => ({ ms: await changeReview(largeRepo) }));
    console.log(
      `PR mode (--base), 3 changed files: small repo ${small.ms.toFixed(0)} ms, large repo ${large.ms.toFixed(0)} ms, ratio ${(large.ms / small.ms).toFixed(2)} (target < 1.5)`,
    );
  } finally {
    rmSync(smallRepo, { recursive: true, force: true });
    rmSync(largeRepo, { recursive: true, force: true });
  }
}
if (LARGE && existsSync(LARGE)) {
  // The published CLI (bundle) on the large tree, one thread vs one per core, side by side.
  const cli = fileURLToPath(new URL("../apps/cli/dist/cli.js", import.meta.url));
  if (existsSync(cli)) {
    for (const threads of ["1", "2"]) {
      const start = performance.now();
      const out = execFileSync(process.execPath, [cli, "review", LARGE, "--format", "json"], {
        env: { ...process.env, LEARNLOOP_THREADS: threads },
        maxBuffer: 512 * 1024 * 1024,
        encoding: "utf8",
      });
      const stats = JSON.parse(out).stats as { bytes: number; threads: number };
      const s = (performance.now() - start) / 1000;
      console.log(
        `CLI bundle, LEARNLOOP_THREADS=${threads} (used ${stats.threads}): ${s.toFixed(1)} s, ${(stats.bytes / 1e6 / s).toFixed(1)} MB/s`,
      );
    }
  } else
    console.log("build the CLI (pnpm --filter learnloop build) to measure the bundle with worker threads");
}
console.log(`peak RSS: ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MB`);
