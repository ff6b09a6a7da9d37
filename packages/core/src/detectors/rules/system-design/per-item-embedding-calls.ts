// system-design/per-item-embedding-calls: an embedding API that takes a list is called once per item in a loop.
import { calls, keywordArguments, lineOf, positionalArguments } from "../../../parse/syntax.js";
import type { Node } from "../../../parse/tree-sitter.js";
import { bindings, isEmbeddingCall } from "../../lib/llm-code.js";
import type { FileDetector, RawFinding } from "../../types.js";

const FUNCTION_TYPES = new Set([
  "function_definition",
  "function_declaration",
  "method_definition",
  "lambda",
]);
/** A loop over batches already groups its items. */
const BATCH_NAME = /batch|group|slice|part|window|page/i;
/** `embed_query` embeds one text by design; in a loop over many, `embed_documents` is the batch call. */
const SINGLE_TEXT = /(^|\.)(a?embed_query|embedQuery)$/;

export const perItemEmbeddingCalls: FileDetector = {
  scope: "file",
  languages: ["python", "javascript", "typescript"],
  prefilter: /embed|SentenceTransformer/i,
  applies: (repo) => repo.usesRag() || repo.usesLlm(),
  meta: {
    id: "system-design/per-item-embedding-calls",
    area: "system-design",
    level: "actionable",
    title: "Texts are embedded one at a time in a loop",
    why: "Embedding APIs and models take a list of texts per call (OpenAI up to 2,048 inputs per request). One request per chunk multiplies the network round trips and the rate-limit hits: indexing 1,000 chunks takes 1,000 requests instead of 1 to 10. Local models batch on the GPU or CPU the same way.",
    tryThis:
      "Collect the texts first, embed them with one call per batch of about 100 (`client.embeddings.create(model=..., input=batch)`), and time the indexing of the same documents before and after.",
    learnMore: [
      "https://platform.openai.com/docs/api-reference/embeddings/create",
      "https://sbert.net/docs/sentence_transformer/usage/efficiency.html",
    ],
    example: {
      language: "python",
      file: "ingest.py",
      bad: "vectors = []\nfor chunk in chunks:\n    r = client.embeddings.create(model=EMBEDDING_MODEL, input=chunk)\n    vectors.append(r.data[0].embedding)",
      good: "vectors = []\nfor i in range(0, len(chunks), 100):\n    r = client.embeddings.create(model=EMBEDDING_MODEL, input=chunks[i : i + 100])\n    vectors.extend(item.embedding for item in r.data)",
    },
    goal: "Embed documents in batches (one API call per batch of texts) and report how long indexing takes",
  },
  check(file, { syntax }) {
    const tree = syntax();
    if (!tree) return [];
    const encoders = new Set(
      bindings(tree)
        .filter((b) =>
          /^(SentenceTransformer|sentence_transformers\.SentenceTransformer)\(/.test(b.value.text),
        )
        .map((b) => b.name),
    );
    const found: RawFinding[] = [];
    const all = calls(tree);
    const isEncoder = (name: string) =>
      /\.encode$/.test(name) && encoders.has(name.slice(0, -".encode".length));
    const helpers = oneTextHelpers(all, (name) => isEmbeddingCall(name) || isEncoder(name));
    for (const { node, name } of all) {
      const helper = helpers.get(name.replace(/^self\./, ""));
      if (helper) {
        // The project's own `embed(text)` that sends one text per request, called once per item.
        const loop = loopOf(node);
        if (!loop || loop.variables.length === 0 || loop.variables.some((v) => BATCH_NAME.test(v))) continue;
        const [first] = positionalArguments(node);
        const item = first ? oneItem(first, loop.variables, false) : null;
        if (!item) continue;
        found.push({
          file: file.path,
          line: lineOf(node),
          message: `\`${name}\` sends one text to \`${helper}\` and is called once per \`${item}\` inside a loop; one call can embed a whole batch.`,
        });
        continue;
      }
      const encoder = isEncoder(name);
      if (!isEmbeddingCall(name) && !encoder) continue;
      // A bare `embed(...)` is the AI SDK's only when it passes `value`; otherwise it is the project's own helper.
      if (name === "embed" && !keywordArguments(node)?.has("value")) continue;
      const loop = loopOf(node);
      if (!loop || loop.variables.length === 0 || loop.variables.some((v) => BATCH_NAME.test(v))) continue;
      const input = inputOf(node);
      const item = input ? oneItem(input, loop.variables, SINGLE_TEXT.test(name) || encoder) : null;
      if (!item) continue;
      found.push({
        file: file.path,
        line: lineOf(node),
        message: `\`${name}\` is called once per \`${item}\` inside a loop; one call can embed a whole batch.`,
      });
    }
    return found;
  },
};

/**
 * Functions of this file that embed the one text they are given (`def embed(text): return
 * client.embeddings.create(input=text)...`), by name, with the embedding call they make.
 */
function oneTextHelpers(
  found: readonly { node: Node; name: string }[],
  embeds: (name: string) => boolean,
): Map<string, string> {
  const helpers = new Map<string, string>();
  for (const { node, name } of found) {
    if (!embeds(name)) continue;
    let fn = node.parent;
    while (fn && !FUNCTION_TYPES.has(fn.type)) fn = fn.parent;
    const fnName = fn?.childForFieldName("name")?.text;
    if (!fn || !fnName || loopOf(node)) continue;
    const paramsNode = fn.childForFieldName("parameters");
    const params = names(paramsNode).filter((p) => p !== "self");
    const input = inputOf(node);
    if (!input || params.length === 0 || !oneItem(input, params, SINGLE_TEXT.test(name))) continue;
    // A parameter may hold one text or a list; only a text annotation or taking the first result says one.
    const oneText = /:\s*(str|string)\b/.test(paramsNode?.text ?? "") || /\[\s*0\s*\]/.test(fn.text);
    if (oneText) helpers.set(fnName, name);
  }
  return helpers;
}

/** The loop around a call (a `for`, a comprehension, or a `.map`/`.forEach` callback), with its loop variables. */
function loopOf(call: Node): { variables: string[] } | null {
  for (let n = call.parent; n; n = n.parent) {
    if (n.type === "for_statement" || n.type === "for_in_statement") {
      return { variables: names(n.childForFieldName("left")) };
    }
    if (/comprehension|generator_expression/.test(n.type)) {
      const clauses = n.namedChildren.filter((c): c is Node => c?.type === "for_in_clause");
      return { variables: clauses.flatMap((c) => names(c.childForFieldName("left"))) };
    }
    if (n.type === "arrow_function" || n.type === "function_expression") {
      // `texts.map(async (t) => embed(t))`
      const owner = n.parent?.parent;
      const method = owner?.type === "call_expression" ? owner.childForFieldName("function")?.text : "";
      if (!/\.(map|forEach|flatMap)$/.test(method ?? "")) return null;
      const params = n.childForFieldName("parameters") ?? n.childForFieldName("parameter");
      return { variables: params ? names(params).slice(0, 1) : [] };
    }
    if (FUNCTION_TYPES.has(n.type)) return null;
  }
  return null;
}

function names(node: Node | null): string[] {
  if (!node) return [];
  if (node.type === "identifier") return [node.text];
  return node.descendantsOfType(["identifier"]).flatMap((n) => (n ? [n.text] : []));
}

/** The texts argument: `input=`, `texts=`, `content=`, `prompt=`, `values`, or the first positional one. */
function inputOf(call: Node): Node | null {
  const kwargs = keywordArguments(call);
  const named = kwargs
    ? (kwargs.get("input") ??
      kwargs.get("texts") ??
      kwargs.get("content") ??
      kwargs.get("contents") ??
      kwargs.get("prompt") ??
      kwargs.get("values") ??
      kwargs.get("value") ??
      kwargs.get("sentences"))
    : undefined;
  return named ?? positionalArguments(call).find((a) => a.type !== "object") ?? null;
}

/** The item embedded alone: the loop variable (or a field of it), or the one element of a list; null otherwise. */
function oneItem(input: Node, variables: readonly string[], takesOneText: boolean): string | null {
  if (/^(list|array)$/.test(input.type)) {
    const items = input.namedChildren.filter((c): c is Node => c !== null && c.type !== "comment");
    if (items.length !== 1 || /splat|spread/.test(items[0]!.type)) return null;
    const root = /^[A-Za-z_$][\w$]*/.exec(items[0]!.text)?.[0];
    return root && variables.includes(root) ? root : null;
  }
  const root = /^[A-Za-z_$][\w$]*/.exec(input.text)?.[0];
  if (!root || !variables.includes(root)) return null;
  // `chunk`, `doc.page_content`, `row["text"]`: one item. `chunk.split()` or a slice is a list already.
  if (/\[[^\]]*:[^\]]*\]$|\.(split|slice|chunks?)\b/.test(input.text)) return null;
  return takesOneText || input.type !== "call" ? root : null;
}
