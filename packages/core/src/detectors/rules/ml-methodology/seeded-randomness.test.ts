import { describe, expect, it } from "vitest";
import { reviewTree } from "../../../testing/memory-fs.js";
import { ipynbLine, jupyterJson } from "../../../testing/notebook.js";
import { seededRandomness } from "./seeded-randomness.js";

const RULE = "ml-methodology/seeded-randomness";

describe("ml-methodology/seeded-randomness", () => {
  it("celebrates the first seed it finds, once, at its line", async () => {
    const report = await reviewTree(
      {
        "a_prep.py": "import pandas as pd\ndf = pd.read_csv('data.csv')\n",
        "b_train.py":
          "import numpy as np\n\nnp.random.seed(42)\nmodel = RandomForestClassifier(random_state=0)\n",
        "c_eval.py": "import torch\ntorch.manual_seed(0)\n",
      },
      [seededRandomness],
    );
    expect(report.findings.map((f) => [f.ruleId, f.file, f.line, f.level])).toEqual([
      [RULE, "b_train.py", 3, "celebratory"],
    ]);
    expect(report.findings[0]!.message).toBe("Randomness is seeded in b_train.py: runs repeat.");
    expect(report.goals).toEqual([]);
  });

  it.each([
    "X_tr, X_te = train_test_split(X, random_state=42)",
    "random.seed(7)",
    "numpy.random.seed( 1 )",
    "rng = np.random.default_rng(2024)",
    "transformers.set_seed(1)",
    "tf.random.set_seed(3)",
    "np.random.seed(SEED)",
    "model = LogisticRegression(random_state=RANDOM_STATE)",
    "torch.manual_seed(args.seed)",
    "set_seed(config.seed)",
  ])("celebrates `%s`", async (line) => {
    const report = await reviewTree({ "train.py": `import x\n${line}\n` }, [seededRandomness]);
    expect(report.findings.map((f) => [f.ruleId, f.line, f.level])).toEqual([[RULE, 2, "celebratory"]]);
  });

  it("celebrates a seed in a notebook", async () => {
    const notebook = jupyterJson({
      cells: [
        { cell_type: "markdown", source: "# Train" },
        { cell_type: "code", source: "import numpy as np", outputs: [] },
        { cell_type: "code", source: ["SEED = 0\n", "rng = np.random.default_rng(SEED)"], outputs: [] },
      ],
    });
    const report = await reviewTree({ "train.ipynb": notebook }, [seededRandomness]);
    expect(report.findings.map((f) => [f.ruleId, f.file, f.line, f.level])).toEqual([
      [RULE, "train.ipynb", ipynbLine(notebook, "rng = np.random.default_rng(SEED)"), "celebratory"],
    ]);
  });

  it("stays quiet when nothing is seeded: no seed, None, an unseeded call, comments, strings and docs", async () => {
    const report = await reviewTree(
      {
        "train.py": [
          "import random",
          "import numpy as np",
          "random.seed()",
          "rng = np.random.default_rng()",
          "model = RandomForestClassifier(random_state=None)",
          "a, b = train_test_split(X, test_size=0.2)",
          "np.random.shuffle(rows)",
          "# np.random.seed(42)",
          "x = np.random.rand(3)  # TODO random_state=42",
          "torch.manual_seed(int(time.time()))",
        ].join("\n"),
        "README.md": "We call `np.random.seed(42)` in the notebook.\n",
        "notes.txt": "random_state=42\n",
        "web/random.ts": "const r = Math.random(); // random.seed(1)\n",
      },
      [seededRandomness],
    );
    expect(report.findings).toEqual([]);
  });
});
