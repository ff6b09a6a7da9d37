import { describe, expect, it } from "vitest";
import { countChanges, diffHunkFor, findLine, findPosition, makePatch, parsePatch } from "./diff.js";

// Two hunks: lines 2..4 and 10..13 of the new file.
const PATCH = [
  "@@ -1,4 +1,4 @@ def main():",
  " import os",
  "-import sys",
  "+import json",
  " ",
  " def main():",
  "@@ -10,3 +10,4 @@ def main():",
  "     run()",
  "+    log()",
  "     stop()",
  " # end",
].join("\n");

describe("parsePatch", () => {
  const parsed = parsePatch(PATCH);

  it("numbers old and new lines per hunk", () => {
    expect(parsed.hunks.map((h) => [h.oldStart, h.oldLines, h.newStart, h.newLines])).toEqual([
      [1, 4, 1, 4],
      [10, 3, 10, 4],
    ]);
    expect(findLine(parsed, 2, "RIGHT")?.text).toBe("import json");
    expect(findLine(parsed, 2, "LEFT")?.text).toBe("import sys");
    expect(findLine(parsed, 11, "RIGHT")?.kind).toBe("add");
  });

  it("knows which lines are outside the diff, per side", () => {
    expect(findLine(parsed, 5, "RIGHT")).toBeUndefined(); // between the hunks
    expect(findLine(parsed, 11, "LEFT")?.text).toBe("    stop()"); // old line 11 is context
    expect(findLine(parsed, 14, "RIGHT")).toBeUndefined(); // after the last hunk
  });

  it("counts positions like GitHub: below the first header, later headers included", () => {
    expect(findPosition(parsed, 1)?.text).toBe("import os");
    expect(findPosition(parsed, 5)?.text).toBe("def main():");
    expect(findPosition(parsed, 6)).toBeUndefined(); // the second @@ header
    expect(findPosition(parsed, 7)?.text).toBe("    run()");
  });

  it("builds diff_hunk up to the commented line", () => {
    const line = findLine(parsed, 11, "RIGHT")!;
    expect(diffHunkFor(parsed, line)).toBe("@@ -10,3 +10,4 @@ def main():\n     run()\n+    log()");
  });

  it("counts additions and deletions", () => {
    expect(countChanges(PATCH)).toEqual({ additions: 2, deletions: 1 });
    expect(countChanges(undefined)).toEqual({ additions: 0, deletions: 0 });
  });
});

describe("makePatch", () => {
  it("writes git-style hunks with three lines of context, deletions first", () => {
    const before = "a\nb\nc\nd\ne\nf\ng\nh\ni\nj\nk\nl\nm\n";
    const after = "a\nB\nc\nd\ne\nf\ng\nh\ni\nj\nk\nl\nm\nn\n";
    expect(makePatch(before, after)).toBe(
      [
        "@@ -1,5 +1,5 @@",
        " a",
        "-b",
        "+B",
        " c",
        " d",
        " e",
        "@@ -11,3 +11,4 @@",
        " k",
        " l",
        " m",
        "+n",
      ].join("\n"),
    );
  });

  it("handles added and removed files", () => {
    expect(makePatch(null, "x\ny\n")).toBe("@@ -0,0 +1,2 @@\n+x\n+y");
    expect(makePatch("x\n", null)).toBe("@@ -1 +0,0 @@\n-x");
  });

  it("marks a missing final newline", () => {
    expect(makePatch("a\n", "a")).toBe("@@ -1 +1 @@\n-a\n+a\n\\ No newline at end of file");
  });

  it("round-trips: the new side of the patch is the new content", () => {
    const before = Array.from({ length: 40 }, (_, i) => `line ${i}`)
      .join("\n")
      .concat("\n");
    const after = before.replace("line 3\n", "").replace("line 20", "LINE 20").concat("tail\n");
    const parsed = parsePatch(makePatch(before, after));
    const afterLines = after.split("\n");
    for (const line of parsed.lines) {
      if (line.newLine !== undefined) expect(line.text).toBe(afterLines[line.newLine - 1]);
    }
    expect(makePatch(before, before)).toBe("");
  });
});
