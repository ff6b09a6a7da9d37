// Follows values inside one function (or a module's top level, or a notebook): does the data an expression holds
// come from a source (a model's reply, a user's request, a download)? Used by the security rules that need to know
// where an argument came from. It reads the last assignment of a name before its use, so `out = escape(out)` ends
// the trail, and only calls known to carry their input through (string methods, `str`, `json.loads`, ...) pass it on.
import { callName, FUNCTION_TYPES } from "../../parse/syntax.js";
import type { Node, Tree } from "../../parse/tree-sitter.js";

const FUNCTION_NODES = FUNCTION_TYPES;

/** The function a node sits in, or the root (module, program) when it sits at the top level. */
export function scopeOf(node: Node): Node {
  let root = node;
  for (let n = node.parent; n; n = n.parent) {
    if (FUNCTION_NODES.has(n.type)) return n;
    root = n;
  }
  return root;
}

export const isFunctionNode = (node: Node): boolean => FUNCTION_NODES.has(node.type);

/** Whether `node` belongs to `scope`: no function definition sits between them. */
export function ownedBy(node: Node, scope: Node): boolean {
  for (let n = node.parent; n; n = n.parent) {
    if (n.id === scope.id) return true;
    if (FUNCTION_NODES.has(n.type)) return false;
  }
  return !FUNCTION_NODES.has(scope.type);
}

/** The nodes of the given types that belong to `scope` itself, found in one pass of the parser. */
export function ownDescendants(scope: Node, types: string[]): Node[] {
  return scope.descendantsOfType(types).filter((n): n is Node => n !== null && ownedBy(n, scope));
}

const BINDING_TYPES = [
  "assignment",
  "augmented_assignment",
  "augmented_assignment_expression",
  "assignment_expression",
  "variable_declarator",
  "named_expression",
  "for_statement",
  "for_in_statement",
  "for_in_clause",
  "as_pattern",
];

interface Binding {
  name: string;
  /** Takes effect from this offset on (the end of the assignment, the loop header, the parameter). */
  from: number;
  kind: "assign" | "augment" | "param";
  value: Node | null;
  node: Node;
}

/** Identifiers a pattern binds: `a`, `a, b`, `{ a, b: c }`, `[a, ...rest]`, `x: int = 1`. */
export function patternNames(node: Node): Node[] {
  switch (node.type) {
    case "identifier":
    case "shorthand_property_identifier_pattern":
      return [node];
    case "pair_pattern": {
      const value = node.childForFieldName("value");
      return value ? patternNames(value) : [];
    }
    case "assignment_pattern": {
      const left = node.childForFieldName("left");
      return left ? patternNames(left) : [];
    }
    case "object_assignment_pattern": {
      const left = node.childForFieldName("left");
      return left ? patternNames(left) : [];
    }
    case "default_parameter":
    case "typed_default_parameter": {
      const name = node.childForFieldName("name");
      return name ? patternNames(name) : [];
    }
    case "required_parameter":
    case "optional_parameter": {
      const pattern = node.childForFieldName("pattern");
      return pattern ? patternNames(pattern) : [];
    }
    case "typed_parameter":
    case "pattern_list":
    case "tuple_pattern":
    case "list_pattern":
    case "object_pattern":
    case "array_pattern":
    case "rest_pattern":
    case "as_pattern_target":
    case "list_splat_pattern":
    case "parenthesized_expression":
    case "tuple":
    case "expression_list":
      // A typed parameter's name is its first child; its type is not a binding.
      if (node.type === "typed_parameter") {
        const first = node.namedChildren[0];
        return first ? patternNames(first) : [];
      }
      return node.namedChildren.flatMap((c) => (c ? patternNames(c) : []));
    default:
      return [];
  }
}

