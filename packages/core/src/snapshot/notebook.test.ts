import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { ipynbLine, jupyterJson } from "../testing/notebook.js";
import { flattenNotebook } from "./notebook.js";

const code = (source: string | string[]) => ({ cell_type: "code", source, outputs: [], metadata: {} });
const markdown = (source: string | string[]) => ({ cell_type: "markdown", source, metadata: {} });

function flat(json: string) {
  const notebook = flattenNotebook(json);
  if (!notebook) throw new Error("not a notebook");
  return { ...notebook, lines: notebook.code.split("\n") };
}

describe("the map from flattened code to lines of the .ipynb file", () => {
  it("gives each line of an array-of-lines source its own JSON line, across a markdown cell", () => {
    const json = jupyterJson({
      cells: [
        code(["import pandas as pd\n", "df = pd.read_csv('a.csv')\n", "df = df.dropna()"]),
        markdown(["# Split\n", "Hold out a test set."]),
        code([
          "from sklearn.model_selection import train_test_split\n",
          "train, test = train_test_split(df)",
        ]),
      ],
    });
    const nb = flat(json);
    expect(nb.lines).toHaveLength(5);
    expect(nb.ipynbLines).toEqual(nb.lines.map((line) => ipynbLine(json, line)));
    // The map is strictly increasing here: one source string per JSON line, and the markdown lines are skipped.
    expect(new Set(nb.ipynbLines).size).toBe(5);
    expect(nb.ipynbLines[3]! - nb.ipynbLines[2]!).toBeGreaterThan(2);
  });

  it("points every line of a single-string source at the JSON line holding the string", () => {
    const json = jupyterJson({
      cells: [code("a = 1\nb = 2\nc = 3\n"), code(["d = 4\n", "e = 5"])],
    });
    const nb = flat(json);
    const stringLine = ipynbLine(json, "a = 1\nb = 2\nc = 3\n");
    expect(nb.lines).toEqual(["a = 1", "b = 2", "c = 3", "d = 4", "e = 5"]);
    expect(nb.ipynbLines).toEqual([
      stringLine,
      stringLine,
      stringLine,
      ipynbLine(json, "d = 4"),
      ipynbLine(json, "e = 5"),
    ]);
  });

  it("points a line that starts inside one string and ends in the next at where it starts", () => {
    const json = jupyterJson({ cells: [code(["x = ", "1\n", "y = 2"])] });
    const nb = flat(json);
    expect(nb.lines).toEqual(["x = 1", "y = 2"]);
    expect(nb.ipynbLines).toEqual([ipynbLine(json, "x = "), ipynbLine(json, "y = 2")]);
  });

  it("counts the same lines when the file has CRLF line ends, and sources that end lines with \\r\\n", () => {
    const lf = jupyterJson({ cells: [markdown("# Title"), code(["a = 1\r\n", "b = 2\r\n", "c = 3"])] });
    const crlf = lf.replace(/\n/g, "\r\n");
    const nb = flat(crlf);
    expect(nb.lines).toEqual(["a = 1", "b = 2", "c = 3"]);
    expect(nb.ipynbLines).toEqual(["a = 1", "b = 2", "c = 3"].map((l) => ipynbLine(crlf, l)));
    expect(nb.ipynbLines).toEqual(flat(lf).ipynbLines);
  });

  it("points every line of a minified notebook at line 1, the only true line", () => {
    const json = JSON.stringify({
      cells: [code(["import os\n", "key = os.environ['K']"]), markdown("x"), code("print(key)\nprint(1)")],
    });
    const nb = flat(json);
    expect(nb.lines).toHaveLength(4);
    expect(nb.ipynbLines).toEqual([1, 1, 1, 1]);
  });

  it("keeps its place through astral characters, accents, escapes and a raw U+2028 in an earlier cell", () => {
    const json = jupyterJson({
      cells: [
        markdown(["Notes \u2028 on a separator git does not break lines at\n", "🧪 résumé"]),
        code(["title = '😀😀 数据'\nsubtitle = 'é'\n", "x = 'Z̧'\n", "y = 3"]),
      ],
    }).replace("résumé", "r\\u00e9sum\\u00e9");
    const nb = flat(json);
    expect(nb.lines).toEqual(["title = '😀😀 数据'", "subtitle = 'é'", "x = 'Z̧'", "y = 3"]);
    const first = ipynbLine(json, "title = ");
    expect(nb.ipynbLines).toEqual([first, first, ipynbLine(json, "x = "), ipynbLine(json, "y = 3")]);
    expect(json.split("\n")[first - 1]).toContain("subtitle");
  });

  it("maps an empty cell to the line of its source, and the cells after it still line up", () => {
    const json = jupyterJson({ cells: [code([]), code(""), code(["\n", "z = 1"])] });
    const nb = flat(json);
    const rawLines = json.split("\n");
    expect(nb.lines).toEqual(["", "", "", "z = 1"]);
    expect(rawLines[nb.ipynbLines[0]! - 1]).toContain('"source": []');
    expect(rawLines[nb.ipynbLines[1]! - 1]).toContain('"source": ""');
    expect(rawLines[nb.ipynbLines[2]! - 1]!.trim()).toBe('"\\n",');
    expect(nb.ipynbLines[3]).toBe(ipynbLine(json, "z = 1"));
  });

  it("maps magic lines, turned into comments, to their own lines", () => {
    const json = jupyterJson({
      cells: [code(["%pip install pandas\n", "!ls data\n", "import pandas as pd"])],
    });
    const nb = flat(json);
    expect(nb.lines).toEqual(["#pip install pandas", "#ls data", "import pandas as pd"]);
    expect(nb.ipynbLines).toEqual(
      ["%pip install", "!ls data", "import pandas"].map((l) => ipynbLine(json, l)),
    );
  });

  it("reads the last of repeated keys, as JSON.parse does", () => {
    const json = [
      "{",
      ' "cells": [',
      "  {",
      '   "cell_type": "code",',
      '   "source": ["old = 1"],',
      '   "outputs": [],',
      '   "source": ["new = 1\\n",',
      '              "new = 2"]',
      "  }",
      " ]",
      "}",
    ].join("\n");
    const nb = flat(json);
    expect(nb.lines).toEqual(["new = 1", "new = 2"]);
    expect(nb.ipynbLines).toEqual([ipynbLine(json, "new = 1"), ipynbLine(json, "new = 2")]);
  });

  it("maps every line, whatever the layout, to a JSON line that holds the string the line starts in", () => {
    const line = fc.stringMatching(/^[^\n\r]{0,12}$/);
    // A cell's last line is not empty: the loader drops one trailing newline, as Jupyter shows the cell.
    const lines = fc
      .tuple(fc.array(line, { maxLength: 4 }), fc.stringMatching(/^[^\n\r]{1,12}$/))
      .map(([head, last]) => [...head, last]);
    const cell = fc.record({ kind: fc.constantFrom("code", "markdown"), lines });
    fc.assert(
      fc.property(
        fc.array(cell, { maxLength: 5 }),
        fc.constantFrom(0, 1, 2, "\t"),
        fc.boolean(),
        (cells, indent, crlf) => {
          const sources = cells.map((c) => c.lines.map((l, i) => (i < c.lines.length - 1 ? `${l}\n` : l)));
          const nb = {
            cells: cells.map((c, i) => (c.kind === "code" ? code(sources[i]!) : markdown(sources[i]!))),
          };
          let json = JSON.stringify(nb, null, indent);
          if (crlf) json = json.replace(/\n/g, "\r\n");
          const result = flat(json);
          const expected = cells.flatMap((c, i) => (c.kind === "code" ? sources[i]! : []));
          expect(result.ipynbLines).toHaveLength(expected.length);
          const rawLines = json.split("\n");
          result.ipynbLines.forEach((at, k) => {
            if (indent === 0) expect(at).toBe(1);
            else expect(rawLines[at - 1]!.trim().replace(/,$/, "")).toBe(JSON.stringify(expected[k]));
          });
        },
      ),
      { numRuns: 200 },
    );
  });
});
