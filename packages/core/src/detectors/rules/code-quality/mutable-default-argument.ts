// code-quality/mutable-default-argument: `def f(items=[])` whose list (or dict, or set) is changed or handed out,
// so every call shares, and sees, what earlier calls put in it.

import type { LineSpan } from "../../../parse/python-blocks.js";
import { callName, lineOf } from "../../../parse/syntax.js";
import type { Node } from "../../../parse/tree-sitter.js";
import { linesMatching, pythonBlocksOf } from "../../lib/python-text.js";
import type { FileDetector, RawFinding } from "../../types.js";

const MUTABLE_LITERALS = new Set([
  "list",
  "dictionary",
  "set",
  "list_comprehension",
  "dictionary_comprehension",
  "set_comprehension",
]);
const MUTABLE_CALLS = /^((collections\.)?(defaultdict|OrderedDict|deque|Counter)|list|dict|set|bytearray)$/;
const PARAMETERS = new Set(["default_parameter", "typed_default_parameter"]);
/** `= [`, `= {`, `= set(`...: where a mutable default may start (the value is the last group). */
const DEFAULT_TEXT =
  /=\s*(\[|\{|(?:collections\.)?(?:defaultdict|OrderedDict|deque|Counter|list|dict|set|bytearray)\s*\()/g;
const MUTATORS = new Set([
  "append",
  "extend",
  "insert",
  "remove",
  "pop",
  "popitem",
  "clear",
  "update",
  "add",
  "discard",
  "setdefault",
  "sort",
  "reverse",
  "appendleft",
  "extendleft",
]);

const USE_TYPES = [
  "call",
  "assignment",
  "augmented_assignment",
  "delete_statement",
  "return_statement",
  "yield",
];

/** Whether a function or lambda between `node` and `body` has its own parameter called `name` (another variable). */
function shadowed(node: Node, body: Node, name: string): boolean {
  for (let n = node.parent; n && n.id !== body.id; n = n.parent) {
    if (n.type !== "function_definition" && n.type !== "lambda") continue;
    const params = n.childForFieldName("parameters");
    if (params?.descendantsOfType("identifier").some((p) => p?.text === name)) return true;
  }
  return false;
}

/** What the function does with the shared default that makes it a bug, and where; null when it only reads it. */
function sharedUse(body: Node, name: string): { node: Node; what: string } | null {
  if (!body.text.includes(name)) return null;
  const uses: { node: Node; what: string }[] = [];
  let rebound: number | null = null;
  // Only the statements that can change or hand out a value, found in one pass inside the parser.
  for (const n of body.descendantsOfType(USE_TYPES)) {
    if (n === null || !n.text.includes(name) || shadowed(n, body, name)) continue;
    if (n.type === "call") {
      const fn = n.childForFieldName("function");
      const object = fn?.type === "attribute" ? fn.childForFieldName("object") : null;
      const method = fn?.childForFieldName("attribute")?.text;
      if (object?.type === "identifier" && object.text === name && method && MUTATORS.has(method)) {
        uses.push({ node: n, what: `\`${name}.${method}(...)\`` });
      }
    } else if (n.type === "assignment" || n.type === "augmented_assignment") {
      const left = n.childForFieldName("left");
      const right = n.childForFieldName("right");
      if (left?.type === "subscript" && left.childForFieldName("value")?.text === name) {
        uses.push({ node: n, what: `\`${left.text} = ...\`` });
      } else if (left?.type === "identifier" && left.text === name) {
        // `items += [x]` changes the list in place; `items = list(items)` makes a new one.
        if (n.type === "augmented_assignment") uses.push({ node: n, what: `\`${name} += ...\`` });
        else rebound ??= n.startIndex;
      } else if (left?.type === "attribute" && right?.type === "identifier" && right.text === name) {
        uses.push({ node: n, what: `\`${left.text} = ${name}\`` });
      }
    } else if (n.type === "delete_statement") {
      if (n.descendantsOfType("subscript").some((s) => s?.childForFieldName("value")?.text === name)) {
        uses.push({ node: n, what: `\`${n.text}\`` });
      }
    } else {
      const value = n.namedChildren.find((c) => c !== null && c.type !== "comment");
      const values =
        value?.type === "expression_list" || value?.type === "tuple" ? value.namedChildren : [value];
      if (values.some((v) => v?.type === "identifier" && v.text === name)) {
        uses.push({ node: n, what: n.type === "yield" ? `\`yield ${name}\`` : `\`return ${name}\`` });
      }
    }
  }
  uses.sort((a, b) => a.node.startIndex - b.node.startIndex);
  const first = uses[0];
  // Rebinding before the first risky use (`items = list(items)`) gives this call its own object.
  if (!first || (rebound !== null && rebound < first.node.startIndex)) return null;
  return first;
}

function isMutableDefault(value: Node): boolean {
  if (MUTABLE_LITERALS.has(value.type)) return true;
  if (value.type !== "call") return false;
  const name = callName(value);
  return name !== null && MUTABLE_CALLS.test(name);
}

/** The lines (ascending) that fall in one of the spans (ascending and apart, as `def` headers are): one walk. */
function inSpans(lines: readonly number[], spans: readonly LineSpan[]): number[] {
  const out: number[] = [];
  let s = 0;
  for (const line of lines) {
    while (s < spans.length && spans[s]!.end < line) s++;
    if (s < spans.length && spans[s]!.start <= line) out.push(line);
  }
  return out;
}

export const mutableDefaultArgument: FileDetector = {
  scope: "file",
  languages: ["python"],
  // A mutable default inside a def signature (which may span lines); the syntax pass decides the rest.
  prefilter:
    /\bdef\s+\w+\s*\([^)]*=\s*(\[|\{|(list|dict|set|defaultdict|OrderedDict|deque|Counter|bytearray)\s*\()/,
  meta: {
    id: "code-quality/mutable-default-argument",
    area: "code-quality",
    level: "actionable",
    title: "A default argument is a list or dict that the function changes",
    why: "Python evaluates a default value once, when the function is defined, not on each call. A `[]` or `{}` default that the function appends to is the same object on every call, so data from one call (one user's chat history, say) shows up in the next.",
    tryThis:
      "Change the default to `None` and create the list inside (`if history is None: history = []`), then call the function twice and check the second call starts empty.",
    learnMore: [
      "https://docs.python.org/3/tutorial/controlflow.html#default-argument-values",
      "https://docs.astral.sh/ruff/rules/mutable-argument-default/",
    ],
    example: {
      language: "python",
      file: "chat.py",
      bad: "def ask(question, history=[]):\n    history.append(question)\n    return llm(history)",
      good: "def ask(question, history=None):\n    if history is None:\n        history = []\n    history.append(question)\n    return llm(history)",
    },
    goal: "Use `None` as the default for every list, dict or set parameter and create the object inside the function",
  },
  check(file, { syntaxAround }) {
    // `= []` is everywhere in code; only the ones in a `def` header are defaults (a lambda's do not count).
    const blocks = pythonBlocksOf(file);
    const spelled = linesMatching(file.text, DEFAULT_TEXT);
    const tree = syntaxAround(blocks ? inSpans(spelled, blocks.defHeaders) : spelled);
    if (!tree) return [];
    const found: RawFinding[] = [];
    // Start from the defaults the text spells (`=[]`, `={}`, `=set()`) rather than from every function.
    for (const m of file.text.matchAll(DEFAULT_TEXT)) {
      const at = m.index + m[0].length - m[1]!.length;
      let value: Node | null = tree.root.descendantForIndex(at);
      while (value?.parent && value.parent.startIndex === at && !PARAMETERS.has(value.parent.type))
        value = value.parent;
      const param = value?.parent;
      if (
        !value ||
        !param ||
        !PARAMETERS.has(param.type) ||
        param.childForFieldName("value")?.id !== value.id
      )
        continue;
      const fn = param.parent?.parent;
      const body =
        fn?.type === "function_definition" && tree.complete(fn) ? fn.childForFieldName("body") : null;
      const name = param.childForFieldName("name")?.text;
      if (!body || !name || !isMutableDefault(value)) continue;
      const use = sharedUse(body, name);
      if (!use) continue;
      const verb = /^`(return|yield) /.test(use.what)
        ? "hands out"
        : /^`[\w.]+ = /.test(use.what)
          ? "stores"
          : "changes";
      found.push({
        file: file.path,
        line: lineOf(param),
        message: `\`${name}=${value.text.length > 20 ? "..." : value.text}\` is created once, when the function is defined, and ${use.what} on line ${lineOf(use.node)} ${verb} that one shared object on every call.`,
      });
    }
    return found;
  },
};
