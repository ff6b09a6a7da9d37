// llm-mechanics/unbounded-chat-history: a conversation list that grows every turn and is sent whole to the model.
import { calls, keywordArguments, lineOf, positionalArguments } from "../../../parse/syntax.js";
import type { Node } from "../../../parse/tree-sitter.js";
import {
  bindings,
  callsLlm,
  directlyWithin,
  enclosingFunction,
  escapeRegExp,
  isModelCall,
  modelCallers,
  within,
} from "../../lib/llm-code.js";
import { importedModelFunctions } from "../../lib/model-imports.js";
import { outsideTests } from "../../repo-view.js";
import type { FileDetector, RawFinding } from "../../types.js";

/** Anything in the file that counts tokens, trims, windows or summarises the history: the learner thought of it. */
const LIMITED =
  /tiktoken|count_tokens|num_tokens|token_count|countTokens|get_num_tokens|trim_messages|trimMessages|max_history|MAX_HISTORY|history_limit|maxlen|max_turns|MAX_TURNS|summari[sz]e_?(the_?)?(history|conversation|chat|messages|memory|turns)|ConversationSummary|WindowMemory|context_window|max_context|MAX_CONTEXT/i;
const GROW_METHODS = /^(append|extend|push|insert|unshift)$/;
const SESSION = /^(st\.)?session_state\./;
/** A loop that feeds tool results back to the model, and one that reads what the user types next. */
const TOOL_TURN =
  /tool_calls|tool_call_id|toolCalls|ToolMessage|function_call|["']role["']\s*:\s*["']tool["']/;
const USER_TURN = /\binput\s*\(|chat_input|\.question\(|Prompt\.ask|click\.prompt|readline/;

export const unboundedChatHistory: FileDetector = {
  scope: "file",
  languages: ["python", "javascript", "typescript"],
  prefilter: /\.(append|extend|push)\(|\+=|\.\.\./,
  appliesToPath: outsideTests,
  applies: (repo) => callsLlm(repo),
  meta: {
    id: "llm-mechanics/unbounded-chat-history",
    area: "llm-mechanics",
    level: "actionable",
    title: "The chat history grows every turn and is sent to the model whole",
    why: "A model reads the whole conversation on every call and bills every token of it. A history that only grows makes each turn slower and more expensive than the last, and a long chat ends with a context-length error. Chat apps keep a window: the system prompt, the last N turns, or a running summary of older ones.",
    tryThis:
      "Before each call, send the system message plus only the last 10 messages (`[system] + history[-10:]`), then count the tokens of a long conversation with `tiktoken` to see how close it came to the model's context window.",
    learnMore: [
      "https://platform.openai.com/docs/guides/conversation-state",
      "https://python.langchain.com/docs/how_to/trim_messages/",
    ],
    example: {
      language: "python",
      file: "chat.py",
      bad: 'while True:\n    messages.append({"role": "user", "content": input("> ")})\n    reply = client.chat.completions.create(model=MODEL, messages=messages)\n    messages.append(reply.choices[0].message)',
      good: 'MAX_TURNS = 10\nwhile True:\n    history.append({"role": "user", "content": input("> ")})\n    recent = [SYSTEM] + history[-MAX_TURNS:]\n    reply = client.chat.completions.create(model=MODEL, messages=recent)\n    history.append(reply.choices[0].message)',
    },
    goal: "Keep what is sent to the model within a fixed budget (the last N messages or a token count) however long the chat runs",
  },
  check(file, { repo, syntax }) {
    if (LIMITED.test(file.text)) return [];
    const tree = syntax();
    if (!tree) return [];
    const all = calls(tree);
    // The model calls first (cheap): most files send nothing to a model and stop here. The project's own wrappers
    // (`call_model(messages)`) send the list on to the model too.
    let lazyBinds: ReturnType<typeof bindings> | null = null;
    const binding = () => {
      lazyBinds ??= bindings(tree);
      return lazyBinds;
    };
    const wrappers = modelCallers(tree.root, all, binding);
    for (const name of importedModelFunctions(file, repo)) wrappers.add(name);
    const senders = all.filter(
      ({ node, name }) => isModelCall(name, node) || wrappers.has(name.replace(/^(self|this)\./, "")),
    );
    if (senders.length === 0) return [];
    const binds = binding();
    const assignments = tree.root
      .descendantsOfType(["assignment", "assignment_expression", "variable_declarator"])
      .filter((n): n is Node => n !== null);
    const growth: { node: Node; key: string }[] = [];
    for (const { node, name } of all) {
      const dot = name.lastIndexOf(".");
      const fn = node.childForFieldName("function");
      const object = fn?.childForFieldName("object");
      if (dot > 0 && GROW_METHODS.test(name.slice(dot + 1)) && object)
        growth.push({ node, key: keyOf(object) });
    }
    for (const n of tree.root.descendantsOfType([
      "augmented_assignment",
      "augmented_assignment_expression",
    ])) {
      const left = n?.childForFieldName("left");
      if (n && left && /^\+=$/.test(n.childForFieldName("operator")?.text ?? "+="))
        growth.push({ node: n, key: keyOf(left) });
    }
    for (const n of assignments) {
      const [left, right] = sides(n);
      // `messages = messages + [m]` or `messages = [...messages, m]`
      if (left && right && unslicedUses(right).includes(keyOf(left)))
        growth.push({ node: n, key: keyOf(left) });
    }
    if (growth.length === 0) return [];

    const found: RawFinding[] = [];
    for (const { node: call, name } of senders) {
      const wrapper = !isModelCall(name, call);
      const sent = sentHistory(call, wrapper);
      if (!sent) continue;
      for (const key of unslicedUses(sent, true)) {
        if (trimmed(file.text, key)) continue;
        const how = growsAcrossTurns(call, key, growth, assignments, binds);
        if (!how) continue;
        found.push({
          file: file.path,
          line: lineOf(call),
          message: `\`${key}\` ${how}, and the whole list is sent to the model each time.`,
        });
        break;
      }
    }
    return found;
  },
};

/** The argument that carries the conversation: `messages=`, `input=`, `contents=`, or LangChain's first argument. */
function sentHistory(call: Node, wrapper: boolean): Node | null {
  const kwargs = keywordArguments(call);
  if (!kwargs) return null;
  const named =
    kwargs.get("messages") ?? kwargs.get("input") ?? kwargs.get("contents") ?? kwargs.get("history");
  if (named) return named;
  const name = call.childForFieldName("function")?.text ?? "";
  return wrapper || /\.a?invoke$/.test(name) ? (positionalArguments(call)[0] ?? null) : null;
}

/** `st.session_state["messages"]` and `st.session_state.messages` are the same list. */
const keyOf = (node: Node): string => node.text.replace(/\s+/g, "").replace(/\[["'](\w+)["']\]/g, ".$1");

/** The lists a node sends whole: itself, or the parts spread or added into it; a slice sends only part. */
function unslicedUses(node: Node, sent = false): string[] {
  switch (node.type) {
    case "identifier":
    case "attribute":
    case "member_expression":
    case "shorthand_property_identifier":
      return [keyOf(node)];
    case "subscript":
    case "subscript_expression": {
      // `session_state["messages"]` is the list; `messages[-10:]` is a slice of it.
      const index = node.childForFieldName("subscript") ?? node.childForFieldName("index");
      return index && /^(string)$/.test(index.type) ? [keyOf(node)] : [];
    }
    case "list":
    case "array":
    case "binary_operator":
    case "binary_expression":
    case "parenthesized_expression":
    case "list_splat":
    case "spread_element":
      return node.namedChildren.flatMap((c) =>
        c &&
        (node.type.startsWith("binary") ||
          /splat|spread|parenthesized/.test(node.type) ||
          /splat|spread/.test(c.type))
          ? unslicedUses(c, sent)
          : [],
      );
    case "list_comprehension": {
      // Sent as `[{"role": m["role"], "content": m["content"]} for m in history]`: every message, reshaped.
      const clauses = node.namedChildren.filter((c): c is Node => c !== null && /clause$/.test(c.type));
      if (!sent || clauses.length !== 1 || clauses[0]!.type !== "for_in_clause") return [];
      const iterable = clauses[0]!.childForFieldName("right");
      return iterable ? unslicedUses(iterable, sent) : [];
    }
    case "call_expression": {
      // `history.map((m) => ...)` sends every message.
      const fn = node.childForFieldName("function");
      const object = fn?.type === "member_expression" ? fn.childForFieldName("object") : null;
      return sent && object && fn?.childForFieldName("property")?.text === "map"
        ? unslicedUses(object, sent)
        : [];
    }
    default:
      return [];
  }
}

/** Whether the file slices, pops or measures this list somewhere: it is kept in bounds. */
function trimmed(text: string, key: string): boolean {
  const name = key.slice(key.lastIndexOf(".") + 1).replace(/[^\w]/g, "");
  return new RegExp(
    String.raw`\b${name}["']?\]?\s*\[\s*-?[\w.]*\s*:|\bdel\s+[\w.\[\]"']*${name}|\b${name}["']?\]?\.(pop|popleft|shift|splice|slice|clear)\(|len\(\s*[\w.\[\]"']*${name}["']?\]?\s*\)|\b${name}\.length\s*[<>]`,
  ).test(text);
}

/**
 * How the list grows from one turn to the next, in words, or null when it does not: grown and sent in the same loop,
 * kept on the object or the Streamlit session across calls, or a module-level list grown inside the function that sends it.
 */
function growsAcrossTurns(
  call: Node,
  key: string,
  growth: readonly { node: Node; key: string }[],
  assignments: readonly Node[],
  binds: ReturnType<typeof bindings>,
): string | null {
  const grown = growth.filter((g) => g.key === key);
  if (grown.length === 0) return null;
  const resetsIn = (scope: Node) =>
    assignments.some((a) => {
      if (!within(a, scope)) return false;
      const [left, right] = sides(a);
      return left !== null && right !== null && keyOf(left) === key && !unslicedUses(right).includes(key);
    });

  if (SESSION.test(key)) return "grows with every message of the Streamlit session";
  const fn = enclosingFunction(call);
  for (let loop = call.parent; loop && loop.id !== fn?.id; loop = loop.parent) {
    if (!/^(while_statement|for_statement|for_in_statement)$/.test(loop.type)) continue;
    if (bounded(loop) || resetsIn(loop)) continue;
    if (!grown.some((g) => directlyWithin(g.node, loop))) continue;
    // An agent's tool loop over a list made fresh for one request grows by tool results, not by turns of a chat:
    // its length is the agent's step count (uncapped-agent-loop's concern), unless the user types inside the loop.
    if (fn && resetsIn(fn) && TOOL_TURN.test(loop.text) && !USER_TURN.test(loop.text)) continue;
    return "grows on every pass of this loop";
  }
  if (!fn) return null;
  if (!grown.some((g) => enclosingFunction(g.node)?.id === fn.id)) return null;
  if (/^(self|this)\./.test(key))
    return resetsIn(fn) ? null : "grows with every call (it is kept on the object)";
  const params = fn.childForFieldName("parameters") ?? fn.childForFieldName("parameter");
  const isParam = (name: string) =>
    params !== null && new RegExp(String.raw`\b${escapeRegExp(name)}\b`).test(params.text);
  const moduleLevel = (name: string) =>
    !isParam(name) &&
    binds.some((b) => b.name === name && b.scope === null) &&
    !binds.some((b) => b.name === name && b.scope?.id === fn.id);
  const root = rootOf(key);
  if (!root) return null;
  if (moduleLevel(root)) return resetsIn(fn) ? null : "grows with every call (it lives at module level)";
  // `history = sessions[session_id]`: a local name for a list kept in a module-level store.
  const local = binds.filter((b) => b.name === key && b.scope?.id === fn.id);
  if (local.length !== 1) return null;
  const value = local[0]!.value;
  const store = rootOf(value.text);
  const lookup =
    /subscript|member_expression|attribute/.test(value.type) ||
    /^[\w$]+\.(get|setdefault)\(/.test(value.text);
  return store && lookup && moduleLevel(store) ? `grows with every call (it is kept in \`${store}\`)` : null;
}

const rootOf = (text: string): string | null => /^[A-Za-z_$][\w$]*/.exec(text)?.[0] ?? null;

/** Left and right of `a = b`, `a = b` in JS, and `const a = b`. */
function sides(n: Node): [Node | null, Node | null] {
  return n.type === "variable_declarator"
    ? [n.childForFieldName("name"), n.childForFieldName("value")]
    : [n.childForFieldName("left"), n.childForFieldName("right")];
}

/** A loop with a fixed number of passes (`for i in range(10)`, `for (let i = 0; i < n; i++)`, `while step < 5`). */
function bounded(loop: Node): boolean {
  if (loop.type === "for_statement") {
    const right = loop.childForFieldName("right");
    if (right) return /^range\(/.test(right.text);
    return loop.childForFieldName("increment") !== null;
  }
  const condition = loop.childForFieldName("condition");
  return condition !== null && /[<>]/.test(condition.text);
}
