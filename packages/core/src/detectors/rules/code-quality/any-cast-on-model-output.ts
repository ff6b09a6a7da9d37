// code-quality/any-cast-on-model-output: TypeScript code casts a model's reply (or the JSON parsed from it) to
// `any`, so the compiler stops checking the fields the app reads from it.

import { callName, lineOf, positionalArguments } from "../../../parse/syntax.js";
import type { Node } from "../../../parse/tree-sitter.js";
import { LLM_LIBRARIES } from "../../repo-view.js";
import type { FileDetector, RawFinding } from "../../types.js";

/** SDK calls that return a model's reply (OpenAI, Anthropic, Gemini, Vercel AI SDK, LangChain). */
const MODEL_CALL =
  /(^|\.)(chat\.completions\.(create|parse)|completions\.create|responses\.(create|parse)|messages\.create|generateContent|generateText|generateObject)$|^(generateText|generateObject)$|(llm|model|chat|chain|agent)\w*\.invoke$/i;
/** Text that says "this is what the model returned" (narrow: a fetch `response` or a `results.json` is not). */
const MODEL_TEXT =
  /choices\s*\[\s*0\s*\]|\.message\.content|\.output_text|\.content\s*\[\s*0\s*\]\.text|\bresponse\.text\s*\(\s*\)|completion\b|\b(reply|llm_?output|model_?output|answer)\b/i;

/** Wrappers that leave the value as it was: `(x)`, `await x`, `x!`, `x as unknown`. */
/** Model APIs called over plain HTTP (`fetch("https://api.openai.com/v1/chat/completions", ...)`). */
const MODEL_API =
  /api\.openai\.com|api\.anthropic\.com|generativelanguage\.googleapis\.com|api\.groq\.com|api\.mistral\.ai|openrouter\.ai\/api|api\.deepseek\.com|api\.together\.xyz|(localhost|127\.0\.0\.1):11434/;

const WRAPPERS = new Set([
  "parenthesized_expression",
  "await_expression",
  "non_null_expression",
  "as_expression",
]);

function unwrap(node: Node): Node {
  let n = node;
  while (WRAPPERS.has(n.type)) {
    const inner = n.namedChildren.find((c) => c !== null && c.type !== "comment");
    if (!inner) break;
    n = inner;
  }
  return n;
}

/** The variable at the root of `completion.choices[0].message`. */
function rootName(node: Node): string | null {
  let n = unwrap(node);
  while (n.type === "member_expression" || n.type === "subscript_expression") {
    const object = n.childForFieldName("object");
    if (!object) return null;
    n = unwrap(object);
  }
  return n.type === "identifier" ? n.text : null;
}

/** Whether a type is `any` or holds it (`any[]`, `Record<string, any>`). */
const holdsAny = (type: Node): boolean =>
  (type.type === "predefined_type" && type.text === "any") ||
  type.descendantsOfType("predefined_type").some((t) => t?.text === "any");

