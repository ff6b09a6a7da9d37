// llm-reliability/unvalidated-json-output: a model's reply parsed as JSON with no error handling or schema.
import { calls, insideTry, lineOf, positionalArguments } from "../../../parse/syntax.js";
import { LLM_LIBRARIES } from "../../repo-view.js";
import type { FileDetector, RawFinding } from "../../types.js";

const PARSERS = new Set(["json.loads", "JSON.parse"]);
/** Text that says "this is what the model returned". */
const MODEL_TEXT =
  /choices\s*\[\s*0\s*\]|\.message\.content|\.output_text|\.content\b|\.text\b|completion|response|reply|llm|answer|output|generation|result/i;

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
  applies: (repo) => repo.usesLlm(),
  check(file, { repo, syntax }) {
    // Only files that talk to a model (a notebook counts as one file: its import may sit in an earlier cell).
    if (!repo.fileImports(file, LLM_LIBRARIES)) return [];
    const tree = syntax();
    if (!tree) return [];
    const found: RawFinding[] = [];
    for (const { node, name } of calls(tree)) {
      if (!PARSERS.has(name)) continue;
      const [arg] = positionalArguments(node);
      if (!arg || !MODEL_TEXT.test(arg.text) || insideTry(node)) continue;
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
