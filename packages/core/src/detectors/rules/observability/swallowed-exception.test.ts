import { describe, expect, it } from "vitest";
import { reviewTree } from "../../../testing/memory-fs.js";
import { ipynbLine, jupyterJson } from "../../../testing/notebook.js";
import { swallowedException } from "./swallowed-exception.js";

const RULE = "observability/swallowed-exception";

describe("observability/swallowed-exception", () => {
  it("fires on an except whose only statement is pass, ... or continue, spanning header to body", async () => {
    const report = await reviewTree(
      {
        "ingest.py": [
          "for path in paths:",
          "    try:",
          "        docs.append(load(path))",
          "    except FileNotFoundError:",
          "        continue",
          "    try:",
          "        parse(path)",
          "    except (ValueError, KeyError) as err:",
          "",
          "        # TODO handle this",
          "        pass  # ignore",
          "    try:",
          "        index(path)",
          "    except Exception:",
          "        ...",
        ].join("\n"),
      },
      [swallowedException],
    );
    expect(report.findings.map((f) => [f.ruleId, f.file, f.line, f.endLine])).toEqual([
      [RULE, "ingest.py", 4, 5],
      [RULE, "ingest.py", 8, 11],
      [RULE, "ingest.py", 14, 15],
    ]);
    expect(report.findings[0]!.message).toContain("leaves no trace");
  });

  it("fires on the one-line form and on a bare except", async () => {
    const report = await reviewTree(
      { "app.py": "try: run()\nexcept ValueError: pass\ntry:\n    run()\nexcept:\n    pass\n" },
      [swallowedException],
    );
    expect(report.findings.map((f) => [f.line, f.endLine])).toEqual([
      [2, 2],
      [5, 6],
    ]);
  });

  it("fires in a notebook cell and names the cell", async () => {
    const notebook = jupyterJson({
      cells: [
        { cell_type: "code", source: "import json", outputs: [] },
        { cell_type: "markdown", source: "Parse the rows" },
        {
          cell_type: "code",
          source: [
            "for row in rows:\n",
            "    try:\n",
            "        out.append(json.loads(row))\n",
            "    except Exception:\n",
            "        pass",
          ],
          outputs: [],
        },
      ],
    });
    const report = await reviewTree({ "explore.ipynb": notebook }, [swallowedException]);
    expect(report.findings.map((f) => [f.ruleId, f.file, f.line])).toEqual([
      [RULE, "explore.ipynb", ipynbLine(notebook, "    except Exception:")],
    ]);
    expect(report.findings[0]!.assistantPrompt).toContain("cell 3, lines 4-5");
  });

  it("stays quiet when the handler logs, re-raises, returns, or does more than pass", async () => {
    const report = await reviewTree(
      {
        "app.py": [
          "import logging",
          "try:",
          "    run()",
          "except ValueError as err:",
          "    logging.warning('skipped: %s', err)",
          "except KeyError:",
          "    raise",
          "except OSError: return None",
          "except TimeoutError:",
          "    skipped += 1",
          "    pass",
          "except RuntimeError:",
          "    # nothing to do here, but we count it",
          "    errors.append(path)",
          "# except Exception:",
          "#     pass",
          "message = 'except: pass'",
          "exceptional = True",
          "except_count = 0",
        ].join("\n"),
      },
      [swallowedException],
    );
    expect(report.findings).toEqual([]);
  });

  it("reads the handler's body by indentation, not the statements after it", async () => {
    const report = await reviewTree(
      {
        "app.py": [
          "def f():",
          "    try:",
          "        run()",
          "    except ValueError:",
          "        log()",
          "    pass",
          "    try:",
          "        run()",
          "    except KeyError:",
          "        pass",
          "    return 1",
        ].join("\n"),
      },
      [swallowedException],
    );
    expect(report.findings.map((f) => [f.line, f.endLine])).toEqual([[9, 10]]);
  });
});
