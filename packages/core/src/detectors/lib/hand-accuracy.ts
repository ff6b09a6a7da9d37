// Accuracy computed by hand, the way PyTorch tutorials and training loops do it: predictions compared with labels,
// then summed or averaged (`(preds == labels).sum()`, `(out.argmax(1) == y).float().mean()`, `preds.eq(y).sum()`).
import type { Syntax } from "../../parse/syntax.js";
import type { Node } from "../../parse/tree-sitter.js";

/**
 * Cheap test on the text: a comparison or `.eq(...)` that is then summed or averaged. `.sum` and `.mean` are
 * written as code has them (no space after the dot), so a file's census rules out the many files whose only "sum"
 * is in "summary" or "assume".
 */
export const HAND_ACCURACY_TEXT =
  /(==[^\n]*\)|\.eq\s*\([^\n]*\))\s*(\.\s*(float|double|int|long|type)\s*\([^)]*\))*\s*\.(sum|mean)\s*\(/;
/** What predictions are called: an argmax, a max, or a name that says so. */
const PREDICTIONS = /argmax|\.max\s*\(|\bpred/i;
/** Casts between the comparison and the sum: `.float()`, `.type(torch.float)`. */
const CASTS = new Set(["float", "double", "int", "long", "type"]);

const unwrap = (node: Node): Node =>
  node.type === "parenthesized_expression" && node.namedChildCount === 1 ? unwrap(node.namedChild(0)!) : node;

/** Whether `node` compares predictions with labels: `preds == y` or `preds.eq(y)`. */
function comparesPredictions(node: Node): boolean {
  const inner = unwrap(node);
  if (inner.type === "comparison_operator") {
    const operators = inner.children.filter((c) => c !== null && !c.isNamed).map((c) => c!.type);
    return operators.length === 1 && operators[0] === "==" && PREDICTIONS.test(inner.text);
  }
  if (inner.type === "call") {
    const fn = inner.childForFieldName("function");
    return (
      fn?.type === "attribute" &&
      fn.childForFieldName("attribute")?.text === "eq" &&
      PREDICTIONS.test(inner.text)
    );
  }
  return false;
}

/** The first `.sum()` / `.mean()` over predictions compared with labels in a Python file, or null. */
export function handComputedAccuracy(tree: Syntax, text: string): Node | null {
  if (!HAND_ACCURACY_TEXT.test(text)) return null;
  for (const { node } of tree.captures("(call) @c")) {
    if (node.hasError) continue;
    const fn = node.childForFieldName("function");
    if (fn?.type !== "attribute" || !/^(sum|mean)$/.test(fn.childForFieldName("attribute")?.text ?? ""))
      continue;
    let object = fn.childForFieldName("object");
    // Step back over casts: `(a == b).float().mean()`.
    while (object?.type === "call") {
      const inner = object.childForFieldName("function");
      const name = inner?.type === "attribute" ? inner.childForFieldName("attribute")?.text : undefined;
      if (!name || !CASTS.has(name)) break;
      object = inner!.childForFieldName("object");
    }
    if (object && comparesPredictions(object)) return node;
  }
  return null;
}
