// What an agent is given as tools: functions decorated or wrapped as tools, or listed in `tools=[...]`, and the
// guards (a confirmation, an allow-list, a human-in-the-loop switch) that stop a tool from acting on its own.
import type { Syntax } from "../../parse/syntax.js";
import { calls, keywordArguments, positionalArguments } from "../../parse/syntax.js";
import type { Node } from "../../parse/tree-sitter.js";
import { LLM_LIBRARIES, moduleList, type RepoView } from "../repo-view.js";
import { stringContent } from "./llm-code.js";
import { isFunctionNode } from "./value-flow.js";

/** Libraries that build agents or expose tools to a model. */
export const AGENT_LIBRARIES = moduleList([
  ...LLM_LIBRARIES,
  "agents",
  "@openai/agents",
  "mcp",
  "fastmcp",
  "@modelcontextprotocol/sdk",
  "smolagents",
  "crewai",
  "crewai_tools",
  "pydantic_ai",
  "autogen",
  "autogen_agentchat",
  "semantic_kernel",
  "langgraph",
  "@langchain/langgraph",
]);

const TOOL_DECORATOR = /^(tool|function_tool|tool_plain|kernel_function|ai_function)$/;
const TOOL_WRAPPER =
  /(^|\.)(Tool|StructuredTool|Tool\.from_function|StructuredTool\.from_function|FunctionTool\.from_defaults|FunctionTool|tool|function_tool|DynamicTool|DynamicStructuredTool)$/;
const FUNCTION_KEYS = ["func", "fn", "function", "coroutine", "execute", "handler"];
/** Parameters a framework passes in, not the model. */
export const FRAMEWORK_PARAMS =
  /^(self|cls|ctx|context|config|run_manager|callbacks|tool_context|wrapper|runtime|state|store)$/;
/** Built-in tools that hand the model a shell or a Python interpreter. */
export const DANGEROUS_TOOL =
  /(^|\.)(ShellTool|PythonREPLTool|PythonAstREPLTool|PythonREPL|BashProcess|create_python_agent|create_pandas_dataframe_agent|create_csv_agent|create_sql_agent|SQLDatabaseToolkit)$/;
