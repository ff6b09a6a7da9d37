// The shape of a Responses API request (`POST /v1/responses`), checked the way OpenAI checks it.

import { invalidRequest, type Rejection } from "./errors.js";
import {
  type Body,
  checkModel,
  checkName,
  checkSampling,
  checkSchema,
  invalidValue,
  isRecord,
  missing,
  wrongType,
} from "./validate-shared.js";

const ROLES = ["user", "assistant", "system", "developer"] as const;
const PART_TYPES = ["input_text", "input_image", "input_file", "input_audio", "output_text", "refusal"];

/** `calls` collects the function calls seen so far; null when they live on the server (previous_response_id). */
function checkItem(item: unknown, i: number, calls: Set<string> | null): Rejection | undefined {
  const at = `input[${i}]`;
  if (!isRecord(item)) return wrongType(at, "an object", item);
  const type = item.type ?? "message";
  if (type === "message") {
    if (!ROLES.includes(item.role as (typeof ROLES)[number]))
      return invalidValue(`${at}.role`, item.role, ROLES);
    if (typeof item.content === "string") return undefined;
    if (!Array.isArray(item.content))
      return item.content === undefined
        ? missing(`${at}.content`)
        : wrongType(`${at}.content`, "one of a string or array of objects", item.content);
    for (const [j, part] of item.content.entries()) {
      if (!isRecord(part)) return wrongType(`${at}.content[${j}]`, "an object", part);
      if (!PART_TYPES.includes(String(part.type)))
        return invalidValue(`${at}.content[${j}].type`, part.type, PART_TYPES);
    }
    return undefined;
  }
  if (type === "function_call") {
    if (typeof item.call_id !== "string") return missing(`${at}.call_id`);
    const named = checkName(`${at}.name`, item.name);
    if (named) return named;
    if (typeof item.arguments !== "string")
      return item.arguments === undefined
        ? missing(`${at}.arguments`)
        : wrongType(`${at}.arguments`, "a string", item.arguments);
    calls?.add(item.call_id);
    return undefined;
  }
  if (type === "function_call_output") {
    if (typeof item.call_id !== "string") return missing(`${at}.call_id`);
    if (item.output === undefined) return missing(`${at}.output`);
    if (calls && !calls.has(item.call_id))
      return invalidRequest(
        `No tool call found for function call output with call_id ${item.call_id}.`,
        "input",
      );
  }
  // Reasoning items, item references and built-in tool items are passed through unchecked.
  return undefined;
}

function checkTools(body: Body): Rejection | undefined {
  if (body.tools === undefined || body.tools === null) return undefined;
  if (!Array.isArray(body.tools)) return wrongType("tools", "an array", body.tools);
  for (const [i, tool] of body.tools.entries()) {
    const at = `tools[${i}]`;
    if (!isRecord(tool)) return wrongType(at, "an object", tool);
    if (tool.type !== "function") continue; // built-in tools (web_search, file_search...) and custom tools
    const named = checkName(`${at}.name`, tool.name);
    if (named) return named;
    const problem = checkSchema(
      `${at}.parameters`,
      `function '${String(tool.name)}'`,
      tool.parameters,
      tool.strict === true,
    );
    if (problem) return problem;
  }
  return undefined;
}

function checkTextFormat(body: Body): Rejection | undefined {
  if (!isRecord(body.text) || !isRecord(body.text.format)) return undefined;
  const format = body.text.format;
  if (!["text", "json_object", "json_schema"].includes(String(format.type)))
    return invalidValue("text.format.type", format.type, ["text", "json_object", "json_schema"]);
  if (format.type !== "json_schema") return undefined;
  const named = checkName("text.format.name", format.name);
  if (named) return named;
  return checkSchema(
    "text.format.schema",
    `text.format '${String(format.name)}'`,
    format.schema,
    format.strict === true,
  );
}

/** The first problem OpenAI would answer 400 for, or undefined when the request is well-formed. */
export function checkResponsesRequest(body: Body, reasoningModel: boolean): Rejection | undefined {
  const model = checkModel(body);
  if (model) return model;
  if (body.input === undefined && body.previous_response_id === undefined) return missing("input");
  if (body.input !== undefined && typeof body.input !== "string") {
    if (!Array.isArray(body.input))
      return wrongType("input", "one of a string or array of objects", body.input);
    // With previous_response_id the calls being answered live on the server, not in this input.
    const calls = body.previous_response_id == null ? new Set<string>() : null;
    for (const [i, item] of body.input.entries()) {
      const problem = checkItem(item, i, calls);
      if (problem) return problem;
    }
  }
  if (body.instructions !== undefined && body.instructions !== null && typeof body.instructions !== "string")
    return wrongType("instructions", "a string", body.instructions);
  return checkTools(body) ?? checkTextFormat(body) ?? checkSampling(body, reasoningModel);
}
