import { readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import { describe, expect, it } from "vitest";
import { snapshotOf } from "../../testing/memory-fs.js";
import { DETECTORS } from "../registry.js";
import { holdsAny, lineMatches, mayHold, needleGates, requiredNeedles, trigramFilter } from "./needles.js";

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

  it("holdsAny says whether any needle is in the text", () => {
    expect(holdsAny("a seed here", ["random_state", "seed"])).toBe(true);
    expect(holdsAny("nothing", ["random_state", "seed"])).toBe(false);
  });
});

describe("trigram filter: a quick no for needles a text does not hold", () => {
  const text = readFileSync(new URL(import.meta.url), "utf8");

  it("never says no to a string the text holds (every slice of this file, any length, non-ASCII too)", () => {
    const filter = trigramFilter(text);
    for (let start = 0; start < text.length; start += 7) {
      for (const length of [1, 3, 4, 9, 30]) {
        const needle = text.slice(start, start + length);
        expect(mayHold(filter, needle), JSON.stringify(needle)).toBe(true);
      }
    }
    expect(mayHold(trigramFilter("naïve café → ok"), "café →")).toBe(true);
  });

  it("says no to most strings it does not hold, and sizes itself to the text", () => {
    const other = readFileSync(new URL("../run.ts", import.meta.url), "utf8");
    const filter = trigramFilter(other);
    const absent = [
      "classification_report",
      "SentenceTransformer",
      "torch.load(",
      "process.env.OPENAI",
      "zz_qq_xx",
    ];
    for (const needle of absent) expect(other.includes(needle)).toBe(false);
    expect(absent.filter((needle) => mayHold(filter, needle)).length).toBeLessThanOrEqual(1);
    expect(trigramFilter("x").length * 32).toBe(1024);
    expect(trigramFilter("x".repeat(1_000_000)).length * 32).toBe(65536);
  });
});

describe("requiredNeedles: strings every match holds one of", () => {
  it.each([
    [
      /environ|getenv|process\.env|import\.meta\.env/,
      ["environ", "getenv", "process.env", "import.meta.env"],
    ],
    [/\b(pickle|dill|torch\.load)\b/, ["pickle", "dill", "torch.load"]],
    [/json\.loads|JSON\.parse/, ["json.loads", "JSON.parse"]],
    [/\bfit(_transform|_resample)?\s*\(/, ["fit"]],
    [/max_retries\s*=\s*0\b|maxRetries\s*:\s*0\b/, ["max_retries", "maxRetries"]],
    [/\bprints?\(/, ["print"]],
    [/(calculate|add up|tally)[^.\n]{0,40}?(total|sum)/, ["calculate", "add up", "tally"]],
    [/(?:from_documents|fromTexts)\s*\(/, ["from_documents", "fromTexts"]],
  ])("reads %s", (pattern, needles) => {
    expect(requiredNeedles(pattern)).toEqual(needles);
  });

  it.each([
    /embed|SentenceTransformer/i, // ignores case
    /\.(append|push)\(|\+=/, // a branch that starts with one plain character is no needle worth looking for
    /[abc]x|y/, // a bracket
    /=>|\)\s*\{/, // `=>` is fine, `\)` then a class: too short
    /(abc)|(def)/, // two groups, not one around everything
    /(abc|def)?ghi/, // the group may be missing
    /(?=abc)def|ghi/, // a lookahead, then a branch
  ])("gives up on %s", (pattern) => {
    expect(requiredNeedles(pattern)).toBeNull();
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

describe("needles never say no where the expression says yes, over the example and every corpus file", () => {
  it("for the needles read from each rule's prefilter", async () => {
    const files = await exampleAndCorpusFiles();
    let checked = 0;
    for (const d of DETECTORS) {
      // A gate's own needles are checked below, with every registered gate.
      const prefilter = d.scope === "file" && d.prefilter instanceof RegExp ? d.prefilter : null;
      const needles = prefilter ? requiredNeedles(prefilter) : null;
      if (!needles || !prefilter) continue;
      for (const file of files.filter((f) => prefilter.test(f.text))) {
        checked++;
        expect(holdsAny(file.text, needles), `${d.meta.id} on ${file.path}`).toBe(true);
        expect(holdsAny(file, needles), `${d.meta.id} on ${file.path}, by trigrams`).toBe(true);
      }
    }
    expect(checked).toBeGreaterThan(100);
  });

  it("for every hand-written needle gate (each pattern tried on each line, as the rules do)", async () => {
    const files = await exampleAndCorpusFiles();
    const gates = needleGates();
    expect(gates.length).toBeGreaterThanOrEqual(6);
    const matches = new Map(gates.map((g) => [g, 0]));
    for (const gate of gates) {
      const anyLine = gate.patterns.map(
        (p) => new RegExp(p.source, p.flags.replace(/[gy]/g, "") + (p.multiline ? "" : "m")),
      );
      for (const file of files) {
        if (!anyLine.some((p) => p.test(file.text))) continue;
        matches.set(gate, matches.get(gate)! + 1);
        expect(gate.mayMatch(file.text), `${gate.patterns.join(" ")} on ${file.path}`).toBe(true);
        expect(gate.mayMatch(file), `${gate.patterns.join(" ")} on ${file.path}, by trigrams`).toBe(true);
      }
    }
    // Each gate met text its expressions match: a gate no file exercises would be checked by nothing here.
    expect([...matches].filter(([, n]) => n === 0).map(([g]) => String(g.patterns[0]))).toEqual([]);
  });
});
