import { describe, expect, it } from "vitest";
import { countLines, LineReader, LoadedFile, splitLines } from "./source-file.js";

const TEXTS = [
  "",
  "one",
  "a = 1\nb = 2\n",
  "a = 1\r\nb = 2\r\n",
  "mixed\r\nends\nhere\r",
  "\n\n\r\n",
  "x = '\r'\r\ny\n",
];

describe("reading a file's lines without splitting it", () => {
  for (const notebook of [false, true]) {
    it(`gives every line as splitLines does (${notebook ? "notebook" : "file"})`, () => {
      for (const text of TEXTS) {
        const lines = splitLines(text, notebook);
        const reader = new LineReader(text, notebook);
        expect([text, countLines(text)]).toEqual([text, lines.length]);
        expect([text, reader.count]).toEqual([text, lines.length]);
        expect([text, lines.map((_, i) => reader.line(i))]).toEqual([text, lines]);
      }
    });
  }

  it("finds the line that holds an offset", () => {
    const reader = new LineReader("ab\r\ncd\n\nef", false);
    expect([0, 1, 2, 3, 4, 6, 7, 8, 9].map((offset) => reader.indexAt(offset))).toEqual([
      0, 0, 0, 0, 1, 1, 2, 3, 3,
    ]);
  });

  it("splits a loaded file's lines once, when first read", () => {
    const file = new LoadedFile({ path: "a.py", bytes: 9, language: "python", text: "a\r\nb\nc" });
    expect(file.lines).toEqual(["a", "b", "c"]);
    expect(file.lines).toBe(file.lines);
    expect(Object.keys(file)).not.toContain("lines");
  });
});
