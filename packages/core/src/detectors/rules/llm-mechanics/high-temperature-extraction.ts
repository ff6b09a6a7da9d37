// llm-mechanics/high-temperature-extraction: a high sampling temperature on a call whose job has one right answer.
import { calls, keywordArguments, lineOf } from "../../../parse/syntax.js";
import type { Node } from "../../../parse/tree-sitter.js";
import {
  type Binding,
  bindings,
  callsLlm,
  enclosingFunction,
  escapeRegExp,
  isModelCall,
  modelCallers,
  numberValue,
  resolvedStrings,
  stringContent,
} from "../../lib/llm-code.js";
import { importedModelFunctions, importedStrings } from "../../lib/model-imports.js";
import type { FileDetector, RawFinding } from "../../types.js";

const THRESHOLD = 0.8;
/** Model constructors that carry a default temperature for every call made through them. */
const CONSTRUCTOR =
  /(^|\.)(ChatOpenAI|AzureChatOpenAI|ChatAnthropic|ChatOllama|ChatGroq|ChatMistralAI|ChatGoogleGenerativeAI|ChatVertexAI|OllamaLLM|GenerationConfig|GenerateContentConfig)$/;
/** Structured output asked of the API itself. */
const STRUCTURED_KEYS = [
  "response_format",
  "responseFormat",
  "response_mime_type",
  "responseMimeType",
  "format",
];
const STRUCTURED_CALL = /(^|\.)(parse|generateObject|streamObject)$/;
/** A function named for a task with one right answer, or (weaker) for a structured reply. */
const TASK_NAME = /extract|classif|categor|label|pars(e|ing)|grade|grading|judge/i;
const FORMAT_NAME = /json|structur/i;
/** Prompt text that asks for one right answer. */
const TASK_PROMPT =
  /\b(extract(s|ed|ing)?|classif(y|ies|ied|ication)|categori[sz](e|es|ation)|label (the|this|each)|parse (the|this)|named entities|grade (the|a|this|each|student)|judge (whether|if)|(reply|respond|answer)( only)? with (exactly one|only one|one word|a single word|yes or no|true or false))\b/i;
/** Prompt text that asks for a JSON reply (structure, not necessarily one right answer). */
const JSON_PROMPT =
  /\b(reply|respond|answer|output|return|format)\b[^.\n]{0,30}\bjson\b|\bjson (object|schema|format)\b|\bvalid json\b/i;
/** Creative work in a structured wrapper (a story as JSON): randomness is the point there. */
const CREATIVE =
  /\b(story|stories|poem|creative|brainstorm|ideas|joke|imagine|invent|slogan|fiction|names for|variations?)\b/i;
/** Reasoning models accept only the default temperature of 1. */
const REASONING_MODEL = /^(o\d|gpt-5)/;

export const highTemperatureExtraction: FileDetector = {
  scope: "file",
  languages: ["python", "javascript", "typescript"],
  prefilter: /temperature/,
  applies: (repo) => callsLlm(repo),
  meta: {
    id: "llm-mechanics/high-temperature-extraction",
    area: "llm-mechanics",
    level: "actionable",
    title: "A high temperature is set on a call that extracts, classifies or returns JSON",
    why: "Temperature controls how much randomness goes into picking each token. Creative writing benefits from it; extraction, classification and JSON output have one right answer, and randomness there only adds wrong labels, invented fields and broken JSON that differ from run to run.",
    tryThis:
      "Set `temperature=0` on this call, run the same 10 inputs through it twice, and compare how many outputs match between the runs before and after the change.",
    learnMore: [
      "https://platform.openai.com/docs/api-reference/chat/create#chat-create-temperature",
      "https://docs.anthropic.com/en/api/messages",
    ],
    example: {
      language: "python",
      file: "extract.py",
      bad: 'client.chat.completions.create(\n    model=MODEL,\n    temperature=1.2,\n    response_format={"type": "json_object"},\n    messages=[{"role": "user", "content": f"Extract the invoice fields: {text}"}],\n)',
      good: 'client.chat.completions.create(\n    model=MODEL,\n    temperature=0,\n    response_format={"type": "json_object"},\n    messages=[{"role": "user", "content": f"Extract the invoice fields: {text}"}],\n)',
    },
    goal: "Run every extraction, classification and JSON-output call at temperature 0 and check its outputs are stable across two runs",
  },
  check(file, { repo, syntax }) {
    const tree = syntax();
    if (!tree) return [];
    const binds = bindings(tree);
    const allCalls = calls(tree);
    // Calls to the project's own wrappers (`chat(messages, { temperature: 1.2 })`) count as model calls.
    const wrappers = modelCallers(tree.root, allCalls, binds);
    for (const name of importedModelFunctions(file, repo)) wrappers.add(name);
    const context: Context = { binds, external: importedStrings(file, repo) };
    const found: RawFinding[] = [];
    for (const { node, name } of allCalls) {
      const model =
        isModelCall(name, node) ||
        STRUCTURED_CALL.test(name) ||
        wrappers.has(name.replace(/^(self|this)\./, ""));
      if (!model && !CONSTRUCTOR.test(name)) continue;
      const setting = temperatureOf(node);
      if (!setting) continue;
      const value = numberValue(setting.value);
      if (value === null || value < THRESHOLD) continue;
      const kwargs = keywordArguments(node) ?? new Map<string, Node>();
      const modelName = kwargs.get("model") ?? kwargs.get("model_name");
      if (modelName && REASONING_MODEL.test(stringContent(modelName) ?? "")) continue;
      const why = model ? callEvidence(node, name, kwargs, context) : constructorEvidence(node, file.text);
      if (!why) continue;
      found.push({
        file: file.path,
        line: lineOf(setting.value),
        message: `\`${setting.text}\` is set on a call that ${why}.`,
      });
    }
    return found;
  },
};

