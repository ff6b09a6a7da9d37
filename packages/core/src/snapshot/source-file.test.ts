import { describe, expect, it } from "vitest";
import { countLines, LineReader, LoadedFile, lineStarts, splitLines } from "./source-file.js";

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

  it("gives each text its own line starts, however texts follow one another and however long they are", () => {
    // Longer than the scan's first buffer, and texts met again after others (the answers of the last few are kept).
    const long = "x = 1\n".repeat(10_000);
    const texts = [...TEXTS, long, "a\nb", long, "a\nb", `${long}y`, "", long];
    for (const text of texts) {
      const starts = [0, ...[...text.matchAll(/\n/g)].map((m) => m.index + 1)];
      expect([text.length, [...lineStarts(text)]]).toEqual([text.length, starts]);
      expect([text.length, countLines(text)]).toEqual([text.length, starts.length]);
    }
    // The same text (the same contents) is searched once: the answer is the one kept.
    expect(lineStarts(long)).toBe(lineStarts(`${"x = 1\n".repeat(10_000)}`));
  });

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
