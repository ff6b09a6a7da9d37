import { describe, expect, it } from "vitest";
import { syntaxOf } from "../../../parse/syntax.js";
import { grammarOf, loadParsers } from "../../../parse/tree-sitter.js";
import type { SourceFile } from "../../../snapshot/types.js";
import { labelledCorpusFiles } from "../../../testing/corpus-files.js";
import { reviewTree, snapshotOf } from "../../../testing/memory-fs.js";
import { type Body, bodies, duplicatedFunction, textBodies } from "./duplicated-function.js";

const RULE = "code-quality/duplicated-function";
const py = (...lines: string[]) => lines.join("\n");

const LOAD = [
  "def load_data(path):",
  '    """Read the CSV."""',
  "    df = pd.read_csv(path)",
  "    df = df.dropna()",
  "    df['text'] = df['text'].str.lower()",
  "    df = df[df['text'].str.len() > 0]",
  "    df = df.reset_index(drop=True)",
  "    return df",
];
/** The same body, re-indented, with other comments and another docstring. */
const LOAD_COPY = [
  "def read_rows(csv_path):",
  "    # copied from train.py",
  "    df = pd.read_csv(path)",
  "    df = df.dropna()",
  "",
  "    df['text'] = df['text'].str.lower()   # normalise",
  "    df = df[df['text'].str.len() > 0]",
  "    df = df.reset_index(drop=True)",
  "    return df",
];

describe("code-quality/duplicated-function", () => {
  it("fires at the second copy, naming the first, once per pair", async () => {
    const report = await reviewTree(
      {
        "train.py": py("import pandas as pd", ...LOAD),
        "eval.py": py("import pandas as pd", "", ...LOAD_COPY),
      },
      [duplicatedFunction],
    );
    expect(report.findings.map((f) => [f.ruleId, f.file, f.line, f.endLine, f.level])).toEqual([
      [RULE, "train.py", 2, 9, "informative"],
    ]);
    expect(report.findings[0]!.message).toBe(
      "`load_data` repeats the body of `read_rows` in eval.py (line 3) line for line.",
    );
  });

  it("reports one finding per copied file, counting the rest, and copies inside one file", async () => {
    const second = LOAD.map((l) => l.replace("load_data", "load_more").replace("dropna()", "fillna('')"));
    const report = await reviewTree(
      {
        "a.py": py(...LOAD, "", ...second),
        "b.py": py(...LOAD, "", ...second),
        "c.py": py(...LOAD, "", ...LOAD.map((l) => l.replace("load_data", "load_again"))),
      },
      [duplicatedFunction],
    );
    expect(report.findings.map((f) => [f.file, f.line, f.message])).toEqual([
      [
        "b.py",
        1,
        "`load_data` repeats the body of `load_data` in a.py (line 1) line for line; 1 more function here repeats a.py too.",
      ],
      [
        "c.py",
        1,
        "`load_data` repeats the body of `load_data` in a.py (line 1) line for line; 1 more function here repeats a.py too.",
      ],
    ]);
  });

  it("fires on a short body of long lines, and not on a short body of short lines", async () => {
    const clean = (name: string, col: string) => [
      `def ${name}(df, col="${col}"):`,
      '    df[col] = df[col].astype(str).str.replace("$", "", regex=False).str.replace(",", "", regex=False)',
      '    df[col] = pd.to_numeric(df[col], errors="coerce")',
      "    return df",
    ];
    const small = (name: string) => [
      `def ${name}(self):`,
      "    self.x = 0",
      "    self.y = 0",
      "    return self",
    ];
    const report = await reviewTree(
      {
        "clean.py": py(
          "import pandas as pd",
          ...clean("clean_price_column", "unit_price"),
          ...clean("clean_cost_column", "unit_cost"),
          ...small("reset"),
          ...small("clear"),
        ),
      },
      [duplicatedFunction],
    );
    expect(report.findings.map((f) => [f.line, f.message])).toEqual([
      [6, "`clean_cost_column` repeats the body of `clean_price_column` on line 2 line for line."],
    ]);
  });

  it("fires across a notebook and a module, and in TypeScript", async () => {
    const notebook = JSON.stringify({
      cells: [
        { cell_type: "code", source: "import pandas as pd", outputs: [] },
        { cell_type: "code", source: LOAD.join("\n"), outputs: [] },
      ],
    });
    const ts = (name: string) =>
      [
        `export async function ${name}(q: string) {`,
        "  const res = await client.chat.completions.create({",
        '    model: "gpt-4o-mini",',
        '    messages: [{ role: "user", content: q }],',
        "    temperature: 0,",
        "  });",
        '  return res.choices[0].message.content ?? "";',
        "}",
      ].join("\n");
    const report = await reviewTree(
      {
        "explore.ipynb": notebook,
        "src/data.py": LOAD.join("\n"),
        "src/a.ts": ts("ask"),
        "src/b.ts": ts("askAgain"),
      },
      [duplicatedFunction],
    );
    expect(report.findings.map((f) => [f.file, f.line])).toEqual([
      ["src/b.ts", 1],
      ["src/data.py", 1],
    ]);
    expect(report.findings[1]!.message).toContain("in explore.ipynb (line 2)");
  });

  it("stays quiet on short or different bodies, tests, build output and a notebook's own export", async () => {
    const short = ["def a(x):", "    return x + 1"];
    const notebook = JSON.stringify({ cells: [{ cell_type: "code", source: LOAD.join("\n"), outputs: [] }] });
    const report = await reviewTree(
      {
        "one.py": py(...short, ...LOAD.map((l) => l.replace("dropna()", "dropna(how='any')"))),
        "two.py": py(
          ...short.map((l) => l.replace("a(", "b(")),
          ...LOAD.map((l) => l.replace("dropna()", "dropna(how='all')")),
        ),
        "tests/test_one.py": LOAD.join("\n"),
        "build/lib/one.py": LOAD.join("\n"),
        "analysis.ipynb": notebook,
        "analysis.py": LOAD.join("\n"),
        "web/app.js":
          "[1, 2].map((x) => {\n  a();\n  b();\n  c();\n  d();\n  e();\n  f();\n});\n[1, 2].map((x) => {\n  a();\n  b();\n  c();\n  d();\n  e();\n  f();\n});\n",
      },
      [duplicatedFunction],
    );
    expect(report.findings).toEqual([]);
  });
});

