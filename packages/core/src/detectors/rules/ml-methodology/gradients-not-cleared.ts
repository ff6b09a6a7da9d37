// ml-methodology/gradients-not-cleared: a PyTorch loop calls backward() and step() but never zero_grad(), so
// gradients pile up from batch to batch.

import {
  ancestor,
  callName,
  endLineOf,
  lineOf,
  positionalArguments,
  type Syntax,
} from "../../../parse/syntax.js";
import type { Node } from "../../../parse/tree-sitter.js";
import { assignmentOf, callsNamed, contains, lastPart, scopeOf } from "../../lib/ml-python.js";
import { TORCH } from "../../repo-view.js";
import type { FileDetector, RawFinding } from "../../types.js";

const LOOPS = ["for_statement", "while_statement"];
/** Names that say "this is the optimizer": `optimizer`, `opt`, `optim_g`, `self.optimizer`. */
const OPTIMIZER_NAME = /(^|\.)(opt|optim|optimi[sz]er)(_?\w*)?$/i;
/** PyTorch optimizers, by class name (`torch.optim.AdamW(...)`, `optim.SGD(...)`, `AdamW(...)`). */
const OPTIMIZER_CLASSES = [
  "SGD",
  "Adam",
  "AdamW",
  "Adamax",
  "Adagrad",
  "Adadelta",
  "RMSprop",
  "Rprop",
  "NAdam",
  "RAdam",
  "SparseAdam",
  "LBFGS",
  "ASGD",
  "Adafactor",
  "Lion",
];

/** Where gradients are cleared: `zero_grad()`, `p.grad.zero_()`, `p.grad = None` (read from the text, confirmed as code). */
function gradientClears(tree: Syntax, text: string, found: { node: Node; name: string }[]): Node[] {
  const clears = found
    .filter(({ name }) => /(^|\.)zero_grad$/.test(name) || /\.grad(\.data)?\.zero_$/.test(name))
    .map((c) => c.node);
  for (const m of text.matchAll(/\.grad\s*=\s*None\b/g)) {
    const assignment = ancestor(tree.root.descendantForIndex(m.index + 1) ?? tree.root, ["assignment"]);
    if (assignment && /\.grad$/.test(assignment.childForFieldName("left")?.text ?? ""))
      clears.push(assignment);
  }
  return clears;
}

export const gradientsNotCleared: FileDetector = {
  scope: "file",
  languages: ["python"],
  prefilter: /\.backward\s*\(/,
  meta: {
    id: "ml-methodology/gradients-not-cleared",
    area: "ml-methodology",
    level: "essential",
    title: "A PyTorch training loop never clears its gradients",
    why: "PyTorch adds each `backward()` to the gradients already stored on the parameters; it does not replace them. Without `optimizer.zero_grad()` in the loop, every step uses the sum of all earlier batches' gradients, so training drifts or diverges while the code looks right.",
    tryThis:
      "Call `optimizer.zero_grad()` at the start of each iteration, before the forward pass, and plot the loss per step with and without it to see the difference.",
    learnMore: [
      "https://pytorch.org/tutorials/beginner/basics/optimization_tutorial.html",
      "https://pytorch.org/docs/stable/generated/torch.optim.Optimizer.zero_grad.html",
    ],
    example: {
      language: "python",
      file: "train.py",
      bad: "for xb, yb in loader:\n    loss = loss_fn(model(xb), yb)\n    loss.backward()\n    optimizer.step()",
      good: "for xb, yb in loader:\n    optimizer.zero_grad()\n    loss = loss_fn(model(xb), yb)\n    loss.backward()\n    optimizer.step()",
    },
    goal: "Clear the gradients (`optimizer.zero_grad()`) once per training step in every PyTorch training loop",
  },
  applies: (repo) => repo.imports(TORCH),
  check(file, { repo, syntax }) {
    if (!repo.fileImports(file, TORCH)) return [];
    const tree = syntax();
    if (!tree) return [];
    const found = callsNamed(tree, file.text, [
      "backward",
      "step",
      "zero_grad",
      "zero_",
      ...OPTIMIZER_CLASSES,
    ]);

    const optimizers = new Set<string>();
    for (const { node, name } of found) {
      if (!OPTIMIZER_CLASSES.includes(lastPart(name))) continue;
      const left = assignmentOf(node)?.childForFieldName("left");
      if (left) optimizers.add(left.text);
    }
    const isOptimizer = (text: string) => optimizers.has(text) || OPTIMIZER_NAME.test(text);
    const steps = found.filter(({ node, name }) => {
      if (lastPart(name) !== "step") return false;
      const receiver = name.slice(0, -".step".length);
      // AMP: `scaler.step(optimizer)` steps the optimizer it is given.
      const [arg] = positionalArguments(node);
      return isOptimizer(receiver) || (arg !== undefined && isOptimizer(arg.text));
    });
    if (steps.length === 0) return [];

    // Functions of this file that clear gradients, so a loop calling `reset(model)` clears them too.
    const clears = gradientClears(tree, file.text, found);
    const helpers = new Set<string>();
    for (const clear of clears) {
      for (let n = clear.parent; n; n = n.parent) {
        const name = n.type === "function_definition" ? n.childForFieldName("name")?.text : undefined;
        if (name) helpers.add(name);
      }
    }
    // A helper from another module may clear them too, when its name says so (`reset_grads(model)`).
    const loopClears = (loop: Node) => {
      if (clears.some((c) => contains(loop, c))) return true;
      const text = loop.text;
      if (!/zero|reset|clear/i.test(text) && ![...helpers].some((h) => text.includes(h))) return false;
      return loop.descendantsOfType("call").some((c) => {
        const name = c ? callName(c) : null;
        return name !== null && (helpers.has(lastPart(name)) || /zero|reset|clear/i.test(name));
      });
    };

    const results: RawFinding[] = [];
    const reported = new Set<number>();
    for (const backward of found.filter((c) => lastPart(c.name) === "backward")) {
      const scope = scopeOf(backward.node);
      // The innermost loop, in the same function, that runs both backward() and an optimizer step.
      let loop: Node | null = null;
      let step: Node | null = null;
      for (let n = backward.node.parent; n && n.id !== scope.id; n = n.parent) {
        if (!LOOPS.includes(n.type)) continue;
        const inLoop = steps.find((s) => contains(n, s.node) && scopeOf(s.node).id === scope.id);
        if (inLoop) {
          loop = n;
          step = inLoop.node;
          break;
        }
      }
      if (!loop || !step || reported.has(loop.id) || loopClears(loop)) continue;
      reported.add(loop.id);
      const stepName = step.childForFieldName("function")?.text ?? "optimizer.step";
      results.push({
        file: file.path,
        line: lineOf(backward.node),
        endLine: Math.max(endLineOf(backward.node), endLineOf(step)),
        message: `This loop calls \`${backward.name}()\` and \`${stepName}()\` but never \`zero_grad()\`, so each batch's gradients are added to the ones before.`,
      });
    }
    return results;
  },
};
