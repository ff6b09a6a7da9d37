// A file's syntax tree with the questions rules ask of it: queries, call names, keyword arguments, lines.
import type { Node, Query, QueryCapture, QueryMatch, Tree } from "@vscode/tree-sitter-wasm";
import type { LineSpan } from "./python-blocks.js";
import type { Grammar, Parsers } from "./tree-sitter.js";

export interface Syntax {
  grammar: Grammar;
  root: Node;
  /**
   * Null for a tree of the whole file. For a tree of a region (`syntaxAround`), the line spans of the whole
   * statements it holds: a node inside them is as a full parse would give it; the `def` and `class` headers
   * around them are there only as context (their bodies hold the region alone).
   */
  partial: readonly LineSpan[] | null;
  /** Whether the node is whole in this tree: always in a full tree; in a region, when it sits inside a unit. */
  complete(node: Node): boolean;
  /** Runs a tree-sitter query (S-expression) over the file; queries are compiled once per process. */
  matches(query: string): QueryMatch[];
  captures(query: string): QueryCapture[];
}

export function syntaxOf(
  tree: Tree,
  grammar: Grammar,
  parsers: Parsers,
  partial: readonly LineSpan[] | null = null,
): Syntax {
  const compiled = (source: string): Query => parsers.query(grammar, source);
  return {
    grammar,
    root: tree.rootNode,
    partial,
    complete: (node) => partial === null || completeIn(node, partial),
    matches: (source) => compiled(source).matches(tree.rootNode),
    captures: (source) => compiled(source).captures(tree.rootNode),
  };
}

/**
 * Whether a node of a region's tree is as a full parse gives it: inside a unit, and not the body that a header
 * around the unit wraps it in (that `block`, like the module, holds the region only).
 */
function completeIn(node: Node, units: readonly LineSpan[]): boolean {
  const inside = (n: Node) =>
    units.some((u) => u.start <= n.startPosition.row + 1 && n.endPosition.row + 1 <= u.end);
  if (node.type === "module" || !inside(node)) return false;
  return node.type !== "block" || (node.parent !== null && inside(node.parent));
}

/** 1-based first line of a node. */
export const lineOf = (node: Node): number => node.startPosition.row + 1;
/** 1-based last line of a node. */
export const endLineOf = (node: Node): number => node.endPosition.row + 1;

const CALL_TYPES = new Set(["call", "call_expression", "new_expression"]);

/** The dotted name a call is made through: `client.chat.completions.create`, `json.loads`, `OpenAI`. */
export function callName(call: Node): string | null {
  if (!CALL_TYPES.has(call.type)) return null;
  const fn = call.childForFieldName(call.type === "new_expression" ? "constructor" : "function");
  return fn ? dottedName(fn) : null;
}

/** The dotted name an identifier or a chain of attributes spells (`assert.equal`), or null for any other expression. */
export function dottedName(node: Node): string | null {
  switch (node.type) {
    case "identifier":
    case "property_identifier":
      return node.text;
    case "attribute": {
      const object = node.childForFieldName("object");
      const attribute = node.childForFieldName("attribute");
      const left = object ? dottedName(object) : null;
      return left && attribute ? `${left}.${attribute.text}` : null;
    }
    case "member_expression": {
      const object = node.childForFieldName("object");
      const property = node.childForFieldName("property");
      const left = object ? dottedName(object) : null;
      return left && property ? `${left}.${property.text}` : null;
    }
    case "call":
    case "call_expression": {
      // `OpenAI().chat...` or `client.with_options(...).create`: keep the chain readable.
      const inner = callName(node);
      return inner ? `${inner}()` : null;
    }
    default:
      return null;
  }
}

/**
 * Keyword arguments of a call, by name: Python `f(a=1)`, or the properties of a JS/TS object
 * literal passed as an argument `f({ a: 1 })`. A `**kwargs` or `...spread` makes the set unknowable: null.
 */
export function keywordArguments(call: Node): Map<string, Node> | null {
  const args = call.childForFieldName("arguments");
  const out = new Map<string, Node>();
  if (!args) return out;
  for (const arg of args.namedChildren) {
    if (!arg) continue;
    if (arg.type === "keyword_argument") {
      const name = arg.childForFieldName("name");
      const value = arg.childForFieldName("value");
      if (name && value) out.set(name.text, value);
    } else if (arg.type === "dictionary_splat" || arg.type === "spread_element") {
      return null;
    } else if (arg.type === "object") {
      for (const prop of arg.namedChildren) {
        if (!prop) continue;
        if (prop.type === "spread_element") return null;
        if (prop.type === "pair") {
          const key = prop.childForFieldName("key");
          const value = prop.childForFieldName("value");
          if (key && value) out.set(key.text.replace(/^["']|["']$/g, ""), value);
        } else if (prop.type === "shorthand_property_identifier") out.set(prop.text, prop);
      }
    }
  }
  return out;
}

/** Positional (non-keyword) arguments of a call. */
export function positionalArguments(call: Node): Node[] {
  const args = call.childForFieldName("arguments");
  if (!args) return [];
  return args.namedChildren.filter(
    (a): a is Node => a !== null && a.type !== "keyword_argument" && a.type !== "comment",
  );
}

/** The nearest ancestor of one of the given types, or null. */
export function ancestor(node: Node, types: readonly string[]): Node | null {
  for (let n = node.parent; n; n = n.parent) if (types.includes(n.type)) return n;
  return null;
}

const callsOf = new WeakMap<Syntax, readonly { node: Node; name: string }[]>();

/**
 * Every call node in the tree, with its dotted name: queried once per tree (a dozen rules ask, and on a large
 * JS/TS file the query costs more than the parse).
 */
export function calls(syntax: Syntax): readonly { node: Node; name: string }[] {
  let found = callsOf.get(syntax);
  if (!found) {
    found = readCalls(syntax);
    callsOf.set(syntax, found);
  }
  return found;
}

function readCalls(syntax: Syntax): { node: Node; name: string }[] {
  const out: { node: Node; name: string }[] = [];
  const type = syntax.grammar === "python" ? "(call) @c" : "[(call_expression) (new_expression)] @c";
  for (const capture of syntax.captures(type)) {
    // A call the parser could not read cleanly (half-typed code, merge markers) is no ground for advice.
    if (capture.node.hasError) continue;
    const name = callName(capture.node);
    if (name) out.push({ node: capture.node, name });
  }
  return out;
}

/** Node types that start a function scope, in Python and JS/TS. */
export const FUNCTION_TYPES: ReadonlySet<string> = new Set([
  "function_definition",
  "lambda",
  "function_declaration",
  "function_expression",
  "arrow_function",
  "method_definition",
  "generator_function_declaration",
  "generator_function",
]);

/** True when the node sits inside a `try` block's body (Python or JS/TS), not in its handlers. */
export function insideTry(node: Node): boolean {
  for (let n: Node | null = node, parent = node.parent; parent; n = parent, parent = parent.parent) {
    if (parent.type === "try_statement" && n && parent.childForFieldName("body")?.id === n.id) return true;
    if (FUNCTION_TYPES.has(parent.type)) return false;
  }
  return false;
}
