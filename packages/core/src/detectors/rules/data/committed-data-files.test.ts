import { describe, expect, it } from "vitest";
import { reviewTree } from "../../../testing/memory-fs.js";
import { committedDataFiles } from "./committed-data-files.js";

const RULE = "data/committed-data-files";
const MB = 1024 * 1024;
/** A CSV of about `mb` megabytes (text, so the loader measures it). */
const csv = (mb: number) => `id,text,label\n${"1,some words here,0\n".repeat(Math.round((mb * MB) / 20))}`;
const binary = (n: number) => new Uint8Array(n).fill(7);

describe("data/committed-data-files", () => {
  it("fires once on a large CSV, naming it, its size and the other data files", async () => {
    const report = await reviewTree(
      {
        "data/train.csv": csv(6),
        "data/test.csv": csv(0.5),
        "data/labels.jsonl": '{"id": 1}\n',
        "train.py": "import pandas as pd\n",
      },
      [committedDataFiles],
    );
    expect(report.findings.map((f) => [f.ruleId, f.file, f.line, f.level])).toEqual([
      [RULE, "data/train.csv", null, "actionable"],
    ]);
    expect(report.findings[0]!.message).toBe(
      "`data/train.csv` (6 MB) is committed to git, with 2 more data or weight files (6.5 MB in all).",
    );
  });

  it("fires on committed model weights, whose size the loader does not read", async () => {
    const report = await reviewTree(
      {
        "models/best.pt": binary(2048),
        "models/hf/pytorch_model.bin": binary(2048),
        "app.py": "import torch\n",
      },
      [committedDataFiles],
    );
    expect(report.findings.map((f) => [f.file, f.message])).toEqual([
      [
        "models/best.pt",
        "`models/best.pt` (model weights) is committed to git, with 1 more data or weight file.",
      ],
    ]);
  });

  it("fires on many small data files adding up", async () => {
    const tree: Record<string, string> = { "analyze.py": "import pandas as pd\n" };
    for (let i = 0; i < 30; i++) tree[`data/day_${String(i).padStart(2, "0")}.csv`] = "a,b\n1,2\n";
    const report = await reviewTree(tree, [committedDataFiles]);
    expect(report.findings.map((f) => f.file)).toEqual(["data/day_00.csv"]);
    expect(report.findings[0]!.message).toContain("with 29 more data or weight files");
  });

  it("stays quiet on small eval sets and configs, test fixtures, Git LFS, DVC and ignored data", async () => {
    const report = await reviewTree(
      {
        ".gitattributes": "*.pt filter=lfs diff=lfs merge=lfs -text\n",
        ".gitignore": "data/raw/\n",
        "data/raw/huge.csv": csv(8),
        "data/big.csv.dvc": "outs:\n- md5: abc\n  path: big.csv\n",
        "data/big.csv": csv(6),
        "models/best.pt": binary(4096),
        "evals/questions.jsonl": '{"q": "a", "a": "b"}\n'.repeat(50),
        "tests/fixtures/sample.csv": csv(6),
        "package.json": '{ "name": "x" }\n',
        "package-lock.json": `{"packages": {${'"a": {"version": "1.0.0"},'.repeat(60000)}}}`,
        "config.json": '{ "model": "gpt-4o-mini" }\n',
        "app.py": "import pandas as pd\n",
      },
      [committedDataFiles],
    );
    expect(report.findings).toEqual([]);
  });
});