export const DANGEROUS_TOOL_NAMES = new Set(["terminal", "shell", "python_repl", "bash"]);
/** Something in the tool asks first, limits what can run, or runs it in a sandbox. */
export const LOCAL_GUARD =
  /\binput\s*\(|confirm|approv|ask_user|\by\/n\b|\ballowed_\w+|\w+_allowed\b|allow_?list|whitelist|sandbox|docker|e2b|\bmode=ro\b|read_?only|readonly|startswith\(\s*\(?\s*["']select/i;
/** Human-in-the-loop switches of agent frameworks: the agent stops before it calls a tool. */
const REPO_GUARD =
  /interrupt_before|interrupt_after|\binterrupt\(|HumanApprovalCallbackHandler|HumanInTheLoopMiddleware|needsApproval|require_approval|human_input_mode\s*=\s*["'](ALWAYS|TERMINATE)|approval_policy/;

/** Function definitions by name, at any depth (tools are usually top-level, sometimes inside a setup function). */
export function functionsByName(tree: Syntax): Map<string, Node> {
  const out = new Map<string, Node>();
  const query =
    tree.grammar === "python"
      ? "(function_definition name: (identifier) @n) @f"
      : "[(function_declaration name: (identifier) @n) (variable_declarator name: (identifier) @n value: [(arrow_function) (function_expression)])] @f";
  for (const match of tree.matches(query)) {
    const name = match.captures.find((c) => c.name === "n")?.node;
    let fn = match.captures.find((c) => c.name === "f")?.node;
    if (fn?.type === "variable_declarator") fn = fn.childForFieldName("value") ?? undefined;
    if (name && fn && !out.has(name.text)) out.set(name.text, fn);
  }
  return out;
}

/** A function node an expression stands for: an inline arrow or lambda, or the name of a function defined here. */
function functionOf(node: Node | undefined, byName: Map<string, Node>): Node | null {
  if (!node) return null;
  if (isFunctionNode(node)) return node;
  if (node.type === "identifier") return byName.get(node.text) ?? null;
  return null;
}

/** Every function the file hands to a model as a tool, with the node to report for it. */
export function toolFunctions(
  tree: Syntax,
  byName: Map<string, Node>,
): Map<number, { fn: Node; name: string }> {
  const out = new Map<number, { fn: Node; name: string }>();
  const add = (fn: Node | null, name?: string) => {
    if (fn && !out.has(fn.id))
      out.set(fn.id, { fn, name: name ?? fn.childForFieldName("name")?.text ?? "tool" });
  };
  if (tree.grammar === "python") {
    for (const { node } of tree.captures("(decorated_definition) @d")) {
      const definition = node.childForFieldName("definition");
      if (definition?.type !== "function_definition") continue;
      const decorated = node.namedChildren.some((d) => {
        if (d?.type !== "decorator") return false;
        const expr = d.namedChildren[0];
        const target = expr?.type === "call" ? expr.childForFieldName("function") : expr;
        const last = target?.text.split(".").pop() ?? "";
        return TOOL_DECORATOR.test(last);
      });
      if (decorated) add(definition);
    }
  }
  for (const { node, name } of calls(tree)) {
    const kw = keywordArguments(node);
    const args = positionalArguments(node);
    if (TOOL_WRAPPER.test(name)) {
      for (const key of FUNCTION_KEYS) add(functionOf(kw?.get(key), byName), toolName(kw));
      add(functionOf(args[0], byName), toolName(kw));
    }
    // MCP (`server.tool(name, schema, handler)`, `registerTool`): the handler comes last.
    if (/(^|\.)(tool|registerTool)$/.test(name) && args.length > 1)
      add(functionOf(args[args.length - 1], byName));
    const lists = [kw?.get("tools"), /(^|\.)bind_tools$/.test(name) ? args[0] : undefined];
    if (/(^|\.)create_react_agent$/.test(name)) lists.push(args[1]);
    for (const list of lists) {
      if (!list || (list.type !== "list" && list.type !== "array")) continue;
      for (const item of list.namedChildren) if (item) add(functionOf(item, byName));
    }
  }
  // A list of tools kept under a name that says so: `TOOLS = [search, run_shell]`.
  const named =
    tree.grammar === "python"
      ? "(assignment left: (identifier) @n right: (list) @l)"
      : "(variable_declarator name: (identifier) @n value: (array) @l)";
  for (const match of tree.matches(named)) {
    const name = match.captures.find((c) => c.name === "n")?.node;
    const list = match.captures.find((c) => c.name === "l")?.node;
    if (!name || !list || !/tools$/i.test(name.text)) continue;
    for (const item of list.namedChildren) if (item) add(functionOf(item, byName));
  }
  // A dispatch table for tool calls: `{"run_shell": run_shell}`.
  if (tree.grammar === "python") {
    for (const match of tree.matches("(pair key: (string) @k value: (identifier) @v)")) {
      const key = match.captures.find((c) => c.name === "k")?.node;
      const value = match.captures.find((c) => c.name === "v")?.node;
      if (key && value && stringContent(key) === value.text) add(functionOf(value, byName));
    }
  }
  return out;
}

function toolName(kw: Map<string, Node> | null): string | undefined {
  const name = kw?.get("name");
  return name ? (stringContent(name) ?? undefined) : undefined;
}

const repoGuarded = new WeakMap<RepoView, boolean>();
/** Whether any code of the repo switches on a framework's human-in-the-loop step before tools run. */
export function hasRepoGuard(repo: RepoView): boolean {
  let guarded = repoGuarded.get(repo);
  if (guarded === undefined) {
    guarded = repo.files.some(
      (f) => f.language !== "markdown" && f.language !== "text" && REPO_GUARD.test(f.text),
    );
    repoGuarded.set(repo, guarded);
  }
  return guarded;
}

/**
 * Tool functions whose arguments come straight from the model with nothing in between: no confirmation, allow-list
 * or sandbox in the tool, no human-in-the-loop step in the repo. Keyed by the function node's id.
 */
export function unguardedTools(tree: Syntax, repo: RepoView): Map<number, { fn: Node; name: string }> {
  if (hasRepoGuard(repo)) return new Map();
  const tools = toolFunctions(tree, functionsByName(tree));
  for (const [id, { fn }] of tools) if (LOCAL_GUARD.test(fn.text)) tools.delete(id);
  return tools;
}
