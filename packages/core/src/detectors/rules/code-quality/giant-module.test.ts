import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { reviewTree } from "../../../testing/memory-fs.js";
import { codeLines, giantModule } from "./giant-module.js";

const RULE = "code-quality/giant-module";

/** `n` small functions of 4 code lines each, with blank lines and comments between them. */
const pythonFunctions = (n: number) =>
  Array.from(
    { length: n },
    (_, i) => `# helper ${i}\ndef f${i}(x):\n    y = x + ${i}\n    z = y * 2\n    return z\n`,
  ).join("\n");
const tsFunctions = (n: number) =>
  Array.from(
    { length: n },
    (_, i) => `// helper ${i}\nexport function f${i}(x: number) {\n  const y = x + ${i};\n  return y;\n}\n`,
  ).join("\n");

describe("code-quality/giant-module", () => {
  it("fires on a Python module over 800 lines of code, counting no blanks or comments", async () => {
    const report = await reviewTree({ "app.py": pythonFunctions(201), "small.py": pythonFunctions(200) }, [
      giantModule,
    ]);
    expect(report.findings.map((f) => [f.ruleId, f.file, f.line, f.level])).toEqual([
      [RULE, "app.py", null, "informative"],
    ]);
    expect(report.findings[0]!.message).toBe("app.py holds 804 lines of code in one module.");
  });

  it("writes large counts with thousands separators", async () => {
    const report = await reviewTree({ "app.py": pythonFunctions(2_500) }, [giantModule]);
    expect(report.findings[0]!.message).toBe("app.py holds 10,000 lines of code in one module.");
  });

  it("fires when a top-level statement only looks long because of the comments after it (the parse decides)", async () => {
    // By indentation the list runs to the line before the first `def`: 1,050 lines, over half of 1,857. Its code
    // is 52 lines, so only the tree can tell, and the tree says it is small.
    const comments = Array.from({ length: 1000 }, (_, i) => `# note ${i}`).join("\n");
    const list = `NAMES = [\n${Array.from({ length: 50 }, (_, i) => `    "n${i}",`).join("\n")}\n]\n`;
    const report = await reviewTree({ "app.py": `${list}${comments}\n${pythonFunctions(201)}` }, [
      giantModule,
    ]);
    expect(report.findings.map((f) => [f.file, f.line])).toEqual([["app.py", null]]);
  });

  it("fires on a TypeScript module and on a notebook with too many cells or lines", async () => {
    const cells = (n: number, lines: number) =>
      JSON.stringify({
        cells: Array.from({ length: n }, (_, i) => ({
          cell_type: "code",
          source: Array.from({ length: lines }, (_, j) => `x${i}_${j} = ${j}`).join("\n"),
          outputs: [],
        })),
      });
    const report = await reviewTree(
      {
        "src/server.ts": tsFunctions(201),
        "many.ipynb": cells(61, 1),
        "long.ipynb": cells(10, 101),
        "ok.ipynb": cells(60, 16),
      },
      [giantModule],
    );
    expect(report.findings.map((f) => [f.file, f.message])).toEqual([
      ["long.ipynb", "long.ipynb has 10 code cells and 1,010 lines of code in one notebook."],
      ["many.ipynb", "many.ipynb has 61 code cells and 61 lines of code in one notebook."],
      ["src/server.ts", "src/server.ts holds 804 lines of code in one module."],
    ]);
  });

  it("stays quiet on data literals, tests and type declarations, however long", async () => {
    const words = `WORDS = [\n${Array.from({ length: 900 }, (_, i) => `    "w${i}",`).join("\n")}\n]\n`;
    const table = `export const TABLE = {\n${Array.from({ length: 900 }, (_, i) => `  k${i}: ${i},`).join("\n")}\n};\n`;
    const report = await reviewTree(
      {
        "stopwords.py": `${words}def is_stop(w):\n    return w in WORDS\n`,
        "src/table.ts": table,
        "tests/test_app.py": pythonFunctions(300),
        "src/app.test.ts": tsFunctions(300),
        "types/api.d.ts": tsFunctions(300),
      },
      [giantModule],
    );
    expect(report.findings).toEqual([]);
  });
});

describe("codeLines: the lines that are neither blank nor only a comment, read without splitting", () => {
  it("counts as splitting the lines and reading each would, in Python and in JS", () => {
    const part = fc.constantFrom("x", "#", "/", "*", " ", "\t", "\r", "\n", "\u00a0", "\u2028", "\f");
    fc.assert(
      fc.property(
        fc.array(part, { maxLength: 30 }),
        fc.constantFrom("python", "javascript"),
        (parts, language) => {
          const text = parts.join("");
          const comment = language === "python" ? /^\s*#/ : /^\s*(\/\/|\/\*|\*)/;
          const split = text.split(/\r?\n/).filter((l) => l.trim() !== "" && !comment.test(l)).length;
          expect(codeLines({ text, language: language as "python" | "javascript" })).toBe(split);
        },
      ),
      { numRuns: 2000 },
    );
  });
});
