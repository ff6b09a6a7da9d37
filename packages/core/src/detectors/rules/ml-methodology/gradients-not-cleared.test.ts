import { describe, expect, it } from "vitest";
import { reviewTree } from "../../../testing/memory-fs.js";
import { ipynbLine, jupyterJson } from "../../../testing/notebook.js";
import { gradientsNotCleared } from "./gradients-not-cleared.js";

const RULE = "ml-methodology/gradients-not-cleared";
const py = (...lines: string[]) => lines.join("\n");

describe("ml-methodology/gradients-not-cleared", () => {
  it("fires on a loop with backward() and step() and no zero_grad(), from backward to step", async () => {
    const report = await reviewTree(
      {
        "train.py": py(
          "import torch",
          "opt = torch.optim.Adam(model.parameters(), lr=1e-3)",
          "optimizer_g = None",
          "for epoch in range(10):",
          "    for xb, yb in loader:",
          "        loss = loss_fn(model(xb), yb)",
          "        loss.backward()",
          "        opt.step()",
        ),
      },
      [gradientsNotCleared],
    );
    expect(report.findings.map((f) => [f.ruleId, f.file, f.line, f.endLine, f.level])).toEqual([
      [RULE, "train.py", 7, 8, "essential"],
    ]);
    expect(report.findings[0]!.message).toBe(
      "This loop calls `loss.backward()` and `opt.step()` but never `zero_grad()`, so each batch's gradients are added to the ones before.",
    );
  });

  it("fires when zero_grad() runs once before the loop, and for AMP's scaler.step(optimizer)", async () => {
    const report = await reviewTree(
      {
        "amp.py": py(
          "import torch",
          "optimizer.zero_grad()",
          "while step < max_steps:",
          "    scaler.scale(loss_fn(model(x), y)).backward()",
          "    scaler.step(optimizer)",
          "    scaler.update()",
        ),
      },
      [gradientsNotCleared],
    );
    expect(report.findings.map((f) => [f.file, f.line])).toEqual([["amp.py", 4]]);
  });

  it("fires in a notebook whose import is in an earlier cell, and names the cell", async () => {
    const notebook = jupyterJson({
      cells: [
        { cell_type: "code", source: "import torch\nfrom torch import nn", outputs: [] },
        {
          cell_type: "code",
          source: [
            "for x, y in train_loader:\n",
            "    criterion(net(x), y).backward()\n",
            "    optimizer.step()",
          ],
          outputs: [],
        },
      ],
    });
    const report = await reviewTree({ "train.ipynb": notebook }, [gradientsNotCleared]);
    expect(report.findings.map((f) => [f.ruleId, f.file, f.line])).toEqual([
      [RULE, "train.ipynb", ipynbLine(notebook, "criterion(net(x), y).backward()")],
    ]);
    expect(report.findings[0]!.assistantPrompt).toContain("cell 2, lines 2-3");
  });

  it("stays quiet when the loop clears gradients in any usual way", async () => {
    const report = await reviewTree(
      {
        "train.py": py(
          "import torch",
          "def fresh_start(model):",
          "    for p in model.parameters():",
          "        p.grad = None",
          "",
          "for xb, yb in loader:",
          "    optimizer.zero_grad(set_to_none=True)",
          "    loss_fn(model(xb), yb).backward()",
          "    optimizer.step()",
          "for xb, yb in loader:",
          "    fresh_start(model)",
          "    loss_fn(model(xb), yb).backward()",
          "    optimizer.step()",
          "for i, (xb, yb) in enumerate(loader):",
          "    (loss_fn(model(xb), yb) / accum).backward()",
          "    if (i + 1) % accum == 0:",
          "        optimizer.step()",
          "        model.zero_grad()",
          "for xb, yb in loader:",
          "    loss_fn(model(xb), yb).backward()",
          "    for p in model.parameters():",
          "        p.grad.data.zero_()",
          "    optimizer.step()",
          "for xb, yb in loader:",
          "    utils.reset_grads(model)",
          "    loss_fn(model(xb), yb).backward()",
          "    optimizer.step()",
        ),
      },
      [gradientsNotCleared],
    );
    expect(report.findings).toEqual([]);
  });

  it("stays quiet on backward() with no optimizer step in the loop, a step in a helper, or no torch import", async () => {
    const report = await reviewTree(
      {
        "saliency.py": py(
          "import torch",
          "for image in images:",
          "    model(image).max().backward()",
          "    saliency.append(image.grad.abs())",
          "    scheduler.step()",
        ),
        "helper.py": py(
          "import torch",
          "def train_step(batch):",
          "    loss_fn(model(batch.x), batch.y).backward()",
          "    optimizer.step()",
          "for batch in loader:",
          "    optimizer.zero_grad()",
          "    train_step(batch)",
        ),
        "autograd_lib.py": py("for x in xs:", "    y(x).backward()", "    optimizer.step()"),
      },
      [gradientsNotCleared],
    );
    expect(report.findings).toEqual([]);
  });
});
