// The eval's matching: the corpus test's rules (area, file, ±2 lines, null with null, quiet areas, one to one).

import type { Area, Finding } from "@learnloop/core";
import { describe, expect, it } from "vitest";
import { addScores, precision, recall, score } from "./score.js";

const finding = (
  area: Area,
  file: string | null,
  line: number | null,
  level: Finding["level"] = "actionable",
) => ({ area, file, line, level }) as Finding;
const label = (area: Area, file: string | null, line: number | null) => ({ area, file, line, why: "why" });

describe("score", () => {
  it("matches within two lines, not three, and a null line only with a null line", () => {
    const s = score(
      [
        finding("data", "a.py", 12),
        finding("data", "b.py", 13),
        finding("data", "c.py", null),
        finding("testing", null, null),
      ],
      {
        findings: [
          label("data", "a.py", 10),
          label("data", "b.py", 10),
          label("data", "c.py", 4),
          label("testing", null, null),
        ],
        quiet: [],
      },
    );
    expect(s).toMatchObject({ reported: 4, expected: 4, tp: 2, fp: 2, fn: 2 });
    expect(precision(s)).toBe(0.5);
    expect(recall(s)).toBe(0.5);
  });

  it("counts a second report of one label as a false positive, and anything in a quiet area", () => {
    const s = score(
      [finding("security", "a.py", 3), finding("security", "a.py", 4), finding("testing", "t.py", 1)],
      {
        findings: [label("security", "a.py", 3)],
        quiet: ["testing"],
      },
    );
    expect(s).toMatchObject({ tp: 1, fp: 2, fn: 0, missed: [] });
    expect(s.unmatched.map((f) => [f.area, f.line])).toEqual([
      ["security", 4],
      ["testing", 1],
    ]);
  });

  it("ignores celebratory findings and says nothing of precision when nothing was reported", () => {
    const s = score([finding("testing", "t.py", 1, "celebratory")], {
      findings: [label("testing", "t.py", 1)],
      quiet: [],
    });
    expect(s).toMatchObject({
      reported: 0,
      tp: 0,
      fn: 1,
      unmatched: [],
      missed: [{ file: "t.py", line: 1 }],
    });
    expect(precision(s)).toBeNull();
    expect(recall(addScores([s, s]))).toBe(0);
  });
});
