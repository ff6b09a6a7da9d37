// Follows model replies and user input across the functions of a Python project, one call deep at a time:
// which functions return a model's reply (`classify_ticket` returns `json.loads(...content)`), and which
// parameters receive a model's reply or a user's request at some call site (`save_result(text, result)` in a
// route handler). Rules read one file's syntax; this index reads every Python file once per review.
import {
  callName,
  calls,
  keywordArguments,
  positionalArguments,
  type Syntax,
  syntaxOf,
} from "../../parse/syntax.js";
import { loadParsers, type Node, type Tree } from "../../parse/tree-sitter.js";
import { isTestPath, type RepoView } from "../repo-view.js";
import { isModelReply, isUserInput } from "./taint-sources.js";
import { ownDescendants, parametersOf, scopeOf, ValueFlow } from "./value-flow.js";

export interface RepoFlow {
  /** Names of functions whose return value is a model's reply. */
  modelFunctions: ReadonlySet<string>;
  /** Parameters of a function (by its name) that some call site fills with a model's reply. */
  modelParams(fn: string): ReadonlySet<string>;
  /** Parameters of a function (by its name) that some call site fills with user input, and that caller's file. */
  userParams(fn: string): ReadonlyMap<string, string>;
}

const EMPTY: RepoFlow = {
  modelFunctions: new Set(),
  modelParams: () => new Set(),
  userParams: () => new Map(),
};