/** Python functions whose text is easy to misread: docstrings, comments, headers over lines, bodies on one line. */
const LAYOUTS = py(
  "import os",
  "",
  "@decorate(",
  "    'x')",
  "async def fetch(url: str,",
  "          retries: int = 3) -> dict:  # header comment",
  "    r'''Raw docstring.'''",
  "    for attempt in range(retries):",
  "        log(attempt)",
  "        reply = get(url)",
  "        if reply.ok:",
  "            return reply.json()",
  "        # a comment at the body's depth",
  "    raise IOError(url)",
  "    # trailing, at the body's depth: tree-sitter keeps it in the function",
  "",
  "        # deeper still",
  "  # shallower: not the function's",
  "",
  "def one_line(x): return {'a': x, 'b': x, 'c': x, 'd': x}",
  "",
  "class Store:",
  "    def put(self, key, value):",
  '        "not a docstring".join([key, value])',
  "        self.items[key] = value",
  "        self.count += 1",
  "        self.dirty = True",
  "",
  "    def get(self, key):",
  '        """Docstring""" ; x = 1',
  "        if key in self.items:",
  "            return self.items[key]",
  "        return None",
  "",
  "    def nested(self):",
  "        def inner(a,",
  "                  b):",
  "            total = a + b",
  "            total *= 2",
  "            total -= 1",
  "            total //= 3",
  "            total += a",
  "            return total",
  "        # between",
  "        return inner(1, 2) + inner(3, 4) + inner(5, 6)",
  "",
  "def lambdas(rows):",
  "    key = lambda row: row['x']",
  "    rows = sorted(rows, key=key)",
  "    rows = [r for r in rows if r]",
  "    rows = [r for r in rows if r['y']]",
  "    rows = rows[:10]",
  "    return {k: v for k, v in rows}",
);

describe("code-quality/duplicated-function reads Python bodies from text as a tree does", () => {
  async function treeBodies(file: SourceFile): Promise<Body[]> {
    const parsers = await loadParsers(["python"]);
    const tree = parsers.parse("python", file.text)!;
    try {
      return bodies(syntaxOf(tree, "python", parsers), file.path);
    } finally {
      tree.delete();
    }
  }

  /** The text's reading of every function it settles must be the tree's: key, name and lines. */
  async function expectSameAsTree(file: SourceFile): Promise<{ read: number; unclear: number[] }> {
    const read = textBodies(file);
    expect(read, file.path).not.toBeNull();
    const unclear = new Set(read!.unclear);
    const fromTree = (await treeBodies(file)).filter((b) => !unclear.has(b.fn.line));
    expect(read!.bodies, file.path).toEqual(fromTree);
    return { read: read!.bodies.length, unclear: read!.unclear };
  }

  it("on functions laid out in every awkward way, leaving a string-led first statement to the tree", async () => {
    const [file] = (await snapshotOf({ "app.py": LAYOUTS })).files;
    const { read, unclear } = await expectSameAsTree(file!);
    // Four are long enough to count; `put` and `get` start with a string that goes on: left to the tree.
    expect(textBodies(file!)!.bodies.map((b) => b.fn.name)).toEqual(["fetch", "nested", "inner", "lambdas"]);
    expect(read).toBe(4);
    expect(unclear).toEqual([23, 29]);
    expect(textBodies(file!)!.bodies[0]!.fn).toMatchObject({ name: "fetch", line: 5, endLine: 17 });
  });

  it("with Windows line ends", async () => {
    const [file] = (await snapshotOf({ "app.py": LAYOUTS.replaceAll("\n", "\r\n") })).files;
    expect((await expectSameAsTree(file!)).read).toBe(4);
  });

  it("on every Python file of the labelled corpora", async () => {
    let read = 0;
    for (const file of await labelledCorpusFiles()) {
      if (grammarOf(file.path) === "python") read += (await expectSameAsTree(file)).read;
    }
    expect(read).toBeGreaterThan(50);
  });
});
