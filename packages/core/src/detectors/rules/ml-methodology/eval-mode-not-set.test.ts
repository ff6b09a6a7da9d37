import { describe, expect, it } from "vitest";
import { reviewTree } from "../../../testing/memory-fs.js";
import { ipynbLine, jupyterJson } from "../../../testing/notebook.js";
import { evalModeNotSet } from "./eval-mode-not-set.js";

const RULE = "ml-methodology/eval-mode-not-set";
const py = (...lines: string[]) => lines.join("\n");

const MODEL = py(
  "import torch",
  "from torch import nn",
  "class Net(nn.Module):",
  "    def __init__(self):",
  "        super().__init__()",
  "        self.drop = nn.Dropout(0.5)",
);

describe("ml-methodology/eval-mode-not-set", () => {
  it("fires on a model called under torch.no_grad() when .eval() is never called, once per file", async () => {
    const report = await reviewTree(
      {
        "model.py": MODEL,
        "train.py": py(
          "import torch",
          "for xb, yb in loader:",
          "    optimizer.zero_grad()",
          "    loss_fn(model(xb), yb).backward()",
          "    optimizer.step()",
          "with torch.no_grad():",
          "    preds = model(X_test)",
          "with torch.no_grad():",
          "    preds = model(X_val)",
        ),
      },
      [evalModeNotSet],
    );
    expect(report.findings.map((f) => [f.ruleId, f.file, f.line, f.level])).toEqual([
      [RULE, "train.py", 6, "actionable"],
    ]);
    expect(report.findings[0]!.message).toBe(
      "`model` is called under `with torch.no_grad()` to evaluate it, but nothing switches it to `.eval()` first, so dropout and batch norm still behave as in training.",
    );
  });

  it("fires on a @torch.no_grad() function and on def evaluate(), in a notebook", async () => {
    const decorated = await reviewTree(
      {
        "model.py": MODEL,
        "infer.py": py(
          "import torch",
          "@torch.inference_mode()",
          "def run(batch):",
          "    return self.net(batch)",
        ),
      },
      [evalModeNotSet],
    );
    expect(decorated.findings.map((f) => [f.file, f.line])).toEqual([["infer.py", 3]]);
    expect(decorated.findings[0]!.message).toContain("`self.net` is called under `@torch.inference_mode()`");

    const notebook = jupyterJson({
      cells: [
        { cell_type: "code", source: MODEL, outputs: [] },
        {
          cell_type: "code",
          source: ["def evaluate(model, loader):\n", "    return [model(x) for x, _ in loader]"],
          outputs: [],
        },
      ],
    });
    const report = await reviewTree({ "train.ipynb": notebook }, [evalModeNotSet]);
    expect(report.findings.map((f) => [f.ruleId, f.file, f.line])).toEqual([
      [RULE, "train.ipynb", ipynbLine(notebook, "def evaluate(model, loader):")],
    ]);
    expect(report.findings[0]!.assistantPrompt).toContain("cell 2, line 1");
  });

  it("fires in an evaluate() that never switches modes even when an unrelated script does, at the no_grad block", async () => {
    const report = await reviewTree(
      {
        "model.py": MODEL,
        "train.py": py(
          "import torch",
          "def evaluate(model):",
          "    correct = 0",
          "    with torch.no_grad():",
          "        for images, labels in test_loader:",
          "            correct += (model(images).argmax(1) == labels).sum().item()",
          "    return correct",
        ),
        "predict.py": py("import torch", "model = torch.load('cnn.pt')", "model.eval()"),
      },
      [evalModeNotSet],
    );
    expect(report.findings.map((f) => [f.file, f.line])).toEqual([["train.py", 4]]);
  });

  it("stays quiet when the file switches modes, or a module importing it does", async () => {
    for (const line of ["model.eval()", "net.train(False)", "model.train(mode=False)"]) {
      const report = await reviewTree(
        {
          "model.py": MODEL,
          "train.py": py(
            "import torch",
            "def run():",
            `    ${line}`,
            "with torch.no_grad():",
            "    preds = model(X_test)",
          ),
        },
        [evalModeNotSet],
      );
      expect(report.findings, line).toEqual([]);
    }
    const caller = await reviewTree(
      {
        "model.py": MODEL,
        "evaluation.py": py(
          "import torch",
          "def evaluate(model, x):",
          "    with torch.no_grad():",
          "        return model(x)",
        ),
        "main.py": py("from evaluation import evaluate", "model.eval()", "print(evaluate(model, x))"),
      },
      [evalModeNotSet],
    );
    expect(caller.findings).toEqual([]);
  });

  it("stays quiet on manual updates under no_grad, a pretrained model never trained here, and tests", async () => {
    const manual = await reviewTree(
      {
        "model.py": MODEL,
        "sgd.py": py(
          "import torch",
          "with torch.no_grad():",
          "    for p in model.parameters():",
          "        p -= lr * p.grad",
        ),
        "tests/test_model.py": py(
          "import torch",
          "with torch.no_grad():",
          "    assert model(x).shape == (1, 2)",
        ),
      },
      [evalModeNotSet],
    );
    expect(manual.findings).toEqual([]);

    const lightning = await reviewTree(
      {
        "model.py": MODEL,
        "module.py": py(
          "import torch",
          "class Lit(LightningModule):",
          "    def validation_step(self, batch, idx):",
          "        return self.model(batch)",
        ),
        "lit.py": py(
          "import torch",
          "import lightning as L",
          "def predict(batch):",
          "    with torch.no_grad():",
          "        return model(batch)",
        ),
      },
      [evalModeNotSet],
    );
    expect(lightning.findings).toEqual([]);

    // from_pretrained returns a model already in eval mode, even in a project that fine-tunes one elsewhere.
    const finetuned = await reviewTree(
      {
        "train.py": py("import torch", "trainer.train()", "trainer.save_model('out')"),
        "predict.py": py(
          "import torch",
          "from transformers import AutoModelForSequenceClassification",
          "model = AutoModelForSequenceClassification.from_pretrained('out')",
          "with torch.no_grad():",
          "    logits = model(**inputs).logits",
        ),
      },
      [evalModeNotSet],
    );
    expect(finetuned.findings).toEqual([]);

    // Nothing here trains or builds a model.
    const pretrained = await reviewTree(
      {
        "embed.py": py(
          "import torch",
          "from transformers import AutoModel",
          "model = AutoModel.from_pretrained('bert-base-uncased')",
          "with torch.no_grad():",
          "    out = model(**inputs)",
        ),
      },
      [evalModeNotSet],
    );
    expect(pretrained.findings).toEqual([]);
  });

  it("fires when the file switches only another model it builds itself to eval mode (held-out corpus)", async () => {
    // The shape of a training notebook: `model` is validated in training mode, and a second model loaded from
    // saved weights further down is the only one put in eval mode.
    const report = await reviewTree(
      {
        "model.py": MODEL,
        "train.py": py(
          "import torch",
          "model = Net()",
          "with torch.no_grad():",
          "    preds = model(X_val)",
          "pretrained = Net()",
          "pretrained.load_state_dict(torch.load(path, weights_only=True))",
          "pretrained.eval()",
          "with torch.no_grad():",
          "    print(pretrained(x))",
        ),
      },
      [evalModeNotSet],
    );
    expect(report.findings.map((f) => [f.file, f.line])).toEqual([["train.py", 3]]);
    expect(report.findings[0]!.message).toContain("`model` is called under `with torch.no_grad()`");
  });

  it("stays quiet when the switched name may be the evaluated model: an alias, a chained call, a parameter", async () => {
    for (const switching of [
      ["net = model", "net.eval()"],
      ["Net().eval()"],
      ["def prepare(m):", "    m.eval()"],
    ]) {
      const report = await reviewTree(
        {
          "model.py": MODEL,
          "train.py": py("import torch", ...switching, "with torch.no_grad():", "    preds = model(X_val)"),
        },
        [evalModeNotSet],
      );
      expect(report.findings, switching.join("; ")).toEqual([]);
    }
  });

  it("fires when `model.eval()` is only a comment: a comment does not switch modes", async () => {
    const report = await reviewTree(
      {
        "model.py": MODEL,
        "train.py": py(
          "import torch",
          "# model.eval()",
          "with torch.no_grad():",
          "    preds = model(X_test)",
        ),
      },
      [evalModeNotSet],
    );
    expect(report.findings.map((f) => [f.file, f.line])).toEqual([["train.py", 3]]);
  });
});