/** A web route: `@app.post("/ask")`, `@router.get(...)`, `@bp.route(...)`. */
const ROUTE_DECORATOR = /^@\s*\w+\.(get|post|put|patch|delete|route|api_route|websocket|options|head)\s*\(/;
/** Route parameters the framework fills in, not the client. */
export const INJECTED = /Depends\s*\(|\b(BackgroundTasks|Response|Session|AsyncSession)\b/;
const MAX_ROUNDS = 4;
/** Text a function must hold to return a model's reply: a reply's fields or a model call (a cheap first cut). */
const MODEL_HINT =
  /choices|output_text|content|\.text\b|tool_calls|invoke|\.a?run\(|predict|complet|generate|\.chat\(|query|kickoff/;

interface Definition {
  fn: Node;
  params: string[];
}

const functionName = (fn: Node): string => fn.childForFieldName("name")?.text ?? "";
const lastSegment = (name: string): string => name.replace(/\(\)/g, "").split(".").pop() ?? name;

/** Whether a function is a web route (`@app.post(...)`): its parameters are what the client sent. */
export function isRouteHandler(fn: Node): boolean {
  const parent = fn.parent;
  if (parent?.type !== "decorated_definition") return false;
  return parent.namedChildren.some((d) => d?.type === "decorator" && ROUTE_DECORATOR.test(d.text));
}

function parameterNames(fn: Node): string[] {
  const names = parametersOf(fn)
    .filter(({ param }) => param.type !== "list_splat_pattern" && param.type !== "dictionary_splat_pattern")
    .flatMap(({ names }) => names.map((n) => n.text));
  return names[0] === "self" || names[0] === "cls" ? names.slice(1) : names;
}

const cache = new WeakMap<RepoView, Promise<RepoFlow>>();

/** The index for a repository, built once per review and shared by the rules that ask. */
export function repoFlow(repo: RepoView): Promise<RepoFlow> {
  let found = cache.get(repo);
  if (!found) {
    found = build(repo);
    cache.set(repo, found);
  }
  return found;
}

async function build(repo: RepoView): Promise<RepoFlow> {
  const files = repo.files.filter((f) => f.language === "python" && !isTestPath(f.path));
  if (files.length === 0) return EMPTY;
  const parsers = await loadParsers(["python"]);
  const trees: Tree[] = [];
  try {
    const parsed: { path: string; syntax: Syntax }[] = [];
    for (const file of files) {
      const tree = parsers.parse("python", file.text);
      if (!tree) continue;
      trees.push(tree);
      parsed.push({ path: file.path, syntax: syntaxOf(tree, "python", parsers) });
    }

    const definitions = new Map<string, Definition[]>();
    for (const { syntax } of parsed) {
      for (const { node } of syntax.captures("(function_definition) @f")) {
        const name = functionName(node);
        if (!name) continue;
        const list = definitions.get(name) ?? [];
        list.push({ fn: node, params: parameterNames(node) });
        definitions.set(name, list);
      }
    }

    // Functions that return a model's reply, directly or through another such function.
    const modelFunctions = new Set<string>();
    const callsModelFunction = (n: Node) =>
      n.type === "call" && modelFunctions.has(lastSegment(callName(n) ?? ""));
    const hinted = new Map<number, boolean>();
    const mayReturnReply = (fn: Node): boolean => {
      let hint = hinted.get(fn.id);
      if (hint === undefined) {
        hint = MODEL_HINT.test(fn.text);
        hinted.set(fn.id, hint);
      }
      return hint || [...modelFunctions].some((m) => fn.text.includes(`${m}(`));
    };
    for (let round = 0; round < MAX_ROUNDS; round++) {
      let changed = false;
      for (const [name, defs] of definitions) {
        if (modelFunctions.has(name)) continue;
        for (const { fn } of defs) {
          if (!mayReturnReply(fn)) continue;
          const flow = new ValueFlow(fn, { isSource: (n) => isModelReply(n) || callsModelFunction(n) });
          const returns = ownDescendants(fn, ["return_statement"]);
          if (returns.some((r) => r.namedChildren[0] && flow.sourceOf(r.namedChildren[0]))) {
            modelFunctions.add(name);
            changed = true;
            break;
          }
        }
      }
      if (!changed) break;
    }

    // Parameters filled, at some call site, with a model's reply or with user input.
    const modelParams = new Map<string, Set<string>>();
    const userParams = new Map<string, Map<string, string>>();
    const allCalls = parsed.flatMap(({ path, syntax }) => calls(syntax).map((c) => ({ path, ...c })));
    for (let round = 0; round < MAX_ROUNDS; round++) {
      let changed = false;
      const modelFlows = new Map<number, ValueFlow>();
      const userFlows = new Map<number, ValueFlow>();
      const flowOf = (node: Node, user: boolean): ValueFlow => {
        const scope = scopeOf(node);
        const flows = user ? userFlows : modelFlows;
        let flow = flows.get(scope.id);
        if (!flow) {
          const fnName = functionName(scope);
          const route = isRouteHandler(scope);
          flow = user
            ? new ValueFlow(scope, {
                isSource: isUserInput,
                isSourceParameter: (name, param) =>
                  (route && !INJECTED.test(param.text)) || (userParams.get(fnName)?.has(name) ?? false),
              })
            : new ValueFlow(scope, {
                isSource: (n) => isModelReply(n) || callsModelFunction(n),
                isSourceParameter: (name) => modelParams.get(fnName)?.has(name) ?? false,
              });
          flows.set(scope.id, flow);
        }
        return flow;
      };
      for (const { path, node, name } of allCalls) {
        const callee = lastSegment(name);
        const defs = definitions.get(callee);
        if (!defs) continue;
        const kw = keywordArguments(node);
        const positional = positionalArguments(node).filter((a) => a.type !== "list_splat");
        for (const def of defs) {
          const pairs: [string, Node][] = [];
          positional.forEach((arg, i) => {
            const param = def.params[i];
            if (param) pairs.push([param, arg]);
          });
          for (const [key, value] of kw ?? []) if (def.params.includes(key)) pairs.push([key, value]);
          for (const [param, arg] of pairs) {
            const model = modelParams.get(callee) ?? new Set<string>();
            if (!model.has(param) && flowOf(arg, false).sourceOf(arg)) {
              model.add(param);
              modelParams.set(callee, model);
              changed = true;
            }
            const user = userParams.get(callee) ?? new Map<string, string>();
            if (!user.has(param) && flowOf(arg, true).sourceOf(arg)) {
              user.set(param, path);
              userParams.set(callee, user);
              changed = true;
            }
          }
        }
      }
      if (!changed) break;
    }

    return {
      modelFunctions,
      modelParams: (fn) => modelParams.get(fn) ?? new Set(),
      userParams: (fn) => userParams.get(fn) ?? new Map(),
    };
  } finally {
    for (const tree of trees) tree.delete();
  }
}
