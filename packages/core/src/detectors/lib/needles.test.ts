import { describe, expect, it } from "vitest";
import { holdsAny, lineMatches, requiredNeedles } from "./needles.js";

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
  ])("reads %s", (pattern, needles) => {
    expect(requiredNeedles(pattern)).toEqual(needles);
  });

  it.each([
    /embed|SentenceTransformer/i, // ignores case
    /\.(append|push)\(|\+=/, // a branch that starts with one plain character is no needle worth looking for
    /[abc]x|y/, // a bracket
    /=>|\)\s*\{/, // `=>` is fine, `\)` then a class: too short
    /(abc)|(def)/, // two groups, not one around everything
  ])("gives up on %s", (pattern) => {
    expect(requiredNeedles(pattern)).toBeNull();
  });

  it("never says no where the expression says yes (every prefilter of the catalog, on the example and the corpora)", async () => {
    const { DETECTORS } = await import("../registry.js");
    const { snapshotOf } = await import("../../testing/memory-fs.js");
    const { readdirSync, readFileSync, statSync } = await import("node:fs");
    const { join, relative } = await import("node:path");
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
    const snapshot = await snapshotOf(tree);
    let checked = 0;
    for (const d of DETECTORS) {
      if (d.scope !== "file" || !d.prefilter) continue;
      const needles = requiredNeedles(d.prefilter);
      if (!needles) continue;
      for (const file of snapshot.files) {
        if (d.prefilter.test(file.text)) {
          checked++;
          expect(holdsAny(file.text, needles), `${d.meta.id} on ${file.path}`).toBe(true);
        }
      }
    }
    expect(checked).toBeGreaterThan(100);
  });
});
