// The detector worker's bundle loads the engine's detectors and not the command line's code: every byte of it is
// compiled by each worker before it helps with a review.
import { readFileSync } from "node:fs";
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

describe("the worker bundle", () => {
  it("holds the detectors and not the CLI, the report schemas or the mentor", () => {
    const worker = modulesIn(staticGraph("worker.js"));
    const cli = modulesIn(staticGraph("cli.js"));
    expect(worker.some((m) => m.endsWith("detectors/worker.ts"))).toBe(true);
    expect(worker.some((m) => m.endsWith("detectors/registry.ts"))).toBe(true);
    // The CLI's own bundle does load these: the test would pass for nothing if the markers were gone.
    for (const left of [/\/zod@/, /\/commander@/, /src\/review-command\.ts$/, /report\/contract\.ts$/]) {
      expect(cli.some((m) => left.test(m))).toBe(true);
      expect(worker.filter((m) => left.test(m))).toEqual([]);
    }
    const size = (files: Set<string>) =>
      [...files].reduce((sum, f) => sum + readFileSync(`${DIST}${f}`).length, 0);
    expect(size(staticGraph("worker.js"))).toBeLessThan(0.75 * size(staticGraph("cli.js")));
  });
});
