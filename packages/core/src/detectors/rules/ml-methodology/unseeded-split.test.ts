import { describe, expect, it } from "vitest";
import { reviewTree } from "../../../testing/memory-fs.js";
import { ipynbLine, jupyterJson } from "../../../testing/notebook.js";
import { unseededSplit } from "./unseeded-split.js";

const RULE = "ml-methodology/unseeded-split";

describe("ml-methodology/unseeded-split", () => {
  it("fires on a split without random_state, spanning the lines of the call", async () => {
    const report = await reviewTree(
      {
        "train.py": [
          "from sklearn.model_selection import train_test_split",
          "",
          "X_train, X_test, y_train, y_test = train_test_split(X, y, test_size=0.2)",
          "a, b = train_test_split(",
          "    df,",
          "    test_size=0.1,",
          "    # random_state=42,",
          "    stratify=df['label'],  # keep the classes balanced",
          ")",
        ].join("\n"),
      },
      [unseededSplit],
    );
    expect(report.findings.map((f) => [f.ruleId, f.file, f.line, f.endLine])).toEqual([
      [RULE, "train.py", 3, 3],
      [RULE, "train.py", 4, 9],
    ]);
    expect(report.findings[0]!.message).toContain("without `random_state`");
  });

  it("fires on a module-qualified call and on two calls on one line", async () => {
    const report = await reviewTree(
      {
        "split.py": [
          "from sklearn import model_selection",
          "a, b = model_selection.train_test_split(df)",
          "c, d = train_test_split(a, random_state=1); e, f = train_test_split(b)",
        ].join("\n"),
      },
      [unseededSplit],
    );
    expect(report.findings.map((f) => f.line)).toEqual([2, 3]);
  });

  it("fires on random_state=None, which seeds nothing, and not on a string that mentions the call", async () => {
    const report = await reviewTree(
      {
        "split.py": [
          "a, b = train_test_split(df, random_state=None)",
          "print('train_test_split(df) is how we split')",
          "c, d = sklearn.model_selection.train_test_split(df)",
        ].join("\n"),
      },
      [unseededSplit],
    );
    expect(report.findings.map((f) => [f.line, f.message])).toEqual([
      [1, "`train_test_split` is called with `random_state=None`, so the split differs on every run."],
      [3, "`train_test_split` is called without `random_state`, so the split differs on every run."],
    ]);
  });

  it("fires in a notebook cell and names the cell", async () => {
    const notebook = jupyterJson({
      cells: [
        { cell_type: "markdown", source: "# Split" },
        { cell_type: "code", source: "from sklearn.model_selection import train_test_split", outputs: [] },
        {
          cell_type: "code",
          source: ["train, test = train_test_split(\n", "    df, test_size=0.2\n", ")"],
          outputs: [],
        },
      ],
    });
    const report = await reviewTree({ "explore.ipynb": notebook }, [unseededSplit]);
    expect(report.findings.map((f) => [f.ruleId, f.file, f.line])).toEqual([
      [RULE, "explore.ipynb", ipynbLine(notebook, "train, test = train_test_split(")],
    ]);
    expect(report.findings[0]!.assistantPrompt).toContain("cell 3, lines 1-3");
  });

  it("stays quiet on seeded splits across several lines, kwargs, shuffle=False, imports, defs and comments", async () => {
    const report = await reviewTree(
      {
        "train.py": [
          "from sklearn.model_selection import train_test_split",
          "import sklearn.model_selection.train_test_split as tts",
          "",
          "X_train, X_test, y_train, y_test = train_test_split(",
          "    X,",
          "    y,",
          "    test_size=0.2,",
          "    stratify=y,",
          "    random_state=0,",
          ")",
          "a, b = train_test_split(df, random_state=SEED)",
          "c, d = train_test_split(df, **split_args)",
          "past, future = train_test_split(series, test_size=0.2, shuffle=False)",
          "# train, test = train_test_split(df)",
          "note = 'call train_test_split with a seed'",
        ].join("\n"),
        "own_split.py": [
          "def train_test_split(df):",
          "    return df[:10], df[10:]",
          "train, test = train_test_split(df)",
        ].join("\n"),
      },
      [unseededSplit],
    );
    expect(report.findings).toEqual([]);
  });

  it("fires on a Hugging Face dataset's train_test_split with no seed, asking for seed=", async () => {
    const report = await reviewTree(
      {
        "train.py": [
          "from datasets import load_dataset",
          'dataset = load_dataset("ag_news")',
          'splits = dataset["train"].train_test_split(test_size=0.1)',
          "more = ds.train_test_split(test_size=0.2)",
        ].join("\n"),
      },
      [unseededSplit],
    );
    expect(report.findings.map((f) => [f.ruleId, f.line])).toEqual([
      [RULE, 3],
      [RULE, 4],
    ]);
    expect(report.findings[0]!.message).toBe(
      "`train_test_split` of a dataset is called without `seed`, so the split differs on every run.",
    );
  });

  it("stays quiet on a dataset split with seed= or after a global seed", async () => {
    const report = await reviewTree(
      {
        "a.py":
          'from datasets import load_dataset\nsplits = ds["train"].train_test_split(test_size=0.1, seed=42)',
        "b.py":
          "from transformers import set_seed\nset_seed(42)\nsplits = ds.train_test_split(test_size=0.1)",
        "c.py": "import numpy as np\nnp.random.seed(0)\nsplits = ds.train_test_split(test_size=0.1)",
      },
      [unseededSplit],
    );
    expect(report.findings).toEqual([]);
  });

  it("stays quiet on a call that is never closed (broken code: no guessing)", async () => {
    const report = await reviewTree({ "train.py": "a, b = train_test_split(df,\n" }, [unseededSplit]);
    expect(report.findings).toEqual([]);
  });
  it("fires on PyTorch's random_split with no seeded generator, in a notebook too (held-out corpus)", async () => {
    const notebook = jupyterJson({
      cells: [
        { cell_type: "code", source: "from torch.utils.data import random_split", outputs: [] },
        { cell_type: "code", source: "train_set, val_set = random_split(full, [50000, 10000])", outputs: [] },
      ],
    });
    const report = await reviewTree(
      {
        "train.ipynb": notebook,
        "split.py":
          "import torch\ntrain, val = torch.utils.data.random_split(ds, [0.8, 0.2], generator=None)",
      },
      [unseededSplit],
    );
    expect(report.findings.map((f) => [f.ruleId, f.file, f.line])).toEqual([
      [RULE, "split.py", 2],
      [RULE, "train.ipynb", ipynbLine(notebook, "train_set, val_set = random_split(")],
    ]);
    expect(report.findings[0]!.message).toContain("`random_split` is called without a seeded `generator`");
  });

  it("stays quiet on random_split with a seeded generator, after a global torch seed, or of the learner's own", async () => {
    const report = await reviewTree(
      {
        "a.py": "import torch\nt, v = random_split(ds, [8, 2], generator=torch.Generator().manual_seed(42))",
        "b.py": "import torch\ntorch.manual_seed(0)\nt, v = random_split(ds, [8, 2])",
        "c.py": "import lightning as L\nL.seed_everything(42)\nt, v = random_split(ds, [8, 2])",
        "d.py": "def random_split(rows, n):\n    return rows[:n], rows[n:]\nt, v = random_split(rows, 8)",
        "e.py": "t, v = random_split(ds, **split_args)",
      },
      [unseededSplit],
    );
    expect(report.findings).toEqual([]);
  });
});
