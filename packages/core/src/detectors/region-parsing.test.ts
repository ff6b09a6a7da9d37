// Region parsing (`syntaxAround`) is a speed-up only: every labelled repo, and a test module large enough for
// regions to be used, must get the same findings with it as with whole-file trees.
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import treeSitter from "@vscode/tree-sitter-wasm";
import { afterEach, describe, expect, it, vi } from "vitest";
import { corpusRepos } from "../corpus/labels.js";
import { review } from "../review.js";
import { nodeFileSystem } from "../snapshot/file-system.js";
import { loadDirectory } from "../snapshot/load-directory.js";
import type { Snapshot } from "../snapshot/types.js";
import { snapshotOf } from "../testing/memory-fs.js";
import { setRegionParsing } from "./run.js";

const FIXTURES = fileURLToPath(new URL("../../fixtures", import.meta.url));
const SETS = ["corpus", "corpus-heldout", "corpus-blind2"];

async function findings(snapshot: Snapshot, regions: boolean): Promise<string[]> {
  setRegionParsing(regions);
  const report = await review(snapshot);
  return report.findings.map((f) => `${f.ruleId} ${f.file}:${f.line}-${f.endLine} ${f.message}`).sort();
}

/** A test module of many classes, with helpers that check, helpers that do not, and tests of every kind. */
function largeTestModule(): string {
  const parts = ["import unittest", "from .support import verify", ""];
  for (let i = 0; i < 40; i++) {
    parts.push(
      `class Test${i}(unittest.TestCase):`,
      `    def check_${i}(self, x):`,
      `        self.assertEqual(x, ${i})`,
      "",
      `    def helper_${i}(self, x):`,
      "        return run(x)",
      "",
      `    def test_checks_${i}(self):`,
      `        self.check_${i}(${i})`,
      "",
      `    def test_only_runs_${i}(self):`,
      `        self.helper_${i}(${i})`,
      "",
      `    def test_verifies_${i}(self):`,
      `        verify(run(${i}))`,
      "",
      `    def test_prints_${i}(self):`,
      "        try:",
      // An f-string may hide a check from the text: the parser reads these tests, in regions.
      `            print(f"{run(${i})}")`,
      "        except:",
      "            pass",
      "",
      ...Array.from({ length: 30 }, (_, k) => `    DATA_${k} = ${k}`),
      "",
    );
  }
  return parts.join("\n");
}

describe("region parsing gives the findings whole-file trees give", () => {
  afterEach(() => setRegionParsing(true));

  it("on a large test module, where most functions are settled by text and the rest are parsed in regions", async () => {
    const snapshot = await snapshotOf({ "tests/test_big.py": largeTestModule(), "app.py": "print(1)\n" });
    const whole = await findings(snapshot, false);
    // 40 tests that only run a helper that checks nothing, 40 that only print, 40 bare excepts: the rules fired.
    const unchecked = whole.filter((f) => f.startsWith("testing/assertion-free-test"));
    expect(unchecked.filter((f) => f.includes("test_only_runs_"))).toHaveLength(40);
    expect(unchecked.filter((f) => f.includes("test_prints_"))).toHaveLength(40);
    expect(unchecked).toHaveLength(80);
    expect(whole.filter((f) => f.startsWith("code-quality/bare-except"))).toHaveLength(40);
    expect(await findings(snapshot, true)).toEqual(whole);
  });

  it("does parse regions when on, and only whole files when off (else the comparisons above prove nothing)", async () => {
    const snapshot = await snapshotOf({ "tests/test_big.py": largeTestModule() });
    const parse = vi.spyOn(treeSitter.Parser.prototype, "parse");
    try {
      const ranged = () => parse.mock.calls.filter(([, , options]) => options?.includedRanges).length;
      await findings(snapshot, false);
      expect(parse.mock.calls.length).toBeGreaterThan(0);
      expect(ranged()).toBe(0);
      parse.mockClear();
      await findings(snapshot, true);
      expect(ranged()).toBeGreaterThan(0);
      expect(ranged()).toBe(parse.mock.calls.length);
    } finally {
      parse.mockRestore();
    }
  });

  for (const set of SETS) {
    it(`on every repo of fixtures/${set}`, async () => {
      for (const repo of corpusRepos(join(FIXTURES, set))) {
        const loaded = await loadDirectory(join(FIXTURES, set, repo), { fs: nodeFileSystem });
        if (!loaded.ok) throw new Error(loaded.error.message);
        const whole = await findings(loaded.value, false);
        expect(await findings(loaded.value, true), `${set}/${repo}`).toEqual(whole);
      }
      // Every repo reviewed twice: about 1 s alone, several times that beside the other packages' tests.
    }, 30_000);
  }
});