/** The parameters of a function node, each with the names it binds. */
export function parametersOf(fn: Node): { param: Node; names: Node[] }[] {
  if (!FUNCTION_NODES.has(fn.type)) return [];
  const params = fn.childForFieldName("parameters") ?? fn.childForFieldName("parameter");
  if (!params) return [];
  const list = params.type === "identifier" ? [params] : params.namedChildren.filter((p) => p !== null);
  return list.map((param) => ({ param, names: patternNames(param) }));
}

/** Bindings depend on the syntax only: computed once per scope of a tree, whichever rule asks. */
const bindingCache = new WeakMap<Tree, Map<number, Map<string, Binding[]>>>();

function bindingsOf(scope: Node): Map<string, Binding[]> {
  let perTree = bindingCache.get(scope.tree);
  if (!perTree) {
    perTree = new Map();
    bindingCache.set(scope.tree, perTree);
  }
  let found = perTree.get(scope.id);
  if (!found) {
    found = collectBindings(scope);
    perTree.set(scope.id, found);
  }
  return found;
}

function collectBindings(scope: Node): Map<string, Binding[]> {
  const out = new Map<string, Binding[]>();
  const add = (name: Node, from: number, kind: Binding["kind"], value: Node | null, node: Node) => {
    const list = out.get(name.text) ?? [];
    list.push({ name: name.text, from, kind, value, node });
    out.set(name.text, list);
  };
  for (const { param, names } of parametersOf(scope)) {
    for (const name of names) add(name, param.endIndex, "param", null, param);
  }
  const body = FUNCTION_NODES.has(scope.type) ? (scope.childForFieldName("body") ?? scope) : scope;
  const visit = (node: Node) => {
    switch (node.type) {
      case "assignment": {
        // `a = b = value`: every target gets the innermost value.
        let right = node.childForFieldName("right");
        while (right?.type === "assignment") right = right.childForFieldName("right");
        const left = node.childForFieldName("left");
        if (left && right) for (const n of patternNames(left)) add(n, node.endIndex, "assign", right, node);
        break;
      }
      case "augmented_assignment":
      case "augmented_assignment_expression": {
        const left = node.childForFieldName("left");
        const right = node.childForFieldName("right");
        if (left?.type === "identifier" && right) add(left, node.endIndex, "augment", right, node);
        break;
      }
      case "assignment_expression": {
        const left = node.childForFieldName("left");
        const right = node.childForFieldName("right");
        if (left && right) for (const n of patternNames(left)) add(n, node.endIndex, "assign", right, node);
        break;
      }
      case "variable_declarator": {
        const name = node.childForFieldName("name");
        const value = node.childForFieldName("value");
        if (name && value) for (const n of patternNames(name)) add(n, node.endIndex, "assign", value, node);
        break;
      }
      case "named_expression": {
        const name = node.childForFieldName("name");
        const value = node.childForFieldName("value");
        if (name && value) add(name, node.endIndex, "assign", value, node);
        break;
      }
      case "for_statement":
      case "for_in_statement":
      case "for_in_clause": {
        // The loop variable holds items of what is iterated, from the loop header on.
        const left = node.childForFieldName("left");
        const right = node.childForFieldName("right");
        if (left && right) for (const n of patternNames(left)) add(n, right.endIndex, "assign", right, node);
        break;
      }
      case "as_pattern": {
        // `with open(p) as f` binds `f` to what `open(p)` returns.
        const alias = node.childForFieldName("alias");
        const value = node.namedChildren[0];
        if (alias && value && alias.id !== value.id)
          for (const n of patternNames(alias)) add(n, node.endIndex, "assign", value, node);
        break;
      }
    }
  };
  // One call into the parser for every binding form, then keep those of this scope (not of a nested function).
  for (const node of body.descendantsOfType(BINDING_TYPES)) {
    if (node && ownedBy(node, scope)) visit(node);
  }
  for (const list of out.values()) list.sort((a, b) => a.from - b.from);
  return out;
}

