import { readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import fc from "fast-check";
import { beforeAll, describe, expect, it } from "vitest";
import { review } from "../../review.js";
import { LoadedFile } from "../../snapshot/source-file.js";
import { snapshotOf } from "../../testing/memory-fs.js";
import { DETECTORS } from "../registry.js";
import { loadExpressionReader } from "./literal-queries.js";
import {
  automatonBuilds,
  countShared,
  lineMatches,
  literalGate,
  literalGates,
  literalSet,
  readShared,
  sharedCensuses,
} from "./needles.js";

const found = (text: string, pattern: RegExp, needle: string) =>
  [...lineMatches(text, pattern, needle)].map((m) => [m.index, ...m]);
const expected = (text: string, pattern: RegExp) => [...text.matchAll(pattern)].map((m) => [m.index, ...m]);

describe("lineMatches: matchAll's matches, looking only at lines that hold the needle", () => {
  const PY = /^[ \t]*from[ \t]+([.\w]+)[ \t]+import[ \t]+\(?([^)\n]+)/gm;
  const JS = /^[ \t]*import[ \t]+(?:type[ \t]+)?([^;]*?)[ \t]+from[ \t]+["']([^"']+)["']/gm;
  const texts = [
    "import os\nfrom .helpers import check_reply, run_case\n  from x import (a,\n b)\nx = 'from y import z'\nfrom z import w",
    "no imports here\n\nat all",
    "from a import b", // no newline at the end
    "\r\nfrom a import b\r\n    from c.d import e as f\r\n",
    "x = 1  # from a import b\nfrom q import r",
  ];
  it.each(texts)("agrees with matchAll on a Python text (%#)", (text) => {
    expect(found(text, PY, "import")).toEqual(expected(text, PY));
  });

  it("agrees with matchAll when a match runs over several lines holding the needle", () => {
    const text =
      'import {\n  importer,\n  type X,\n} from "./helpers";\nimport { y } from "./check";\nconst z = 1;';
    expect(found(text, JS, "import")).toEqual(expected(text, JS));
    expect(found(text, JS, "import").map((m) => m[3])).toEqual(["./helpers", "./check"]);
  });

  it("refuses an expression that is not anchored at line starts", () => {
    expect(() => [...lineMatches("import x", /import/g, "import")]).toThrow(/not line-anchored/);
  });
});

/** Every file of the example project and of the labelled corpora, as the review reads them. */
async function exampleAndCorpusFiles() {
  const roots = ["../../../../../examples/bylaws-bot", "../../../fixtures"].map(
    (r) => new URL(r, import.meta.url).pathname,
  );
  const tree: Record<string, string> = {};
  const walk = (root: string, dir: string) => {
    for (const name of readdirSync(dir)) {
      const path = join(dir, name);
      if (statSync(path).isDirectory()) walk(root, path);
      else tree[`${roots.indexOf(root)}/${relative(root, path)}`] = readFileSync(path, "utf8");
    }
  };
  for (const root of roots) walk(root, root);
  return (await snapshotOf(tree)).files;
}

/** ASCII letters in lower case, nothing else changed: how the census reads text. */
const fold = (text: string) => text.replace(/[A-Z]/g, (c) => c.toLowerCase());

describe("the census: which literals a text holds, in one pass", () => {
  it("finds a word exactly when the text holds it in some ASCII case (any text, any words)", () => {
    const alphabet = fc.constantFrom("a", "b", "A", "B", ".", "_", "\n", "é", "É", "ab", "ba");
    const text = fc.array(alphabet, { maxLength: 40 }).map((parts) => parts.join(""));
    const word = fc.array(alphabet, { minLength: 1, maxLength: 5 }).map((parts) => parts.join(""));
    fc.assert(
      fc.property(text, fc.uniqueArray(word, { minLength: 1, maxLength: 6 }), (t, words) => {
        const held = literalSet(words)(t);
        const expected = words.filter((w) => fold(t).includes(fold(w)));
        expect(held).toEqual(expected);
      }),
      { numRuns: 150 },
    );
  });

  it("answers for a file from its census, taken once, and again when literals were added since", async () => {
    const [file] = (await snapshotOf({ "a.py": "import openai\nclient = OpenAI()\n" })).files;
    const first = literalSet(["openai", "zz_none"]);
    expect(first(file!)).toEqual(["openai"]);
    // A word registered after the file was counted: the file is counted again, not answered wrongly.
    expect(literalSet(["client = ", "qq_none"])(file!)).toEqual(["client = "]);
    expect(first(file!)).toEqual(["openai"]);
  });
});

describe("literal gates: the expression runs only on texts that hold its literals", () => {
  // These gates are made here, so the generated table lacks them: they are read with regexpp, loaded on demand.
  beforeAll(loadExpressionReader);

  it("says no without running the expression when a literal is missing, and runs it otherwise", () => {
    const pattern = /\bjson\.loads\s*\(\s*\w+\.content/;
    const gate = literalGate(pattern);
    expect(gate.mayMatch("x = 1\n")).toBe(false);
    expect(gate.mayMatch("data = json.loads(other)")).toBe(false);
    expect(gate.mayMatch("data = JSON.LOADS(other.CONTENT)")).toBe(true);
    expect(gate.test("data = JSON.LOADS(other.CONTENT)")).toBe(false);
    expect(gate.test("data = json.loads(reply.content)")).toBe(true);
    expect(literalGate(pattern)).toBe(gate);
  });

  it("keeps a global expression's lastIndex at 0", () => {
    const pattern = /loads/g;
    expect(literalGate(pattern).test("a loads b")).toBe(true);
    expect(pattern.lastIndex).toBe(0);
  });

  it("is open (runs the expression) when nothing sure can be read from it", () => {
    expect(literalGate(/\w+\s*=\s*\d/).mayMatch("")).toBe(true);
    expect(literalGate(/kelvin/iu).mayMatch("")).toBe(true);
  });
});

describe("gates never say no where the expression says yes, over the example and every corpus file", () => {
  it("for every rule's prefilter and every gate the rules made (each pattern tried on each line, as rules do)", async () => {
    const files = await exampleAndCorpusFiles();
    for (const d of DETECTORS) if (d.scope === "file" && d.prefilter) literalGate(d.prefilter);
    const gates = literalGates();
    expect(gates.length).toBeGreaterThanOrEqual(40);
    let checked = 0;
    for (const gate of gates) {
      const anyLine = gate.patterns.map(
        (p) => new RegExp(p.source, p.flags.replace(/[gy]/g, "") + (p.multiline ? "" : "m")),
      );
      for (const file of files) {
        if (!anyLine.some((p) => p.test(file.text))) continue;
        checked++;
        expect(gate.mayMatch(file.text), `${gate.patterns.join(" ")} on ${file.path}`).toBe(true);
        expect(gate.mayMatch(file), `${gate.patterns.join(" ")} on ${file.path}, by its census`).toBe(true);
      }
    }
    expect(checked).toBeGreaterThan(300);
  });
});

describe("censuses shared between threads (each side with its own copies of the files)", () => {
  /** Every gate's answer for each file, by its census, next to the answer from the text alone. */
  const answers = (files: readonly LoadedFile[]) =>
    literalGates().flatMap((gate) => files.map((f) => [gate.mayMatch(f), gate.mayMatch(f.text)]));

  it("answers from the table as from each file's own census, whichever side counted it", async () => {
    const files = await exampleAndCorpusFiles();
    for (const d of DETECTORS) if (d.scope === "file" && d.prefilter) literalGate(d.prefilter);
    const table = sharedCensuses(files.length);
    // The worker's side comes first here and takes every file; the calling thread's side then meets it at once.
    countShared(files, table, "back");
    const copies = files.map((f) => new LoadedFile(f));
    countShared(copies, table, "front");
    expect([...table.claims.subarray(0, files.length)].every((state) => state === 2)).toBe(true);
    readShared(copies, table, 0);
    const pairs = answers(copies);
    expect(pairs.length).toBeGreaterThan(1000);
    for (const [byCensus, byText] of pairs) expect(byCensus).toBe(byText);
  });

  it("counts a file itself when the thread counting it does not finish in time", async () => {
    const files = (await snapshotOf({ "a.py": "import openai\n", "b.py": "import torch\n" })).files;
    const held = literalSet(["openai", "torch"]);
    const table = sharedCensuses(files.length);
    // Another thread claimed b.py and never finished.
    table.claims[1] = 1;
    countShared(files, table, "front");
    const started = performance.now();
    readShared(files, table, 20);
    expect(performance.now() - started).toBeGreaterThanOrEqual(15);
    expect(files.map((f) => held(f))).toEqual([["openai"], ["torch"]]);
  });

  it("leaves the table alone when the other thread's literals are not this thread's", async () => {
    const files = (await snapshotOf({ "a.py": "import openai\n" })).files;
    const held = literalSet(["openai"]);
    const table = { ...sharedCensuses(files.length), literals: ["zz-not-ours"] };
    countShared(files, table, "front");
    expect(table.claims[0]).toBe(0);
    readShared(files, table, 0);
    expect(held(files[0]!)).toEqual(["openai"]);
  });
});

describe("a review counts each file once", () => {
  // A review of the example and the whole corpus: about 1 s alone, over 5 s beside the other packages' tests.
  it("builds the automaton at most once: every gate is made before the first file is counted", async () => {
    const files = await exampleAndCorpusFiles();
    const before = automatonBuilds();
    const report = await review({ ...(await snapshotOf({})), files, paths: files.map((f) => f.path) });
    expect(report.findings.length).toBeGreaterThan(20);
    // One build when a gate made at the review's start added literals; a gate made later would make two.
    expect(automatonBuilds() - before).toBeLessThanOrEqual(1);
  }, 30_000);
});
