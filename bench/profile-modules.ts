// Where a review's CPU time goes, by source module: reads V8 CPU profiles of the bundled CLI (`node --cpu-prof`)
// and charges each sample's own time to the module esbuild bundled that code from (each module starts with a
// `// path/to/module.ts` line in the bundle). Regular expressions are charged to the module that ran them.
// Usage:
//   LEARNLOOP_THREADS=1 node --cpu-prof --cpu-prof-dir=/tmp/prof apps/cli/dist/cli.js review <dir> --format json > /dev/null
//   pnpm --filter @learnloop/bench profile /tmp/prof [apps/cli/dist]
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { basename, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

interface CallFrame {
  functionName: string;
  url: string;
  lineNumber: number;
}
interface ProfileNode {
  id: number;
  callFrame: CallFrame;
  children?: number[];
}
interface Profile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

// Piped into `head`: stop quietly when the reader has had enough.
process.stdout.on("error", (error: NodeJS.ErrnoException) => process.exit(error.code === "EPIPE" ? 0 : 1));

const [profiles, distArg] = process.argv.slice(2);
if (!profiles) {
  console.log("usage: tsx profile-modules.ts <folder of .cpuprofile files> [bundle folder]");
  process.exit(1);
}
const dist = distArg ?? fileURLToPath(new URL("../apps/cli/dist/", import.meta.url));
for (const [folder, what] of [
  [profiles, "a folder of .cpuprofile files (node --cpu-prof-dir)"],
  [dist, "the CLI bundle's folder (pnpm --filter learnloop build)"],
] as const) {
  if (!existsSync(folder) || !statSync(folder).isDirectory()) {
    console.error(`profile-modules: ${folder}: not a folder; give ${what}`);
    process.exit(1);
  }
}
const profileFiles = readdirSync(profiles).filter((f) => f.endsWith(".cpuprofile"));
if (profileFiles.length === 0) {
  console.error(
    `profile-modules: ${profiles}: no .cpuprofile files (run the CLI with node --cpu-prof --cpu-prof-dir)`,
  );
  process.exit(1);
}

/** For each bundle file, where each bundled module starts (0-based line) and its path, in order. */
const markers = new Map<string, { line: number; module: string }[]>();
for (const file of readdirSync(dist).filter((f) => f.endsWith(".js"))) {
  const starts: { line: number; module: string }[] = [];
  readFileSync(join(dist, file), "utf8")
    .split("\n")
    .forEach((text, line) => {
      const m = /^\/\/ (\S+\.[cm]?[jt]sx?)$/.exec(text);
      if (m) starts.push({ line, module: shortName(m[1]!) });
    });
  markers.set(file, starts);
}

/** `core/detectors/lib/needles.ts` for core's own modules; the package name for a dependency. */
function shortName(path: string): string {
  const core = /packages\/core\/src\/(.*)$/.exec(path);
  if (core) return `core/${core[1]}`;
  const dep = /node_modules\/(?:\.pnpm\/[^/]+\/node_modules\/)?((?:@[^/]+\/)?[^/]+)/.exec(path);
  return dep ? dep[1]! : path.replace(/^(\.\.\/)+/, "");
}

function moduleOf({ url, lineNumber }: CallFrame): string | null {
  const starts = markers.get(basename(url));
  if (!url || !starts) return null;
  let found = basename(url);
  for (const s of starts) {
    if (s.line > lineNumber) break;
    found = s.module;
  }
  return found;
}

const totals = new Map<string, number>();
let all = 0;
/** Bundle files the profiles ran that the bundle folder no longer has (rebuilt since: chunk names change). */
const unknownBundleFiles = new Set<string>();
for (const file of profileFiles) {
  const profile = JSON.parse(readFileSync(resolve(profiles, file), "utf8")) as Profile;
  for (const { callFrame } of profile.nodes) {
    const name = basename(callFrame.url);
    if (callFrame.url.startsWith("file:") && name.endsWith(".js") && !markers.has(name))
      unknownBundleFiles.add(name);
  }
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map<number, number>();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  profile.samples.forEach((id, i) => {
    const micros = profile.timeDeltas[i] ?? 0;
    const frame = byId.get(id)!.callFrame;
    let key = moduleOf(frame);
    if (key === null) {
      // Native work: a regular expression is charged to the nearest module up the stack; the rest by its name.
      if (frame.functionName.startsWith("RegExp")) {
        let up = parent.get(id);
        while (up !== undefined && moduleOf(byId.get(up)!.callFrame) === null) up = parent.get(up);
        key = `regex in ${up === undefined ? "?" : moduleOf(byId.get(up)!.callFrame)}`;
      } else key = frame.functionName || "(native)";
    }
    totals.set(key, (totals.get(key) ?? 0) + micros);
    all += micros;
  });
}
if (unknownBundleFiles.size > 0)
  console.error(
    `profile-modules: the profiles ran ${[...unknownBundleFiles].join(", ")}, not in ${dist}: profile the bundle as it is now (it was rebuilt since), or pass the folder it ran from`,
  );
console.log(`total ${(all / 1000).toFixed(0)} ms of samples`);
for (const [key, micros] of [...totals].sort((a, b) => b[1] - a[1]).slice(0, 40))
  console.log(
    `${(micros / 1000).toFixed(0).padStart(7)} ms  ${((100 * micros) / all).toFixed(1).padStart(5)}%  ${key}`,
  );
