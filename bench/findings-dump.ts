// Prints every finding of a full review of a tree, one line each, sorted: diff two runs to prove a speed-up found the same things.
// Usage: pnpm --filter @learnloop/bench exec tsx findings-dump.ts <dir> > findings.txt
import { loadDirectory, nodeFileSystem, review } from "@learnloop/core";

const dir = process.argv[2];
if (!dir) throw new Error("usage: findings-dump.ts <dir>");
const loaded = await loadDirectory(dir, { fs: nodeFileSystem });
if (!loaded.ok) throw new Error(loaded.error.message);
const report = await review(loaded.value);
const lines = report.findings.map((f) =>
  [f.fingerprint, f.ruleId, f.file, f.line, f.endLine, f.message].join("\t"),
);
process.stdout.write(`${lines.sort().join("\n")}\n`);
