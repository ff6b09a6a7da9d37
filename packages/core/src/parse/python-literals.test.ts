import { describe, expect, it } from "vitest";
import { maskStringsAndComments, pythonLiterals } from "./python-literals.js";

describe("pythonLiterals and the masked code", () => {
  const lf = "x = \"first \\\nsecond\"\ny = f('z')  # note\n";
  const crlf = lf.replaceAll("\n", "\r\n");

  it("blanks strings and comments and keeps line breaks and quotes", () => {
    expect(maskStringsAndComments(lf)).toBe("x = \"       \n      \"\ny = f(' ')        \n");
  });

  it("reads a one-line string continued by a backslash the same with CRLF line ends as with LF", () => {
    // Python reads a CRLF file's line breaks as "\n": the backslash escapes the whole break, and the string goes on.
    const lines = maskStringsAndComments(crlf).split(/\r?\n/);
    expect(lines[1]).toBe('      "');
    expect(lines[2]).toMatch(/^y = f\(' '\) +$/);
    const spans = (text: string) => pythonLiterals(text).strings.filter((_, i) => i % 4 === 0).length;
    expect(spans(crlf)).toBe(spans(lf));
  });

  it("blanks text that needs two bytes a character, and keeps the code around it", () => {
    // Past U+00FF the text is blanked as UTF-16: every character stays one unit wide, so columns still match.
    const text = 'greeting = "こんにちは"  # 挨拶\nπ = 3.14  # ≈\n';
    const masked = maskStringsAndComments(text);
    expect(masked).toBe('greeting = "     "      \nπ = 3.14     \n');
    expect(masked.length).toBe(text.length);
  });
});
