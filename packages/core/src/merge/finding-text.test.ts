import { describe, expect, it } from "vitest";
import { LineReader } from "../snapshot/source-file.js";
import { findingText } from "./finding-text.js";

const TEXT = Array.from({ length: 30 }, (_, i) => `line ${i + 1}`).join("\r\n");
const lines = new LineReader(TEXT, false);

describe("findingText", () => {
  it("reads the finding's line without its CR, and the lines from it to its end for the prompt", () => {
    expect(findingText(lines, 3, 5, false)).toEqual({ code: "line 3", excerpt: "line 3\nline 4\nline 5" });
  });

  it("quotes at most 12 lines, and nothing past the file's end", () => {
    expect(findingText(lines, 10, 29, false).excerpt?.split("\n")).toHaveLength(12);
    expect(findingText(lines, 29, 40, false).excerpt).toBe("line 29\nline 30");
    expect(findingText(lines, 31, 31, false)).toEqual({ code: "", excerpt: "" });
  });

  it("never quotes a secret's code to the prompt, and has no code for a finding with no line", () => {
    expect(findingText(lines, 3, 3, true)).toEqual({ code: "line 3", excerpt: null });
    expect(findingText(lines, null, null, false)).toEqual({ code: "", excerpt: null });
  });
});