export const anyCastOnModelOutput: FileDetector = {
  scope: "file",
  languages: ["typescript"],
  prefilter: /\bany\b/,
  meta: {
    id: "code-quality/any-cast-on-model-output",
    area: "code-quality",
    level: "actionable",
    title: "A model's reply is cast to `any`",
    why: "A model's reply is the least trustworthy data in an LLM app: fields can be missing, renamed or of the wrong type. Casting it to `any` tells TypeScript to stop checking, so a reply of the wrong shape becomes `undefined` deep in the app instead of an error where it arrives.",
    tryThis:
      "Describe the reply you expect with a zod schema, parse the reply with `schema.safeParse(JSON.parse(text))`, and handle the failure branch; the parsed value then has a real type and the `any` can go.",
    learnMore: [
      "https://zod.dev/basics",
      "https://www.typescriptlang.org/docs/handbook/2/everyday-types.html#any",
    ],
    example: {
      language: "typescript",
      file: "extract.ts",
      bad: "const data = JSON.parse(completion.choices[0].message.content!) as any;\nreturn data.items.map((i: any) => i.name);",
      good: 'const Reply = z.object({ items: z.array(z.object({ name: z.string() })) });\nconst parsed = Reply.safeParse(JSON.parse(completion.choices[0].message.content ?? "{}"));\nif (!parsed.success) return [];\nreturn parsed.data.items.map((i) => i.name);',
    },
    goal: "Give every model reply a schema-checked type (for example with zod) and remove the `any` casts on model output",
  },
  // The rule reads TypeScript only: a repo with none needs no look for model use.
  applies: (repo) =>
    repo.files.some((f) => f.language === "typescript") &&
    (repo.usesLlm() || repo.files.some((f) => MODEL_API.test(f.text))),
  check(file, { repo, syntax }) {
    if (!repo.fileImports(file, LLM_LIBRARIES) && !MODEL_API.test(file.text)) return [];
    const tree = syntax();
    if (!tree) return [];
    const declarators = tree.captures("(variable_declarator) @d").map((c) => c.node);

    // `const URL = "https://api.openai.com/..."`, then the HTTP responses of `fetch(URL, ...)`.
    const apiUrls = new Set<string>();
    const apiResponses = new Set<string>();
    const isApiCall = (node: Node): boolean => {
      const n = unwrap(node);
      if (n.type !== "call_expression" || callName(n) !== "fetch") return false;
      const [url] = positionalArguments(n);
      return url !== undefined && (MODEL_API.test(url.text) || apiUrls.has(url.text));
    };

    // Variables that hold a reply or the JSON parsed from one: `const completion = await client...create(...)`.
    const replies = new Set<string>();
    const isModelValue = (node: Node): string | null => {
      const n = unwrap(node);
      if (n.type === "call_expression") {
        const name = callName(n) ?? "";
        if (MODEL_CALL.test(name)) return "the model's reply";
        // `await res.json()` on the response of a model API.
        const receiver = n.childForFieldName("function")?.childForFieldName("object");
        if (/\.(json|text)$/.test(name) && receiver && apiResponses.has(rootName(receiver) ?? "")) {
          return "the model API's reply";
        }
        const [arg] = positionalArguments(n);
        if (name === "JSON.parse" && arg && (MODEL_TEXT.test(arg.text) || replies.has(rootName(arg) ?? ""))) {
          return "the JSON parsed from the model's reply";
        }
        return null;
      }
      const root = rootName(n);
      return root !== null && replies.has(root) ? "the model's reply" : null;
    };
    for (const node of declarators) {
      const value = node.childForFieldName("value");
      const name = node.childForFieldName("name");
      if (!value || name?.type !== "identifier") continue;
      if (MODEL_API.test(value.text) && /^(string|template_string)$/.test(value.type)) apiUrls.add(name.text);
      else if (isApiCall(value)) apiResponses.add(name.text);
      else if (isModelValue(value)) replies.add(name.text);
    }

    const found: RawFinding[] = [];
    const seen = new Set<number>();
    const report = (at: Node, what: string, how: string) => {
      const line = lineOf(at);
      if (seen.has(line)) return;
      seen.add(line);
      found.push({
        file: file.path,
        line,
        message: `${what[0]!.toUpperCase()}${what.slice(1)} is typed \`${how}\`, so TypeScript stops checking the fields the code reads from it.`,
      });
    };
    for (const { node } of tree.captures("[(as_expression) (type_assertion)] @cast")) {
      const parts = node.namedChildren.filter((c): c is Node => c !== null);
      const [expression, type] =
        node.type === "as_expression" ? [parts[0], parts.at(-1)] : [parts.at(-1), parts[0]];
      if (!expression || !type || !holdsAny(type)) continue;
      const what = isModelValue(expression);
      if (what)
        report(
          node,
          what,
          node.type === "as_expression" ? `as ${type.text}` : `<${type.text.replace(/^<|>$/g, "")}>`,
        );
    }
    for (const node of declarators) {
      const annotation = node.childForFieldName("type");
      const value = node.childForFieldName("value");
      const type = annotation?.namedChildren.find((c) => c !== null);
      if (!value || !type || !holdsAny(type)) continue;
      const what = isModelValue(value);
      if (what) report(node, what, `: ${type.text}`);
    }
    return found.sort((a, b) => a.line! - b.line!);
  },
};
