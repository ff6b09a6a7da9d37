// security/user-input-in-system-prompt: what a user typed is written into the system prompt (prompt injection).
import type { Syntax } from "../../../parse/syntax.js";
import { callName, calls, keywordArguments, lineOf, positionalArguments } from "../../../parse/syntax.js";
import type { Node } from "../../../parse/tree-sitter.js";
import { callsLlm, fileMentionsLlmUrl, isModelCall, stringContent } from "../../lib/llm-code.js";
import { INJECTED, isRouteHandler, repoFlow } from "../../lib/repo-flow.js";
import { isUserInput, USER_TEXT_NAME } from "../../lib/taint-sources.js";
import { ownDescendants, parametersOf, patternNames, scopeOf, ValueFlow } from "../../lib/value-flow.js";
import { isTestPath, LLM_LIBRARIES } from "../../repo-view.js";
import type { FileDetector, RawFinding } from "../../types.js";

const SYSTEM_ROLES = new Set(["system", "developer"]);
/** Keyword arguments (Python) and option keys (JS) that carry the system prompt. */
const SYSTEM_KEYS = new Set([
  "system",
  "instructions",
  "system_prompt",
  "system_instruction",
  "system_message",
  "systemPrompt",
  "systemInstruction",
  "systemMessage",
]);
/** Attributes of a request object or schema that hold the user's text: `body.question`, `req.message`. */
const USER_FIELD = /^(question|query|message|user_input|user_message|user_query|userInput|userMessage)$/;
/** `message` and `msg` also name a helper's argument; they count only in a function that calls the model. */
const AMBIGUOUS_NAME = /^(message|msg)$/;
/**
 * A playground where the user sets the system prompt on purpose (`st.text_area("System prompt")`, a `system_prompt`
 * field of the request): the user already owns the instructions, so there is nothing to inject.
 */
const CHOSEN_SYSTEM_PROMPT = /system|instruction/i;
/** A function that builds the system prompt takes its parts as arguments: those are not the user's words. */
const BUILDS_SYSTEM_PROMPT = /system|instruction|persona/i;
/** Calls of such a builder (`systemPrompt(name, city)`, `build_prompt(q)`): what goes in comes out in the prompt. */
const PROMPT_BUILDER_CALL = /(^|\.)\w*(prompt|system|instruction|persona)\w*$/i;

const keyOf = (pair: Node): string | null => {
  const key = pair.childForFieldName("key");
  if (!key) return null;
  return (
    stringContent(key) ?? (key.type === "property_identifier" || key.type === "identifier" ? key.text : null)
  );
};

const pairsOf = (container: Node): Node[] =>
  container.namedChildren.filter((c): c is Node => c !== null && c.type === "pair");

/** The expressions that become a system prompt: `{"role": "system", "content": X}`, `system=X`, `SystemMessage(X)`. */
function systemContents(tree: Syntax): Node[] {
  const out: Node[] = [];
  const containers = tree.grammar === "python" ? "(dictionary) @d" : "(object) @d";
  for (const { node } of tree.captures(containers)) {
    const pairs = pairsOf(node);
    const role = pairs.find((p) => keyOf(p) === "role")?.childForFieldName("value");
    const roleText = role ? stringContent(role) : null;
    if (roleText === null || !SYSTEM_ROLES.has(roleText)) continue;
    const content = pairs.find((p) => keyOf(p) === "content")?.childForFieldName("value");
    if (content) out.push(content);
  }
  // The body of a raw HTTP request to a model API: `{"model": ..., "system": X, "messages": [...]}`.
  for (const { node } of tree.captures(containers)) {
    const pairs = pairsOf(node);
    if (!pairs.some((p) => keyOf(p) === "messages")) continue;
    const system = pairs.find((p) => SYSTEM_KEYS.has(keyOf(p) ?? ""))?.childForFieldName("value");
    if (system) out.push(system);
  }
  const tuples = tree.grammar === "python" ? "(tuple) @t" : "(array) @t";
  for (const { node } of tree.captures(tuples)) {
    const items = node.namedChildren.filter((c): c is Node => c !== null && c.type !== "comment");
    if (items.length === 2 && SYSTEM_ROLES.has(stringContent(items[0]!) ?? "")) out.push(items[1]!);
  }
  for (const { node, name } of calls(tree)) {
    if (/(^|\.)SystemMessage$/.test(name)) {
      const first = positionalArguments(node)[0];
      const content =
        keywordArguments(node)?.get("content") ?? (first?.type === "object" ? undefined : first);
      if (content) out.push(content);
      continue;
    }
    const kw = keywordArguments(node);
    for (const [key, value] of kw ?? []) if (SYSTEM_KEYS.has(key)) out.push(value);
  }
  return out;
}

const short = (text: string): string => `\`${text.length > 40 ? `${text.slice(0, 40)}…` : text}\``;

