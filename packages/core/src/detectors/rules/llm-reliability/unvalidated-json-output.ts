// llm-reliability/unvalidated-json-output: a model's reply parsed as JSON with no error handling or schema.
import { callName, calls, insideTry, lineOf, positionalArguments } from "../../../parse/syntax.js";
import type { Node } from "../../../parse/tree-sitter.js";
import {
  bindings,
  callsLlm,
  fileMentionsLlmUrl,
  isModelCall,
  modelCallers,
  valuesOf,
} from "../../lib/llm-code.js";
import { importedModelFunctions } from "../../lib/model-imports.js";
import { LLM_LIBRARIES } from "../../repo-view.js";
import type { FileDetector, RawFinding } from "../../types.js";

const PARSERS = new Set(["json.loads", "JSON.parse"]);
/** Text that says "this is what the model returned". */
const MODEL_TEXT =
  /choices\s*\[\s*0\s*\]|\.message\.content|\.output_text|\.content\b|\.text\b|completion|response|reply|llm|answer|output|generation|result/i;

/** The body of the request a web handler received. */
const INCOMING = /\b(req|request|ctx|event)\s*\.\s*(text|json|body|data|get_data|get_json)\b/;

export const unvalidatedJsonOutput: FileDetector = {
  scope: "file",
  languages: ["python", "javascript", "typescript"],
  prefilter: /json\.loads|JSON\.parse/,
  meta: {
    id: "llm-reliability/unvalidated-json-output",
    area: "llm-reliability",
    level: "actionable",
    title: "A model's reply is parsed as JSON with no check that it is valid",
    why: "Models do not always return what the prompt asks for: a sentence before the JSON, a missing field, a truncated reply when max tokens is hit. Parsing without a check turns one odd answer into a crash or, worse, a wrong value used silently.",
    tryThis:
      "Describe the reply you expect as a schema (a Pydantic model in Python, a zod schema in TypeScript), parse the reply with it inside try/except, and decide what the app does when the reply is invalid (retry once, or answer that it could not).",
    learnMore: [
      "https://platform.openai.com/docs/guides/structured-outputs",
      "https://docs.pydantic.dev/latest/concepts/json/",
    ],
    example: {
      language: "python",
      file: "bot.py",
      bad: 'reply = json.loads(response.choices[0].message.content)\nreturn reply["answer"]',
      good: 'class Reply(BaseModel):\n    answer: str\n    sources: list[str]\n\ntry:\n    reply = Reply.model_validate_json(response.choices[0].message.content)\nexcept ValidationError:\n    return "I could not answer that reliably."\nreturn reply.answer',
    },
    goal: "Validate every structured model reply against a schema and handle the invalid case on purpose (retry or a clear fallback)",
  },
  applies: (repo) => callsLlm(repo),
  check(file, { repo, syntax }) {
    const tree = syntax();
    if (!tree) return [];
    const allCalls = calls(tree);
    const binds = bindings(tree);
    // The project's own wrappers (`chat(messages)` posting to the API) are model calls too.
    const wrappers = modelCallers(tree.root, allCalls, binds);
    for (const name of importedModelFunctions(file, repo)) wrappers.add(name);
    const isModel = (name: string, node: Node) =>
      isModelCall(name, node) || wrappers.has(name.replace(/^(self|this)\./, ""));
    // Only files that talk to a model (a notebook counts as one file: its import may sit in an earlier cell).
    const talks =
      repo.fileImports(file, LLM_LIBRARIES) ||
      fileMentionsLlmUrl(file) ||
      allCalls.some(({ name, node }) => isModel(name, node));
    if (!talks) return [];
    const found: RawFinding[] = [];
    for (const { node, name } of allCalls) {
      if (!PARSERS.has(name)) continue;
      const [arg] = positionalArguments(node);
      // `JSON.parse(await req.text())` reads the incoming request, not the model's reply.
      if (!arg || insideTry(node) || INCOMING.test(arg.text)) continue;
      if (!MODEL_TEXT.test(arg.text) && !heldModelReply(arg, binds, isModel)) continue;
      const parser = name === "JSON.parse" ? "`JSON.parse`" : "`json.loads`";
      found.push({
        file: file.path,
        line: lineOf(node),
        message: `The model's reply is parsed with ${parser} and nothing handles a reply that is not valid JSON.`,
      });
    }
    return found;
  },
};

/** `raw = await chat(messages)` then `JSON.parse(raw)`: a name that holds what a model call returned. */
function heldModelReply(
  arg: Node,
  binds: ReturnType<typeof bindings>,
  isModel: (name: string, node: Node) => boolean,
): boolean {
  if (arg.type !== "identifier") return false;
  return valuesOf(arg.text, arg, binds).some((value) => {
    const call = value.type === "await_expression" || value.type === "await" ? value.namedChildren[0] : value;
    const name = call ? callName(call) : null;
    return call !== null && call !== undefined && name !== null && isModel(name, call);
  });
}
