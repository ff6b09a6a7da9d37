import { describe, expect, it } from "vitest";
import { holdsAny, lineMatches } from "./needles.js";

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
