// llm-reliability/raw-http-without-timeout: a hand-written HTTP request to a model API that can wait forever.
import { calls, keywordArguments, lineOf, positionalArguments } from "../../../parse/syntax.js";
import type { Node } from "../../../parse/tree-sitter.js";
import {
  type Binding,
  bindings,
  fileMentionsLlmUrl,
  LLM_URL,
  resolvedStrings,
  valuesOf,
} from "../../lib/llm-code.js";
import type { FileDetector, RawFinding } from "../../types.js";

// `requests` has no default timeout. httpx (5 s) and aiohttp (5 min) have one, so they are left alone.
const REQUESTS_POST = /^requests\.(post|request)$/;

export const rawHttpWithoutTimeout: FileDetector = {
  scope: "file",
  languages: ["python", "javascript", "typescript"],
  meta: {
    id: "llm-reliability/raw-http-without-timeout",
    area: "llm-reliability",
    level: "actionable",
    title: "A model API is called over raw HTTP with no timeout",
    why: "Model APIs sometimes stall: a slow region, an overloaded local model, a dropped connection. `requests` has no default timeout and `fetch` has no timeout option (Node gives up only after minutes), so one stalled call can hang a script or hold a web request open until the user gives up. The official SDKs set a timeout and retry for you; raw HTTP calls need both written by hand.",
    tryThis:
      "Give the call a timeout (`timeout=60` for `requests`, `signal: AbortSignal.timeout(60_000)` for `fetch`, `timeout: 60_000` for axios) and catch the timeout error to show a clear message; or switch to the provider's SDK, which times out and retries by default.",
    learnMore: [
      "https://requests.readthedocs.io/en/latest/user/advanced/#timeouts",
      "https://developer.mozilla.org/en-US/docs/Web/API/AbortSignal/timeout_static",
    ],
    example: {
      language: "python",
      file: "bot.py",
      bad: 'response = requests.post(\n    "https://api.openai.com/v1/chat/completions",\n    headers=headers,\n    json=payload,\n)',
      good: 'response = requests.post(\n    "https://api.openai.com/v1/chat/completions",\n    headers=headers,\n    json=payload,\n    timeout=60,  # seconds; raises requests.Timeout instead of waiting forever\n)',
    },
    goal: "Give every HTTP call to a model API a timeout and handle the timeout error with a clear message",
  },
  check(file, { syntax }) {
    if (!fileMentionsLlmUrl(file)) return [];
    const tree = syntax();
    if (!tree) return [];
    const all = bindings(tree);
    const sessions = new Set(
      all.filter((b) => /^requests\.Session\(\)$/.test(b.value.text)).map((b) => b.name),
    );
    if (tree.grammar === "python") {
      // `with requests.Session() as s:`
      for (const m of tree.matches(
        "(as_pattern (call) @call alias: (as_pattern_target (identifier) @name))",
      )) {
        if (/^requests\.Session\(/.test(m.captures[0]!.node.text)) sessions.add(m.captures[1]!.node.text);
      }
    }
    const axiosDefaults = /axios\.defaults\.timeout\s*=/.test(file.text);
    const found: RawFinding[] = [];
    for (const { node, name } of calls(tree)) {
      const problem =
        tree.grammar === "python"
          ? pythonProblem(node, name, sessions)
          : jsProblem(node, name, all, axiosDefaults);
      if (!problem) continue;
      const host = llmUrlIn(problem.url, all);
      if (!host) continue;
      found.push({
        file: file.path,
        line: lineOf(node),
        message: `\`${name}\` to \`${host}\` ${problem.missing}, so a stalled request is not cut off.`,
      });
    }
    return found;
  },
};

interface Problem {
  /** The node that holds the URL. */
  url: Node;
  missing: string;
}

function pythonProblem(call: Node, name: string, sessions: ReadonlySet<string>): Problem | null {
  const [receiver, method] = [name.slice(0, name.lastIndexOf(".")), name.slice(name.lastIndexOf(".") + 1)];
  const isRequests = REQUESTS_POST.test(name) || (sessions.has(receiver) && /^(post|request)$/.test(method));
  const isUrlopen = /^(urllib\.request\.)?urlopen$/.test(name);
  if (!isRequests && !isUrlopen) return null;
  const kwargs = keywordArguments(call);
  if (!kwargs || kwargs.has("timeout")) return null;
  const positional = positionalArguments(call);
  if (isUrlopen && positional.length >= 3) return null; // urlopen(url, data, timeout)
  const url =
    method === "request" && !isUrlopen
      ? (kwargs.get("url") ?? positional[1])
      : (kwargs.get("url") ?? positional[0]);
  return url ? { url, missing: "has no `timeout`" } : null;
}

function jsProblem(
  call: Node,
  name: string,
  all: readonly Binding[],
  axiosDefaults: boolean,
): Problem | null {
  const positional = positionalArguments(call);
  if (name === "fetch") {
    const [url, options] = positional;
    if (!url || !options) return null; // a bare GET (listing models, a health check) is not a generation call
    const object = objectLiteral(options, all);
    if (!object) return null;
    const keys = objectKeys(object);
    if (keys === null || keys.has("signal")) return null;
    const sends = keys.has("body") || /method\s*:\s*["'`]POST/i.test(object.text);
    return sends ? { url, missing: "sets no `signal` (fetch has no timeout option)" } : null;
  }
  if (/^axios\.(post|request)$|^axios$/.test(name) && !axiosDefaults) {
    const single = name === "axios" || name === "axios.request";
    const config = single ? positional[0] : positional[2];
    if (!config)
      return single
        ? null
        : { url: positional[0]!, missing: "has no `timeout` (axios waits forever by default)" };
    const object = objectLiteral(config, all);
    const keys = object ? objectKeys(object) : null;
    if (!object || keys === null || keys.has("timeout") || keys.has("signal")) return null;
    const url = single ? propertyValue(object, "url") : positional[0];
    return url ? { url, missing: "has no `timeout` (axios waits forever by default)" } : null;
  }
  if (name === "axios.create" && !axiosDefaults) {
    const object = positional[0] ? objectLiteral(positional[0], all) : null;
    const keys = object ? objectKeys(object) : null;
    if (!object || keys === null || keys.has("timeout") || keys.has("signal")) return null;
    const url = propertyValue(object, "baseURL");
    return url ? { url, missing: "has no `timeout` (axios waits forever by default)" } : null;
  }
  return null;
}

/** The object literal a node is, or the one it is bound to in the same scope; null when unknown. */
function objectLiteral(node: Node, all: readonly Binding[]): Node | null {
  if (node.type === "object") return node;
  if (node.type !== "identifier") return null;
  const values = valuesOf(node.text, node, all);
  return values.length === 1 && values[0]!.type === "object" ? values[0]! : null;
}

/** Property names of an object literal; null when it spreads another object (its keys are unknowable). */
function objectKeys(object: Node): Set<string> | null {
  const keys = new Set<string>();
  for (const prop of object.namedChildren) {
    if (!prop) continue;
    if (prop.type === "spread_element") return null;
    if (prop.type === "pair")
      keys.add((prop.childForFieldName("key")?.text ?? "").replace(/^["']|["']$/g, ""));
    else if (prop.type === "shorthand_property_identifier") keys.add(prop.text);
  }
  return keys;
}

function propertyValue(object: Node, key: string): Node | null {
  for (const prop of object.namedChildren) {
    if (prop?.type === "pair" && prop.childForFieldName("key")?.text.replace(/^["']|["']$/g, "") === key)
      return prop.childForFieldName("value");
    if (prop?.type === "shorthand_property_identifier" && prop.text === key) return prop;
  }
  return null;
}

/** The model API host the URL names, following names to the strings they hold; null when it names none. */
function llmUrlIn(url: Node, all: readonly Binding[]): string | null {
  const m = LLM_URL.exec(resolvedStrings(url, all));
  if (!m) return null;
  return m[1] ?? m[2]!;
}