export interface FlowOptions {
  /** An expression that is itself a source (a model's reply, a request body, a download). */
  isSource(node: Node): boolean;
  /** A parameter of the function that is a source, by its name and its node. */
  isSourceParameter?(name: string, param: Node): boolean;
  /** Plain calls (by dotted name) whose result carries what their arguments hold. */
  carries?(name: string): boolean;
}

/** Plain calls whose result holds the data passed in. */
const CARRYING_CALLS = new Set([
  "str",
  "String",
  "bytes",
  "list",
  "tuple",
  "dict",
  "json.loads",
  "json.load",
  "json.dumps",
  "JSON.parse",
  "JSON.stringify",
  "textwrap.dedent",
  "dedent",
  "io.BytesIO",
  "BytesIO",
  "io.StringIO",
  "StringIO",
  "Buffer.from",
  "open",
  "Path",
  "pathlib.Path",
  "os.path.join",
  "re.sub",
  "re.search",
  "re.match",
  "re.fullmatch",
  "re.findall",
]);

/** Methods whose result tells something about a value without holding it. */
const PREDICATE_METHODS = new Set([
  "startswith",
  "endswith",
  "startsWith",
  "endsWith",
  "isdigit",
  "isalpha",
  "isalnum",
  "isnumeric",
  "isidentifier",
  "isspace",
  "islower",
  "isupper",
  "count",
  "find",
  "rfind",
  "index",
  "rindex",
  "indexOf",
  "lastIndexOf",
  "includes",
  "has",
  "exists",
  "is_file",
  "is_dir",
  "hasOwnProperty",
  "localeCompare",
]);

/** Methods whose arguments end up in the result even when the object is a plain literal. */
const ARGUMENT_METHODS = new Set(["format", "format_map", "join", "replace", "concat", "safe_substitute"]);

const PASS_THROUGH = new Set([
  "parenthesized_expression",
  "await",
  "await_expression",
  "as_expression",
  "non_null_expression",
  "satisfies_expression",
  "type_assertion",
  "spread_element",
  "list_splat",
  "dictionary_splat",
  "interpolation",
  "template_substitution",
  "concatenated_string",
  "list",
  "tuple",
  "set",
  "array",
  "expression_list",
  "list_comprehension",
  "generator_expression",
  "set_comprehension",
  "dictionary",
  "object",
]);

/** Answers "does this expression hold data from a source?" inside one scope, following names to their values. */
export class ValueFlow {
  private readonly bindings: Map<string, Binding[]>;
  private readonly memo = new Map<number, Node | null>();
  private readonly visiting = new Set<number>();
  private outer: ValueFlow | null | undefined;

  constructor(
    readonly scope: Node,
    private readonly options: FlowOptions,
  ) {
    this.bindings = bindingsOf(scope);
  }

  /** The flow of the scope a node sits in (functions read module-level names through their module's flow). */
  static of(node: Node, options: FlowOptions): ValueFlow {
    return new ValueFlow(scopeOf(node), options);
  }

  /** Whether the scope binds this name (as a parameter or by assignment). */
  binds(name: string): boolean {
    return this.bindings.has(name);
  }

  isParameter(name: string): boolean {
    return this.bindings.get(name)?.some((b) => b.kind === "param") ?? false;
  }

  /** The source node the expression's value comes from, or null when none is known. */
  sourceOf(expr: Node): Node | null {
    const cached = this.memo.get(expr.id);
    if (cached !== undefined) return cached;
    if (this.visiting.has(expr.id)) return null;
    this.visiting.add(expr.id);
    const found = this.compute(expr);
    this.visiting.delete(expr.id);
    this.memo.set(expr.id, found);
    return found;
  }

  private any(nodes: readonly (Node | null)[]): Node | null {
    for (const n of nodes) {
      const found = n ? this.sourceOf(n) : null;
      if (found) return found;
    }
    return null;
  }

