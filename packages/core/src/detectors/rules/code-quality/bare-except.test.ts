import treeSitter from "@vscode/tree-sitter-wasm";
import { describe, expect, it, vi } from "vitest";
import { reviewTree } from "../../../testing/memory-fs.js";
import { bareExcept } from "./bare-except.js";

describe("code-quality/bare-except", () => {
  it("fires on `except:` and points at its line", async () => {
    const report = await reviewTree({ "app.py": "try:\n    run()\nexcept:\n    print('oops')\n" }, [
      bareExcept,
    ]);
    expect(report.findings.map((f) => [f.ruleId, f.file, f.line])).toEqual([
      ["code-quality/bare-except", "app.py", 3],
    ]);
  });

  it("fires on each bare except of a try, nested and one-line ones too", async () => {
    const report = await reviewTree(
      {
        "app.py": [
          "def f():",
          "    try:",
          "        run()",
          "    except ValueError:",
          "        pass",
          "    except: pass",
          "    try:",
          "        go()",
          "    except :  # anything",
          "        try:",
          "            retry()",
          "        except:",
          "            pass",
        ].join("\n"),
      },
      [bareExcept],
    );
    expect(report.findings.map((f) => f.line)).toEqual([6, 9, 12]);
  });

  it("fires in a notebook cell and names the cell", async () => {
    const notebook = JSON.stringify({
      cells: [
        { cell_type: "markdown", source: "# title" },
        { cell_type: "code", source: ["x = 1"], execution_count: 1, outputs: [] },
        {
          cell_type: "code",
          source: ["try:\n", "    x()\n", "except:\n", "    pass"],
          execution_count: 2,
          outputs: [],
        },
      ],
    });
    const report = await reviewTree({ "explore.ipynb": notebook }, [bareExcept]);
    expect(report.findings).toHaveLength(1);
    expect(report.findings[0]!.file).toBe("explore.ipynb");
    expect(report.findings[0]!.assistantPrompt).toContain("cell 3, line 3");
  });

  it("stays quiet on typed excepts, comments and strings", async () => {
    const report = await reviewTree(
      {
        "app.py": [
          "try:",
          "    run()",
          "except ValueError:",
          "    pass",
          "except (KeyError, OSError) as e:",
          "    log(e)",
          "# except: is bad",
          "doc = 'except:'",
          'text = """',
          "except:",
          '"""',
          "try:",
          "    run()",
          "except Exception:  # except: would be worse",
          "    raise",
        ].join("\n"),
      },
      [bareExcept],
    );
    expect(report.findings).toEqual([]);
  });

  const NESTED = [
    "def f():",
    "    try:  # first",
    "        run()",
    "    except ValueError:",
    "        pass",
    "    except :",
    "        pass",
    "    try: go()",
    "    except: pass",
    "\tif x:",
    "\t\ttry:",
    "\t\t\tretry()",
    "\t\texcept:",
    "\t\t\tpass",
  ];

  it("reads `except:` lines from the text when they continue a `try`, parsing nothing, with any line ends", async () => {
    const parse = vi.spyOn(treeSitter.Parser.prototype, "parse");
    try {
      for (const end of ["\n", "\r\n"]) {
        const report = await reviewTree({ "app.py": NESTED.join(end) }, [bareExcept]);
        expect(report.findings.map((f) => f.line)).toEqual([6, 9, 13]);
      }
      expect(parse).not.toHaveBeenCalled();
    } finally {
      parse.mockRestore();
    }
  });

  it("leaves to the parser a file whose layout the text cannot read (a bracket left open at the end)", async () => {
    const parse = vi.spyOn(treeSitter.Parser.prototype, "parse");
    try {
      const report = await reviewTree({ "app.py": [...NESTED, "rest = ("].join("\n") }, [bareExcept]);
      expect(report.findings.map((f) => f.line)).toEqual([6, 9, 13]);
      expect(parse).toHaveBeenCalled();
    } finally {
      parse.mockRestore();
    }
  });
});
