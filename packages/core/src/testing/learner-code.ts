// Learner code shared by several rule tests (test-only: no rule imports this).

/** A PyTorch training loop that reports validation accuracy counted by hand, and nothing else. */
export const TORCH_LOOP = [
  "import torch",
  "for xb, yb in train_loader:",
  "    optimizer.zero_grad()",
  "    loss_fn(model(xb), yb).backward()",
  "    optimizer.step()",
  "correct = 0",
  "with torch.no_grad():",
  "    for xb, yb in val_loader:",
  "        preds = model(xb).argmax(dim=1)",
  "        correct += (preds == yb).sum().item()",
  'print(f"validation accuracy: {correct / len(val_set):.4f}")',
].join("\n");
