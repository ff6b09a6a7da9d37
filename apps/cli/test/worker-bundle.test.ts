// The detector worker's bundle loads the engine's detectors and not the command line's code: every byte of it is
// compiled by each worker before it helps with a review.
import { readdirSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

const DIST = fileURLToPath(new URL("../dist/", import.meta.url));

/**
 * The files a bundle file loads before it runs: itself and its static imports, transitively, bare ones
 * (`import "./chunk.js";`, which esbuild writes for a chunk run only for its effects) included.
 */
function staticGraph(file: string, seen = new Set<string>()): Set<string> {
  if (seen.has(file)) return seen;
  seen.add(file);
  for (const m of readFileSync(`${DIST}${file}`, "utf8").matchAll(
    /^(?:import|export)\s(?:[^;]*?\sfrom\s)?"\.\/([^"]+)";/gms,
  ))
    staticGraph(m[1]!, seen);
  return seen;
}

/** The source modules bundled into some files (esbuild marks each with its path). */
const modulesIn = (files: Set<string>): string[] =>
  [...files].flatMap((f) =>
    [...readFileSync(`${DIST}${f}`, "utf8").matchAll(/^\/\/ (\S+\.[cm]?[jt]s)$/gm)].map((m) => m[1]!),
  );

/** Every bundle file: those a start loads, and those loaded on demand (a config file, `goals`, a notebook). */
const everyFile = (): Set<string> =>
  new Set(readdirSync(DIST).filter((f) => f.endsWith(".js") && !f.startsWith(".")));

describe("the worker bundle", () => {
  it("holds the detectors and not the CLI or the mentor", () => {
    const worker = modulesIn(staticGraph("worker.js"));
    const cli = modulesIn(staticGraph("cli.js"));
    expect(worker.some((m) => m.endsWith("detectors/worker.ts"))).toBe(true);
    expect(worker.some((m) => m.endsWith("detectors/registry.ts"))).toBe(true);
    // The CLI's own bundle does load these: the test would pass for nothing if the markers were gone.
    for (const left of [/\/commander@/, /src\/review-command\.ts$/]) {
      expect(cli.some((m) => left.test(m))).toBe(true);
      expect(worker.filter((m) => left.test(m))).toEqual([]);
    }
    // Less code than the command's start: every byte is compiled again by each worker.
    const size = (files: Set<string>) =>
      [...files].reduce((sum, f) => sum + readFileSync(`${DIST}${f}`).length, 0);
    expect(size(staticGraph("worker.js"))).toBeLessThan(size(staticGraph("cli.js")));
  });
});

describe("the command's start", () => {
  it("loads no schema code (zod), YAML reader or expression reader: each loads when a review needs it", () => {
    const start = modulesIn(new Set([...staticGraph("cli.js"), ...staticGraph("worker.js")]));
    const all = modulesIn(everyFile());
    // Each is in the bundle (the test would pass for nothing if the markers were gone), loaded on demand only.
    for (const schemaCode of [
      /\/zod@/,
      /report\/contract\.ts$/,
      /config\/schema\.ts$/,
      /goals\/state\.ts$/,
      /snapshot\/notebook\.ts$/,
      // The YAML reader: a config file and a repo's YAML data files load it.
      /\/yaml@/,
      // The expression reader: only a gate the generated table lacks loads it.
      /\/@eslint-community\+regexpp@/,
      /detectors\/lib\/regex-literals\.ts$/,
      // The glob matcher: only a config's `ignore` globs load it.
      /\/picomatch@/,
    ]) {
      expect(all.some((m) => schemaCode.test(m))).toBe(true);
      expect(start.filter((m) => schemaCode.test(m))).toEqual([]);
    }
  });
});
