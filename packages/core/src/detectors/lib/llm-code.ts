// Questions the llm-reliability, llm-mechanics and system-design rules ask of a syntax tree: which calls reach a
// model, what a string literal says, which loop or function a node sits in.

import { FUNCTION_TYPES, keywordArguments, type Syntax } from "../../parse/syntax.js";
import type { Node } from "../../parse/tree-sitter.js";
import type { SourceFile } from "../../snapshot/types.js";
import type { RepoView } from "../repo-view.js";
import { perFileForReview, perRepo } from "./memo.js";
import { literalGate } from "./needles.js";

/** Calls that ask a model for a completion (OpenAI, Anthropic, Gemini, Mistral, Ollama, LiteLLM, Vercel AI SDK). */
const MODEL_CALL =
  /(^|\.)(ChatCompletion\.a?create|Completion\.a?create|chat\.completions\.(create|parse|stream)|completions\.create|responses\.(create|parse|stream)|messages\.(create|stream)|generate_content(_async)?|generateContent(Stream)?|chat\.complete(_async)?|chat\.stream)$|^(ollama|client|co|cohere)\.(chat|generate)$|^(litellm\.)?a?completion$|^(generateText|streamText|generateObject|streamObject)$/;
/** LangChain's `invoke` is a model call when the receiver is named like a model, chain or agent. */
const LANGCHAIN_CALL = /(^|\.)[\w]*(llm|model|chat|chain|agent|gpt|claude|gemini)[\w]*\.(a?invoke|predict)$/i;

/**
 * Whether a dotted call name (from `calls()`) asks a model for a completion. Given the call node, `messages.create`
 * must also name a `model` (Anthropic's does; Twilio's `client.messages.create(body=..., to=...)` sends an SMS).
 */
export function isModelCall(name: string, node?: Node): boolean {
  if (!MODEL_CALL.test(name) && !LANGCHAIN_CALL.test(name)) return false;
  if (!node || !/(^|\.)messages\.(create|stream)$/.test(name)) return true;
  const kwargs = keywordArguments(node);
  return kwargs === null || kwargs.has("model");
}

/** Hosts and paths of model APIs (hosted providers, Ollama's default port, any OpenAI-compatible server). */
export const LLM_URL =
  /\b(api\.openai\.com|[\w-]+\.openai\.azure\.com|api\.anthropic\.com|generativelanguage\.googleapis\.com|api\.mistral\.ai|api\.groq\.com|api\.cohere\.(?:ai|com)|api\.together\.(?:xyz|ai)|openrouter\.ai|api\.deepseek\.com|api-inference\.huggingface\.co|router\.huggingface\.co|api\.perplexity\.ai|api\.fireworks\.ai|api\.x\.ai|(?:localhost|127\.0\.0\.1|0\.0\.0\.0):11434)|(\/chat\/completions)\b/;

/** Most files hold none of LLM_URL's hosts: they are spared its many alternatives tried at every position. */
const LLM_URL_GATE = literalGate(LLM_URL);

/** `LLM_URL.test(text)`, fast on the many files that mention no model API. */
export const mentionsLlmUrl = (source: string | SourceFile): boolean => LLM_URL_GATE.test(source);

/** `mentionsLlmUrl` of a file's text, worked out once per file (several rules ask). */
export const fileMentionsLlmUrl = (file: SourceFile): boolean =>
  perFileForReview(file, "mentions-llm-url", () => mentionsLlmUrl(file));

