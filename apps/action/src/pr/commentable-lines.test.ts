import { changedFilesFromDiff } from "@learnloop/core";
import { describe, expect, it } from "vitest";
import { asUnifiedDiff, commentableLines } from "./commentable-lines.js";

const PATCH = [
  "@@ -1,3 +1,4 @@",
  " import json",
  "-old = 1",
  "+new = 1",
  "+added = 2",
  " tail = 3",
  "@@ -20,2 +21,2 @@ def f():",
  "-    x",
  "+    y",
  "     z",
].join("\n");

describe("commentableLines", () => {
  it("lists new-side lines of every hunk: added and context, not removed", () => {
    expect([...commentableLines(PATCH)]).toEqual([1, 2, 3, 4, 21, 22]);
  });

  it("is empty for a file with no patch (binary or too large)", () => {
    expect(commentableLines(undefined).size).toBe(0);
  });

  it("ignores the no-newline marker", () => {
    expect([...commentableLines("@@ -1 +1 @@\n-a\n+b\n\\ No newline at end of file")]).toEqual([1]);
  });
});

describe("asUnifiedDiff", () => {
  it("turns GitHub's per-file patch into a diff the core reads, with the added lines", () => {
    const [file] = changedFilesFromDiff(asUnifiedDiff("src/app.py", PATCH, "modified"));
    expect(file!.path).toBe("src/app.py");
    expect([...file!.addedLines]).toEqual([2, 3, 21]);
    const [added] = changedFilesFromDiff(asUnifiedDiff("new.py", "@@ -0,0 +1,2 @@\n+a\n+b", "added"));
    expect(added!.status).toBe("added");
  });
});
