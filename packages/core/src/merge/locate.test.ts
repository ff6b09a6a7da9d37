import { describe, expect, it } from "vitest";
import { bareExcept } from "../detectors/rules/code-quality/bare-except.js";
import { swallowedException } from "../detectors/rules/observability/swallowed-exception.js";
import { notebookOutOfOrder } from "../detectors/rules/reproducibility/notebook-out-of-order.js";
import { reportSchema } from "../report/contract.js";
import { review } from "../review.js";
import { snapshotOf } from "../testing/memory-fs.js";
import { ipynbLine, jupyterJson } from "../testing/notebook.js";
import { locate } from "./locate.js";

const code = (source: string[], count: number | null = null) => ({
  cell_type: "code",
  execution_count: count,
  metadata: {},
  outputs: [],
  source,
});
const RISKY = ["try:\n", "    run()\n", "except:\n", "    pass"];

describe("notebook findings in the report", () => {
  it("point at the .ipynb line, name the cell in the message and the prompt, and keep the contract", async () => {
    const json = jupyterJson({
      cells: [
        code(["import json\n", "data = {}"]),
        { cell_type: "markdown", metadata: {}, source: ["## Run it"] },
        code(RISKY),
      ],
    });
    const report = await review(await snapshotOf({ "nb.ipynb": json }), { detectors: [bareExcept] });
    expect(() => reportSchema.parse(JSON.parse(JSON.stringify(report)))).not.toThrow();
    const [finding] = report.findings;
    expect([finding!.file, finding!.line, finding!.endLine]).toEqual([
      "nb.ipynb",
      ipynbLine(json, "except:"),
      ipynbLine(json, "except:"),
    ]);
    expect(json.split("\n")[finding!.line! - 1]).toContain('"except:\\n"');
    expect(finding!.message).toBe(
      "In cell 3, line 3: `except:` here catches every error, not only the one you expect.",
    );
    expect(finding!.assistantPrompt).toContain("nb.ipynb, cell 3, line 3");
    // The prompt quotes the cell's code, not the JSON around it.
    expect(finding!.assistantPrompt).toContain("except:");
    expect(finding!.assistantPrompt).not.toContain('"except:\\n"');
  });

  it("map a span to the .ipynb lines of its first and last line, and name the lines of the cell", async () => {
    const json = jupyterJson({ cells: [code(["import json\n"]), code(RISKY)] });
    const report = await review(await snapshotOf({ "nb.ipynb": json }), { detectors: [swallowedException] });
    const [finding] = report.findings;
    expect([finding!.line, finding!.endLine]).toEqual([
      ipynbLine(json, "except:"),
      ipynbLine(json, "    pass"),
    ]);
    expect(finding!.message).toMatch(/^In cell 2, lines 3-4: /);
  });

  it("leave a message that already names its cell as the rule wrote it", async () => {
    const json = jupyterJson({ cells: [code(["a = 1"], 1), code(["b = 2"], null), code(["print(a)"], 2)] });
    const report = await review(await snapshotOf({ "nb.ipynb": json }), { detectors: [notebookOutOfOrder] });
    expect(report.findings.map((f) => [f.line, f.message.slice(0, 24)])).toEqual([
      [ipynbLine(json, "b = 2"), "Cell 2 was never run, ye"],
    ]);
  });

  it("keep their fingerprint when a cell above grows, while the line follows the code", async () => {
    const before = jupyterJson({ cells: [code(["import json"]), code(RISKY)] });
    const after = jupyterJson({
      cells: [code(["import json\n", "import os\n", "import sys"]), code(["# explore\n"]), code(RISKY)],
    });
    const [a] = (await review(await snapshotOf({ "nb.ipynb": before }), { detectors: [bareExcept] }))
      .findings;
    const [b] = (await review(await snapshotOf({ "nb.ipynb": after }), { detectors: [bareExcept] })).findings;
    expect(b!.line).toBe(ipynbLine(after, "except:"));
    expect(b!.line).not.toBe(a!.line);
    expect(b!.fingerprint).toBe(a!.fingerprint);
  });

  it("in PR mode count as changed when the diff touched their .ipynb line, not their flattened one", async () => {
    const json = jupyterJson({ cells: [code(["import json\n", "data = {}"]), code(RISKY)] });
    const at = ipynbLine(json, "except:");
    const changed = async (lines: number[]) => {
      const snapshot = await snapshotOf({ "nb.ipynb": json });
      snapshot.changes = [{ path: "nb.ipynb", status: "modified", addedLines: new Set(lines) }];
      return (await review(snapshot, { detectors: [bareExcept] })).findings.map((f) => f.line);
    };
    expect(await changed([at])).toEqual([at]);
    // Line 5 of the flattened code is the `except:`; line 5 of the file is JSON around another cell.
    expect(at).not.toBe(5);
    expect(await changed([5])).toEqual([]);
  });

  it("never get a wrong line: a line the notebook does not have becomes no line", async () => {
    const snapshot = await snapshotOf({ "nb.ipynb": jupyterJson({ cells: [code(["x = 1"])] }) });
    const placed = locate(
      { meta: bareExcept.meta, file: "nb.ipynb", line: 9, message: "m" },
      snapshot.files[0],
    );
    expect(placed).toEqual({ line: null, endLine: null, message: "m", where: "nb.ipynb" });
  });
});
