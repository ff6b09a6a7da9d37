// Review throughput, measured side by side in one run (these machines are noisy: compare the ratios).
//   full review: the bundled example and a large real tree (default: this machine's Python standard library)
//   PR mode: a 3-file change reviewed inside the large tree vs inside the small example (target ratio < 1.5)
// Usage: pnpm bench [large-tree-dir]
import { execFileSync } from "node:child_process";
import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { type ChangedFile, DETECTORS, loadDirectory, nodeFileSystem, review } from "@learnloop/core";

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

const repoRuleReads = (path: string) => DETECTORS.some((d) => d.scope === "repo" && d.reads?.(path));

/** PR mode as the CLI runs it: list every path, read only the changed files and what repo rules need. */
async function changeReview(dir: string, changed: string[]) {
  const start = performance.now();
  const wanted = new Set(changed);
  const loaded = await loadDirectory(dir, {
    fs: nodeFileSystem,
    wantText: (p) => wanted.has(p) || repoRuleReads(p),
  });
  if (!loaded.ok) throw new Error(loaded.error.message);
  loaded.value.changes = changed.map(
    (path): ChangedFile => ({ path, status: "added", addedLines: new Set() }),
  );
  await review(loaded.value, { startedAt: start });
  return performance.now() - start;
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
  const smallChange = ["bot.py", "ingest.py", "router.py"];
  const largeChange = ["json/__init__.py", "csv.py", "argparse.py"].filter((p) =>
    existsSync(`${LARGE}/${p}`),
  );
  const small = await best(5, async () => ({ ms: await changeReview(EXAMPLE, smallChange) }));
  const large = await best(5, async () => ({ ms: await changeReview(LARGE, largeChange) }));
  console.log(
    `PR mode, 3 changed files: small repo ${small.ms.toFixed(0)} ms, large repo ${large.ms.toFixed(0)} ms, ratio ${(large.ms / small.ms).toFixed(2)} (target < 1.5)`,
  );
}
console.log(`peak RSS: ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MB`);
