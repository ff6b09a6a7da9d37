// ml-methodology/eval-mode-not-set: a PyTorch model is evaluated while still in training mode (no `model.eval()`).

import { ancestor, lineOf, type Syntax } from "../../../parse/syntax.js";
import type { Node } from "../../../parse/tree-sitter.js";
import type { SourceFile } from "../../../snapshot/types.js";
import { perRepo } from "../../lib/memo.js";
import { allTextsRead, assignmentOf, callsNamed, PYTHON_PATH, targetNames } from "../../lib/ml-python.js";
import { stripComment } from "../../lib/python-text.js";
import { moduleList, outsideTests, TORCH } from "../../repo-view.js";
import type { FileDetector } from "../../types.js";

/** `model.eval()`, `model.train(False)` or `model.train(mode=False)` anywhere: the learner switches modes. */
/** Lightning's trainer switches eval mode itself. */
const LIGHTNING = moduleList(["pytorch_lightning", "lightning"]);
const SETS_EVAL = /\.eval\s*\(\s*\)|\.train\s*\(\s*(mode\s*=\s*)?False\s*\)/;
/** The same, with what is switched (empty when it is not a plain name, e.g. `Net().eval()`). */
const SETS_EVAL_ON = /([A-Za-z_][\w.]*)?\s*(?:\.eval\s*\(\s*\)|\.train\s*\(\s*(?:mode\s*=\s*)?False\s*\))/g;
/** Signs that a model can be in training mode: built here (nn.Module, nn.Sequential), trained, or put in train mode. */
const TRAINABLE =
  /\b(nn\.)?Module\s*\)|LightningModule\s*\)|nn\.Sequential\s*\(|\.backward\s*\(|\.train\s*\(\s*\)/;
/** Where evaluation code starts, in the text: `with torch.no_grad():`, `@torch.inference_mode()`, `def evaluate(`. */
const WITH_NO_GRAD = /\bwith\s+((?:torch\.)?(?:no_grad|inference_mode))\s*\(/g;
const NO_GRAD_DECORATOR = /@[ \t]*(?:torch\.)?(?:no_grad|inference_mode)\b(?:\s*\(\s*\))?/g;
/** Functions named for evaluation (Lightning's `validation_step` hooks run in eval mode already). */
const EVAL_DEF =
  /^[ \t]*def\s+((?:evaluate|eval|validate|validation|test|predict|inference|infer)(?:_\w+)?)\s*\(/gm;
/** What a model is usually called; a call of one of these runs its forward pass. */
const MODEL_NAME =
  /^(self\.)?(model|net|network|classifier|clf|encoder|decoder|cnn|mlp|rnn|lstm|gru|transformer|autoencoder|vae|generator|discriminator)(_?\w*)?$/i;

interface Site {
  node: Node;
  label: string;
}

/**
 * Where code evaluates, top to bottom: `with torch.no_grad():` blocks, `@torch.no_grad()` functions, and
 * functions named like `evaluate` that hold no such block (the block is the better anchor). Found from the
 * text and confirmed on the tree, one at a time, so a file stops at its first finding.
 */
function* evaluationSites(tree: Syntax, text: string): Generator<Site> {
  const starts: { index: number; resolve: (at: Node) => Site | null }[] = [];
  for (const m of text.matchAll(WITH_NO_GRAD)) {
    starts.push({
      index: m.index,
      resolve: (at) =>
        at.parent?.type === "with_statement" ? { node: at.parent, label: `under \`with ${m[1]}()\`` } : null,
    });
  }
  for (const m of text.matchAll(NO_GRAD_DECORATOR)) {
    starts.push({
      index: m.index,
      resolve: (at) => {
        const decorator = at.type === "decorator" ? at : ancestor(at, ["decorator"]);
        const fn = decorator?.parent?.childForFieldName("definition");
        return decorator && fn?.type === "function_definition"
          ? { node: fn, label: `under \`${decorator.text}\`` }
          : null;
      },
    });
  }
  for (const m of text.matchAll(EVAL_DEF)) {
    if (/_step$/.test(m[1]!)) continue;
    starts.push({
      index: m.index + m[0].indexOf("def"),
      resolve: (at) => {
        const fn = at.parent;
        if (fn?.type !== "function_definition" || new RegExp(WITH_NO_GRAD.source).test(fn.text)) return null;
        return { node: fn, label: `in \`${m[1]}()\`` };
      },
    });
  }
  starts.sort((a, b) => a.index - b.index);
  for (const start of starts) {
    const at = tree.root.descendantForIndex(start.index);
    const site = at ? start.resolve(at) : null;
    if (site) yield site;
  }
}

const escapeDots = (name: string): string => name.replace(/[.]/g, "\\.");

export const evalModeNotSet: FileDetector = {
  scope: "file",
  languages: ["python"],
  appliesToPath: outsideTests,
  prefilter: /no_grad|inference_mode|def (evaluate|eval|validate|validation|test|predict|inference|infer)\b/,
  meta: {
    id: "ml-methodology/eval-mode-not-set",
    area: "ml-methodology",
    level: "actionable",
    title: "A PyTorch model is evaluated without `model.eval()`",
    why: "`torch.no_grad()` only stops gradient tracking; it does not change how layers behave. Until `model.eval()` is called, dropout keeps dropping units at random and batch norm uses the statistics of each batch, so evaluation scores are noisy and lower than the model really is, and predictions change from run to run.",
    tryThis:
      "Call `model.eval()` before the evaluation loop and `model.train()` before training resumes, then evaluate the same batch twice and check the outputs are now identical.",
    learnMore: [
      "https://pytorch.org/docs/stable/generated/torch.nn.Module.html#torch.nn.Module.eval",
      "https://pytorch.org/docs/stable/notes/autograd.html",
    ],
    example: {
      language: "python",
      file: "train.py",
      bad: "with torch.no_grad():\n    preds = model(X_test)",
      good: "model.eval()\nwith torch.no_grad():\n    preds = model(X_test)\nmodel.train()",
    },
    goal: "Switch the model to evaluation mode (`model.eval()`) before every evaluation and back to `model.train()` before training",
  },
  applies: (repo) => repo.imports(TORCH),
  check(file, { repo, syntax }) {
    if (!repo.fileImports(file, TORCH)) return [];
    // PyTorch Lightning switches modes itself around validation and prediction.
    if (repo.fileImports(file, LIGHTNING)) return [];
    // What this file switches to eval mode. A switch may be meant for the evaluated model (an alias, a helper's
    // parameter), so it keeps the rule quiet unless it is plainly another model: a different name this file
    // assigns from something other than the evaluated model (`pretrained = Net()` ... `pretrained.eval()`).
    const switched = file.lines.flatMap((l) =>
      [...stripComment(l).matchAll(SETS_EVAL_ON)].map((m) => m[1] ?? ""),
    );
    const plainlyAnother = (receiver: string, evaluated: string): boolean =>
      receiver !== "" &&
      receiver !== evaluated &&
      new RegExp(`^[ \\t]*${escapeDots(receiver)}\\s*=(?!=)(?!\\s*${escapeDots(evaluated)}\\s*$)`, "m").test(
        file.text,
      );
    // The model's modes and the files that call in from elsewhere need every file read.
    if (!allTextsRead(repo, PYTHON_PATH)) return [];
    const anyLine = (f: SourceFile, pattern: RegExp) => f.lines.some((l) => pattern.test(stripComment(l)));
    const python = perRepo(repo, "eval-mode:python", () => {
      const files = repo.files.filter((f) => f.language === "python");
      return {
        trainable: files.some((f) => anyLine(f, TRAINABLE)),
        switching: files.filter((f) => anyLine(f, SETS_EVAL)),
      };
    });
    if (!python.trainable) return [];
    // Another module that imports this one and switches modes may set eval mode before calling in.
    const stem = file.path.replace(/^.*\//, "").replace(/\.(py|ipynb)$/, "");
    const importsThis = new RegExp(`^\\s*(from|import)\\s[^\\n]*\\b${stem.replace(/\W/g, "\\$&")}\\b`, "m");
    if (python.switching.some((f) => f.path !== file.path && importsThis.test(f.text))) return [];

    const tree = syntax();
    if (!tree) return [];
    // Hugging Face's `from_pretrained` (and `pipeline`) hand back a model already in eval mode.
    const loadedInEvalMode = new Set(
      callsNamed(tree, file.text, ["from_pretrained", "pipeline"]).flatMap(({ node }) => {
        const assignment = assignmentOf(node);
        return assignment ? targetNames(assignment) : [];
      }),
    );
    for (const site of evaluationSites(tree, file.text)) {
      // `model(x)`, not `model.parameters()`: a forward pass is a call of the model itself.
      const forward = site.node.descendantsOfType("call").find((c) => {
        const fn = c?.childForFieldName("function");
        return (
          fn != null &&
          (fn.type === "identifier" || fn.type === "attribute") &&
          MODEL_NAME.test(fn.text) &&
          !loadedInEvalMode.has(fn.text)
        );
      });
      if (!forward) continue;
      const evaluated = forward.childForFieldName("function")!.text;
      if (switched.some((receiver) => !plainlyAnother(receiver, evaluated))) return [];
      return [
        {
          file: file.path,
          line: lineOf(site.node),
          message: `\`${forward.childForFieldName("function")!.text}\` is called ${site.label} to evaluate it, but nothing switches it to \`.eval()\` first, so dropout and batch norm still behave as in training.`,
        },
      ];
    }
    return [];
  },
};
