// llm-reliability/unvalidated-json-output: a model's reply parsed as JSON with no error handling or schema.
import { enclosingHeaders, stripComment } from "../../python-text.js";
import type { FileDetector, RawFinding } from "../../types.js";

const JSON_LOADS = /\bjson\.loads\s*\(([^)]*)/;
const MODEL_TEXT =
  /choices\s*\[\s*0\s*\]|\.message\.content|\.output_text|\.content\b|completion|response|reply|llm|answer/i;
// Also `import json, openai`: the provider need not be the first module of the line.
const LLM_IMPORT =
  /^\s*(from|import)\s+([\w.]+\s*,\s*)*(openai|anthropic|langchain\w*|litellm|google\.generativeai|ollama|mistralai|groq)\b/m;

export const unvalidatedJsonOutput: FileDetector = {
  scope: "file",
  languages: ["python"],
  prefilter: /json\.loads/,
  meta: {
    id: "llm-reliability/unvalidated-json-output",
    area: "llm-reliability",
    level: "actionable",
    title: "A model's reply is parsed as JSON with no check that it is valid",
    why: "Models do not always return what the prompt asks for: a sentence before the JSON, a missing field, a truncated reply when max tokens is hit. Parsing without a check turns one odd answer into a crash or, worse, a wrong value used silently.",
    tryThis:
      "Describe the reply you expect as a Pydantic model and parse with `Model.model_validate_json(text)` inside `try`/`except ValidationError`; decide what the app does when the reply is invalid (retry once, or answer that it could not).",
    learnMore: [
      "https://platform.openai.com/docs/guides/structured-outputs",
      "https://docs.pydantic.dev/latest/concepts/json/",
    ],
    goal: "Validate every structured model reply against a schema and handle the invalid case on purpose (retry or a clear fallback)",
  },
  check(file) {
    if (!LLM_IMPORT.test(file.text)) return [];
    const found: RawFinding[] = [];
    file.lines.forEach((raw, i) => {
      const match = JSON_LOADS.exec(stripComment(raw));
      if (!match || !MODEL_TEXT.test(match[1] ?? "")) return;
      if (enclosingHeaders(file.lines, i).some((h) => /^try\s*:/.test(h))) return;
      found.push({
        file: file.path,
        line: i + 1,
        message:
          "The model's reply is parsed with `json.loads` and nothing handles a reply that is not valid JSON.",
      });
    });
    return found;
  },
};