/** Model calls as text, for code the rule has no tree of (another file of the repo). */
export const MODEL_CALL_TEXT =
  /(\bChatCompletion\.a?create|\.chat\.completions\.(?:create|parse|stream)|\.responses\.(?:create|parse|stream)|\.messages\.(?:create|stream)(?=\s*\([^)]*\bmodel\s*[=:])|\.generate_content(?:_async)?|\.generateContent(?:Stream)?|\bgenerateText|\bstreamText|\bgenerateObject|\bstreamObject|\bollama\.(?:chat|generate)|\blitellm\.a?completion)\s*\(/;

/** Calls that turn text into vectors and accept a list of inputs. */
const EMBEDDING_CALL =
  /(^|\.)(embeddings\.create|a?embed_documents|a?embed_query|embedDocuments|embedQuery|embed_content|embedContent|embedMany)$|^(ollama\.embed(dings)?|embed)$/;

export function isEmbeddingCall(name: string): boolean {
  return EMBEDDING_CALL.test(name);
}

const STRING_TYPES = new Set(["string", "template_string", "concatenated_string"]);

/** Whether the node is a string literal (Python string or f-string, JS string or template). */
export const isString = (node: Node): boolean => STRING_TYPES.has(node.type);

/** Whether the string has `{...}` / `${...}` parts filled in at run time. */
export const hasInterpolation = (node: Node): boolean =>
  node.descendantsOfType(["interpolation", "template_substitution"]).length > 0;

/**
 * The text inside a string literal, without quotes or prefix; interpolations stay as written (`{name}`).
 * Null for anything that is not a string literal.
 */
export function stringContent(node: Node): string | null {
  if (node.type === "parenthesized_expression") {
    const inner = node.namedChildren.find((c) => c !== null && c.type !== "comment");
    return inner ? stringContent(inner) : null;
  }
  if (node.type === "concatenated_string") {
    return node.namedChildren.map((c) => (c ? (stringContent(c) ?? "") : "")).join("");
  }
  if (node.type !== "string" && node.type !== "template_string") return null;
  const m = /^[A-Za-z]*("""|'''|"|'|`)([\s\S]*)\1$/.exec(node.text);
  return m ? m[2]! : null;
}

/** Text made safe to put inside a regular expression. */
export const escapeRegExp = (s: string): string => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

/** A number literal's value (Python int/float, JS number), or null. */
export function numberValue(node: Node): number | null {
  if (node.type === "unary_operator" || node.type === "unary_expression") {
    const operand = node.namedChildren[0];
    const value = operand ? numberValue(operand) : null;
    return value === null ? null : node.text.trimStart().startsWith("-") ? -value : value;
  }
  if (node.type !== "integer" && node.type !== "float" && node.type !== "number") return null;
  const value = Number(node.text.replace(/_/g, ""));
  return Number.isFinite(value) ? value : null;
}

const LOOP_TYPES = [
  "for_statement",
  "while_statement",
  "for_in_statement",
  "do_statement",
  "list_comprehension",
  "generator_expression",
  "set_comprehension",
  "dictionary_comprehension",
];

/** The function (def, lambda, arrow, method) a node sits in, or null at module level. */
export function enclosingFunction(node: Node): Node | null {
  for (let n = node.parent; n; n = n.parent) if (FUNCTION_TYPES.has(n.type)) return n;
  return null;
}

/** The loops around a node inside its own function, innermost first. */
export function enclosingLoops(node: Node): Node[] {
  const out: Node[] = [];
  for (let n = node.parent; n; n = n.parent) {
    if (FUNCTION_TYPES.has(n.type)) break;
    if (LOOP_TYPES.includes(n.type)) out.push(n);
  }
  return out;
}

/** Whether `inner` is `outer` or sits inside it. */
export function within(inner: Node, outer: Node): boolean {
  return inner.startIndex >= outer.startIndex && inner.endIndex <= outer.endIndex;
}

/** Whether `node` sits in `scope` without a function definition between them (its code runs when the scope does). */
export function directlyWithin(node: Node, scope: Node): boolean {
  for (let n = node.parent; n; n = n.parent) {
    if (n.id === scope.id) return true;
    if (FUNCTION_TYPES.has(n.type)) return false;
  }
  return false;
}

/**
 * Names bound to a string literal anywhere in the file (`PROMPT = "..."`, `const URL = "..."`), so a rule can read
 * what a call's argument says when it passes a name. A name bound twice keeps both texts, joined.
 */
export function stringBindings(syntax: Syntax): Map<string, string> {
  const out = new Map<string, string>();
  const query =
    syntax.grammar === "python"
      ? "(assignment left: (identifier) @name right: (_) @value)"
      : "(variable_declarator name: (identifier) @name value: (_) @value)";
  for (const match of syntax.matches(query)) {
    const name = match.captures.find((c) => c.name === "name")?.node;
    const value = match.captures.find((c) => c.name === "value")?.node;
    if (!name || !value) continue;
    const text = stringContent(value);
    if (text === null) continue;
    const previous = out.get(name.text);
    out.set(name.text, previous === undefined ? text : `${previous}\n${text}`);
  }
  return out;
}

export interface Binding {
  name: string;
  value: Node;
  /** The function the binding sits in; null at module level. */
  scope: Node | null;
}

/** Every `name = value` (Python) and `const name = value` / `name = value` (JS/TS) in the file. */
export function bindings(syntax: Syntax): Binding[] {
  const query =
    syntax.grammar === "python"
      ? "(assignment left: (identifier) @name right: (_) @value)"
      : "[(variable_declarator name: (identifier) @name value: (_) @value) (assignment_expression left: (identifier) @name right: (_) @value)]";
  const out: Binding[] = [];
  for (const match of syntax.matches(query)) {
    const name = match.captures.find((c) => c.name === "name")?.node;
    const value = match.captures.find((c) => c.name === "value")?.node;
    if (name && value) out.push({ name: name.text, value, scope: enclosingFunction(value) });
  }
  return out;
}

/**
 * The values an identifier used at `at` may hold: the bindings of that name in the same function, or, when the
 * function binds none, the module-level ones.
 */
export function valuesOf(name: string, at: Node, all: readonly Binding[]): Node[] {
  const scope = enclosingFunction(at);
  const local = all.filter((b) => b.name === name && scope !== null && b.scope?.id === scope.id);
  if (local.length > 0) return local.map((b) => b.value);
  return all.filter((b) => b.name === name && b.scope === null).map((b) => b.value);
}

/**
 * The strings in a node, following the identifiers in it to their values (two steps deep); a name bound nowhere in
 * the file is looked up in `external` (strings imported from other files).
 */
export function resolvedStrings(
  node: Node,
  all: readonly Binding[],
  depth = 2,
  external: ReadonlyMap<string, string> = new Map(),
): string {
  const parts: string[] = [];
  const literals = node.descendantsOfType(["string", "template_string"]);
  if (isString(node)) literals.push(node);
  for (const literal of literals) {
    const text = literal ? stringContent(literal) : null;
    if (text !== null) parts.push(text);
  }
  if (depth > 0) {
    const names = /identifier$/.test(node.type) ? [node] : node.descendantsOfType("identifier");
    for (const name of names) {
      if (!name) continue;
      const values = valuesOf(name.text, name, all);
      for (const value of values) parts.push(resolvedStrings(value, all, depth - 1, external));
      if (values.length === 0) parts.push(external.get(name.text) ?? "");
    }
  }
  return parts.filter((p) => p !== "").join("\n");
}

/** The text of every string in a node, plus the strings its identifiers are bound to in the file. */
export function stringsIn(node: Node, bindings: ReadonlyMap<string, string>): string {
  const parts: string[] = [];
  const literals = node.descendantsOfType(["string", "template_string"]);
  if (isString(node)) literals.push(node);
  for (const literal of literals) {
    const text = literal ? stringContent(literal) : null;
    if (text !== null) parts.push(text);
  }
  const names = node.type === "identifier" ? [node] : node.descendantsOfType("identifier");
  for (const name of names) {
    const bound = name ? bindings.get(name.text) : undefined;
    if (bound !== undefined) parts.push(bound);
  }
  return parts.join("\n");
}

/**
 * Names of the functions in this file that call a model themselves (an SDK call, or raw HTTP to a model API):
 * a call to one of them is a model call one step removed.
 */
export function modelCallers(
  _root: Node,
  allCalls: readonly { node: Node; name: string }[],
  all: readonly Binding[] | (() => readonly Binding[]) = [],
): Set<string> {
  const out = new Set<string>();
  let binds: readonly Binding[] | null = typeof all === "function" ? null : all;
  const resolved = () => {
    binds ??= (all as () => readonly Binding[])();
    return binds;
  };
  for (const { node, name } of allCalls) {
    if (!isModelCall(name, node) && !(HTTP_CALL.test(name) && postsToModelApi(node, resolved()))) continue;
    const fn = enclosingFunction(node);
    const fnName = fn ? functionName(fn) : null;
    if (fnName) out.add(fnName);
  }
  return out;
}

/** A function's own name, or the name of the variable an arrow function or function expression is bound to. */
export function functionName(fn: Node): string | null {
  const own = fn.childForFieldName("name")?.text;
  if (own) return own;
  return fn.parent?.type === "variable_declarator"
    ? (fn.parent.childForFieldName("name")?.text ?? null)
    : null;
}

const HTTP_CALL =
  /^(requests\.(post|request)|httpx\.(post|request)|fetch|axios(\.(post|request))?|[\w.]*session\.post|[\w.]*client\.post)$/i;

/** Whether an HTTP call's URL is a model API's (written in the call or held in a name). */
function postsToModelApi(call: Node, all: readonly Binding[]): boolean {
  const url = call.childForFieldName("arguments")?.namedChildren[0];
  return url !== null && url !== undefined && LLM_URL.test(resolvedStrings(url, all));
}

/** Whether the repo talks to a model: an LLM library is imported, or code calls a model API over HTTP. */
export const callsLlm = (repo: RepoView): boolean =>
  perRepo(
    repo,
    "calls-llm",
    () => repo.usesLlm() || repo.files.some((f) => CODE_FILE.test(f.path) && fileMentionsLlmUrl(f)),
  );

/**
 * Whether every code file of the repo was read. In PR mode only the changed files are: a rule that needs to know
 * something is absent everywhere (no rate limiter, no saved index) cannot know it then, and stays quiet.
 */
export function seesWholeRepo(repo: RepoView): boolean {
  if (repo.snapshot.changes === null) return true;
  const known = new Set([...repo.files.map((f) => f.path), ...repo.snapshot.skipped.map((s) => s.path)]);
  return repo.paths.every((p) => !CODE_FILE.test(p) || known.has(p));
}

const CODE_FILE = /\.(py|ipynb|[cm]?[jt]sx?)$/;

/** Whether the path is a test file or sits in a tests folder. */
export { isTestPath } from "../repo-view.js";