interface Context {
  binds: readonly Binding[];
  /** Prompt strings imported from other files of the repo. */
  external: ReadonlyMap<string, string>;
}

/** The temperature setting of a call: a keyword, an options property, or a key of an options dict. */
function temperatureOf(call: Node): { value: Node; text: string } | null {
  const kwargs = keywordArguments(call);
  const direct = kwargs?.get("temperature");
  if (direct)
    return { value: direct, text: direct.parent?.text.replace(/\s+/g, " ") ?? `temperature=${direct.text}` };
  // Ollama and Gemini: `options={"temperature": 1}`, `generation_config={"temperature": 1}`.
  for (const pair of call.childForFieldName("arguments")?.descendantsOfType("pair") ?? []) {
    const key = pair?.childForFieldName("key");
    const value = pair?.childForFieldName("value");
    if (pair && key && value && (stringContent(key) ?? key.text) === "temperature")
      return { value, text: pair.text.replace(/\s+/g, " ") };
  }
  return null;
}

function callEvidence(
  call: Node,
  name: string,
  kwargs: ReadonlyMap<string, Node>,
  context: Context,
): string | null {
  const args = call.childForFieldName("arguments");
  const prompt = args ? resolvedStrings(args, context.binds, 2, context.external) : "";
  const fn = functionName(call);
  if (fn && TASK_NAME.test(fn)) return `runs in \`${fn}\`, a task with one right answer`;
  const task = TASK_PROMPT.exec(prompt);
  if (task) return `asks the model to ${verbOf(task[0])}`;
  if (CREATIVE.test(prompt)) return null;
  if (STRUCTURED_CALL.test(name)) return `parses its reply into a schema (\`${name.split(".").pop()}\`)`;
  for (const key of STRUCTURED_KEYS) {
    const value = kwargs.get(key);
    if (!value) continue;
    // Ollama's `format` is "json" or a schema; anything else is not structured output.
    if (key === "format" && !/json|schema|\{/i.test(value.text)) continue;
    return `asks for structured output (\`${key}\`)`;
  }
  if (fn && FORMAT_NAME.test(fn)) return `runs in \`${fn}\`, which expects structured output`;
  if (JSON_PROMPT.test(prompt)) return "asks the model for a JSON reply";
  return null;
}

const verbOf = (phrase: string): string => {
  const word = phrase.toLowerCase();
  if (word.startsWith("classif")) return "classify";
  if (word.startsWith("categori")) return "categorize";
  if (word.startsWith("label")) return "label";
  if (word.startsWith("parse")) return "parse";
  if (word.startsWith("grade")) return "grade";
  if (word.startsWith("judge")) return "judge";
  if (/^(reply|respond|answer)/.test(word)) return "pick one fixed answer";
  return "extract";
};

/** A model object built with a high temperature and then used for structured output. */
function constructorEvidence(call: Node, text: string): string | null {
  let holder = call.parent;
  while (holder && /^(await_expression|parenthesized_expression)$/.test(holder.type)) holder = holder.parent;
  const bound =
    holder?.type === "assignment"
      ? holder.childForFieldName("left")?.text
      : holder?.type === "variable_declarator"
        ? holder.childForFieldName("name")?.text
        : undefined;
  // `ChatOpenAI(temperature=1).with_structured_output(Invoice)`
  const chained = call.parent?.type === "attribute" || call.parent?.type === "member_expression";
  if (chained && /^\.?\s*with_?[sS]tructured_?[oO]utput/.test(call.parent!.text.slice(call.text.length))) {
    return "returns structured output (`with_structured_output`)";
  }
  if (!bound) return null;
  const name = escapeRegExp(bound);
  const uses = new RegExp(
    String.raw`\b${name}\s*\.\s*(with_structured_output|withStructuredOutput)\b|\b${name}\s*\|\s*(JsonOutputParser|PydanticOutputParser|StructuredOutputParser)`,
  ).exec(text);
  if (uses) return `returns structured output (\`${uses[1] ?? uses[2]}\`)`;
  const fn = functionName(call);
  return fn && TASK_NAME.test(fn) ? `runs in \`${fn}\`, a task with one right answer` : null;
}

function functionName(node: Node): string | null {
  const fn = enclosingFunction(node);
  if (!fn) return null;
  const own = fn.childForFieldName("name")?.text;
  if (own) return own;
  // `const extractFields = async () => ...`
  return fn.parent?.type === "variable_declarator"
    ? (fn.parent.childForFieldName("name")?.text ?? null)
    : null;
}