/** How to name where the text came from, without repeating more than a short expression. */
function describe(source: Node, content: Node, flow: ValueFlow, caller: string | undefined): string {
  if (caller !== undefined) {
    const name = patternNames(source)[0]?.text ?? source.text;
    return `${short(name)}, passed in from the request handled in \`${caller}\``;
  }
  const origin =
    source.type === "call" || source.type === "call_expression"
      ? `${callName(source) ?? "input"}()`
      : (patternNames(source).find((n) => USER_TEXT_NAME.test(n.text))?.text ??
        /^[\w.]+/.exec(source.text)?.[0] ??
        source.text);
  // The name written into the prompt, when it differs from where it came from: `persona` (from `req.body`).
  const names = content.type === "identifier" ? [] : content.descendantsOfType("identifier");
  const via = names.find((n) => n !== null && flow.sourceOf(n)?.id === source.id);
  return via && via.text !== origin ? `${short(via.text)}, from ${short(origin)}` : short(origin);
}

export const userInputInSystemPrompt: FileDetector = {
  scope: "file",
  languages: ["python", "javascript", "typescript"],
  prefilter: /system|instructions|SystemMessage|developer/,
  meta: {
    id: "security/user-input-in-system-prompt",
    area: "security",
    level: "actionable",
    title: "What a user types is written into the system prompt",
    why: "The system prompt carries the most authority in a conversation: models follow it over the user's messages. Pasting user text into it lets anyone rewrite the assistant's rules with a line like 'ignore the instructions above' (prompt injection). User text belongs in a user message, where the system prompt can still constrain it.",
    tryThis:
      "Keep the system prompt a fixed string, and send the user's words as a separate message with role `user`; then try an input that says 'ignore all previous instructions' and check the assistant keeps its rules.",
    learnMore: [
      "https://genai.owasp.org/llmrisk/llm01-prompt-injection/",
      "https://cheatsheetseries.owasp.org/cheatsheets/LLM_Prompt_Injection_Prevention_Cheat_Sheet.html",
    ],
    example: {
      language: "python",
      file: "bot.py",
      bad: 'messages = [{"role": "system", "content": f"You answer questions about {question}"}]',
      good: 'messages = [\n    {"role": "system", "content": "You answer questions about our product manual."},\n    {"role": "user", "content": question},\n]',
    },
    goal: "Keep user text out of every system prompt, and add a test that an input saying 'ignore previous instructions' does not change the assistant's rules",
  },
  // A model SDK, or raw HTTP to a model API (`requests.post("https://api.anthropic.com/v1/messages", ...)`).
  applies: (repo) => callsLlm(repo),
  async check(file, { repo, syntax }) {
    if (isTestPath(file.path) || !(repo.fileImports(file, LLM_LIBRARIES) || fileMentionsLlmUrl(file)))
      return [];
    const tree = syntax();
    if (!tree) return [];
    const contents = systemContents(tree);
    if (contents.length === 0) return [];
    // Parameters that a web route elsewhere fills with what the client sent.
    const across = tree.grammar === "python" ? await repoFlow(repo) : null;
    const callers = new Map<number, string>();

    const flows = new Map<number, ValueFlow>();
    const flowFor = (node: Node): ValueFlow => {
      const scope = scopeOf(node);
      let flow = flows.get(scope.id);
      if (flow) return flow;
      const params = new Set(parametersOf(scope).flatMap((p) => p.names.map((n) => n.text)));
      const fnName = scope.childForFieldName("name")?.text ?? "";
      const callsModel = ownDescendants(scope, ["call", "call_expression"]).some((n) =>
        isModelCall(callName(n) ?? ""),
      );
      const fromRoute = across?.userParams(fnName) ?? new Map<string, string>();
      const route = tree.grammar === "python" && isRouteHandler(scope);
      const userParam = (name: string, param: Node) => {
        if (BUILDS_SYSTEM_PROMPT.test(fnName)) return false;
        // A web route's parameters are what the client sent (not those the framework injects).
        if (route && !INJECTED.test(param.text)) return true;
        const caller = fromRoute.get(name);
        if (caller !== undefined) {
          callers.set(param.id, caller);
          return true;
        }
        return USER_TEXT_NAME.test(name) && (!AMBIGUOUS_NAME.test(name) || callsModel);
      };
      flow = new ValueFlow(scope, {
        isSource: (n) => {
          if (isUserInput(n)) return true;
          if (n.type !== "attribute" && n.type !== "member_expression") return false;
          const object = n.childForFieldName("object");
          const field = (n.childForFieldName("attribute") ?? n.childForFieldName("property"))?.text ?? "";
          return (
            object?.type === "identifier" &&
            params.has(object.text) &&
            USER_FIELD.test(field) &&
            !BUILDS_SYSTEM_PROMPT.test(fnName)
          );
        },
        isSourceParameter: userParam,
        carries: (name) => PROMPT_BUILDER_CALL.test(name),
      });
      flows.set(scope.id, flow);
      return flow;
    };

    const found: RawFinding[] = [];
    const seen = new Set<number>();
    for (const content of contents) {
      if (seen.has(content.id)) continue;
      seen.add(content.id);
      const flow = flowFor(content);
      const source = flow.sourceOf(content);
      if (!source || CHOSEN_SYSTEM_PROMPT.test(source.text)) continue;
      const what = describe(source, content, flow, callers.get(source.id));
      found.push({
        file: file.path,
        line: lineOf(content),
        message: `What the user sent (${what}) is written into the system prompt, so a user can rewrite the assistant's instructions.`,
      });
    }
    return found.sort((a, b) => (a.line ?? 0) - (b.line ?? 0));
  },
};
