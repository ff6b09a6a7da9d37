// Full-repo review throughput: the bundled example and a large real tree, side by side in one run.
// Usage: pnpm bench [large-tree-dir]   (default: the machine's Python standard library)
import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { loadDirectory, nodeFileSystem, review } from "@learnloop/core";

const EXAMPLE = fileURLToPath(new URL("../examples/bylaws-bot", import.meta.url));
const LARGE = process.argv[2] ?? ["/usr/lib/python3.11", "/usr/lib/python3"].find((d) => existsSync(d));

async function measure(dir: string, runs: number) {
  let best = Number.POSITIVE_INFINITY;
  let files = 0;
  let bytes = 0;
  let findings = 0;
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    const loaded = await loadDirectory(dir, { fs: nodeFileSystem });
    if (!loaded.ok) throw new Error(loaded.error.message);
    const report = await review(loaded.value, { startedAt: start });
    best = Math.min(best, performance.now() - start);
    ({ files, bytes } = report.stats);
    findings = report.findings.length;
  }
  return { dir, files, mb: bytes / 1e6, ms: best, findings };
}

const rows = [await measure(EXAMPLE, 5)];
if (LARGE) rows.push(await measure(LARGE, 2));
else console.log("no large tree found: pass a folder as the first argument");

console.log("tree\tfiles\tMB\tms (best)\tfiles/s\tMB/s\tfindings");
for (const r of rows) {
  const s = r.ms / 1000;
  console.log(
    [
      r.dir,
      r.files,
      r.mb.toFixed(1),
      r.ms.toFixed(0),
      (r.files / s).toFixed(0),
      (r.mb / s).toFixed(1),
      r.findings,
    ].join("\t"),
  );
}
console.log(`peak RSS: ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MB`);