  private compute(expr: Node): Node | null {
    if (this.options.isSource(expr)) return expr;
    const field = (name: string) => expr.childForFieldName(name);
    switch (expr.type) {
      case "identifier":
      case "shorthand_property_identifier":
        return this.resolve(expr.text, expr.startIndex);
      case "keyword_argument":
        return this.any([field("value")]);
      case "attribute":
      case "member_expression":
      case "subscript_expression":
        return this.any([field("object")]);
      case "subscript":
        return this.any([field("value")]);
      case "string":
        return this.any(expr.namedChildren.filter((c) => c?.type === "interpolation"));
      case "template_string":
        return this.any(expr.namedChildren.filter((c) => c?.type === "template_substitution"));
      case "binary_operator":
      case "boolean_operator":
        return this.any([field("left"), field("right")]);
      case "binary_expression": {
        const op = expr.childForFieldName("operator")?.text ?? "";
        return op === "+" || op === "??" || op === "||" ? this.any([field("left"), field("right")]) : null;
      }
      case "conditional_expression": {
        const [whenTrue, , whenFalse] = expr.namedChildren;
        return this.any([whenTrue ?? null, whenFalse ?? null]);
      }
      case "ternary_expression":
        return this.any([field("consequence"), field("alternative")]);
      case "pair":
        return this.any([field("value")]);
      case "call":
      case "call_expression":
        return this.fromCall(expr);
      default:
        if (PASS_THROUGH.has(expr.type)) return this.any(expr.namedChildren);
        return null;
    }
  }

  private fromCall(call: Node): Node | null {
    const fn = call.childForFieldName("function");
    const args = call.childForFieldName("arguments");
    const argumentNodes = args ? args.namedChildren : [];
    if (fn && (fn.type === "attribute" || fn.type === "member_expression")) {
      const method = (fn.childForFieldName("attribute") ?? fn.childForFieldName("property"))?.text ?? "";
      const object = fn.childForFieldName("object");
      if (!PREDICATE_METHODS.has(method) && !/^is[A-Z_]/.test(method)) {
        const fromObject = object ? this.sourceOf(object) : null;
        if (fromObject) return fromObject;
      }
      if (ARGUMENT_METHODS.has(method)) {
        const fromArgs = this.any(argumentNodes);
        if (fromArgs) return fromArgs;
      }
    }
    const name = callName(call);
    if (name && (CARRYING_CALLS.has(name) || this.options.carries?.(name))) return this.any(argumentNodes);
    return null;
  }

  private resolve(name: string, at: number): Node | null {
    const list = this.bindings.get(name);
    if (!list) return this.outerFlow()?.resolveGlobal(name) ?? null;
    let latest: Binding | undefined;
    for (const b of list) if (b.from <= at) latest = b;
    if (!latest) return this.outerFlow()?.resolveGlobal(name) ?? null;
    return this.fromBinding(latest);
  }

  private fromBinding(b: Binding): Node | null {
    if (b.kind === "param") return this.options.isSourceParameter?.(b.name, b.node) ? b.node : null;
    const fromValue = b.value ? this.sourceOf(b.value) : null;
    if (fromValue || b.kind !== "augment") return fromValue;
    return this.resolve(b.name, b.node.startIndex);
  }

  /** A module-level name read from inside a function: any top-level binding of it counts. */
  private resolveGlobal(name: string): Node | null {
    const list = this.bindings.get(name);
    if (!list) return null;
    for (const b of list) {
      const found = this.fromBinding(b);
      if (found) return found;
    }
    return null;
  }

  private outerFlow(): ValueFlow | null {
    if (this.outer !== undefined) return this.outer;
    if (!FUNCTION_NODES.has(this.scope.type)) {
      this.outer = null;
      return null;
    }
    let root = this.scope;
    while (root.parent) root = root.parent;
    this.outer = new ValueFlow(root, this.options);
    return this.outer;
  }
}
