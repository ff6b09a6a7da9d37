// The shape of a Chat Completions request, checked the way OpenAI checks it, with OpenAI's 400 messages.

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

const ROLES = ["system", "assistant", "user", "function", "tool", "developer"] as const;
const TOOL_CHOICES = ["none", "auto", "required"];
const PART_TYPES: Record<string, readonly string[]> = {
  system: ["text"],
  developer: ["text"],
  user: ["text", "image_url", "input_audio", "file"],
  assistant: ["text", "refusal"],
  tool: ["text"],
};

function checkContent(param: string, role: string, content: unknown): Rejection | undefined {
  if (typeof content === "string") return undefined;
  if (!Array.isArray(content)) return wrongType(param, "one of a string or array of objects", content);
  const allowed = PART_TYPES[role] ?? ["text"];
  for (const [i, part] of content.entries()) {
    if (!isRecord(part)) return wrongType(`${param}[${i}]`, "an object", part);
    if (!allowed.includes(String(part.type))) return invalidValue(`${param}[${i}].type`, part.type, allowed);
    if (part.type === "text" && typeof part.text !== "string")
      return part.text === undefined
        ? missing(`${param}[${i}].text`)
        : wrongType(`${param}[${i}].text`, "a string", part.text);
  }
  return undefined;
}

function checkToolCalls(param: string, calls: unknown): Rejection | undefined {
  if (!Array.isArray(calls)) return wrongType(param, "an array", calls);
  for (const [i, call] of calls.entries()) {
    const at = `${param}[${i}]`;
    if (!isRecord(call)) return wrongType(at, "an object", call);
    if (typeof call.id !== "string")
      return call.id === undefined ? missing(`${at}.id`) : wrongType(`${at}.id`, "a string", call.id);
    if (call.type !== "function") return invalidValue(`${at}.type`, call.type, ["function"]);
    if (!isRecord(call.function))
      return call.function === undefined
        ? missing(`${at}.function`)
        : wrongType(`${at}.function`, "an object", call.function);
    const named = checkName(`${at}.function.name`, call.function.name);
    if (named) return named;
    if (typeof call.function.arguments !== "string")
      return call.function.arguments === undefined
        ? missing(`${at}.function.arguments`)
        : wrongType(`${at}.function.arguments`, "a string", call.function.arguments);
  }
  return undefined;
}

function checkMessage(message: unknown, i: number): Rejection | undefined {
  const at = `messages[${i}]`;
  if (!isRecord(message)) return wrongType(at, "an object", message);
  if (message.role === undefined) return missing(`${at}.role`);
  if (!ROLES.includes(message.role as (typeof ROLES)[number]))
    return invalidValue(`${at}.role`, message.role, ROLES);
  const role = message.role as string;
  const hasToolCalls =
    role === "assistant" && message.tool_calls !== undefined && message.tool_calls !== null;
  if (hasToolCalls) {
    const problem = checkToolCalls(`${at}.tool_calls`, message.tool_calls);
    if (problem) return problem;
  }
  const contentOptional =
    role === "assistant" && (hasToolCalls || message.refusal != null || message.function_call != null);
  if (message.content === undefined || message.content === null) {
    if (!contentOptional) return missing(`${at}.content`);
  } else {
    const problem = checkContent(`${at}.content`, role, message.content);
    if (problem) return problem;
  }
  if (role === "tool" && typeof message.tool_call_id !== "string")
    return message.tool_call_id === undefined
      ? missing(`${at}.tool_call_id`)
      : wrongType(`${at}.tool_call_id`, "a string", message.tool_call_id);
  return undefined;
}

function unanswered(pending: string[], from: number): Rejection {
  return invalidRequest(
    `An assistant message with 'tool_calls' must be followed by tool messages responding to each 'tool_call_id'. The following tool_call_ids did not have response messages: ${pending.join(", ")}`,
    `messages.[${from}].role`,
  );
}

/** Every tool message answers a call of the assistant message before it; every call is answered. */
function checkToolSequence(messages: Record<string, unknown>[]): Rejection | undefined {
  let pending: string[] = [];
  let pendingFrom = -1;
  for (const [i, message] of messages.entries()) {
    if (message.role === "tool") {
      const id = message.tool_call_id as string;
      if (!pending.includes(id))
        return invalidRequest(
          pendingFrom < 0
            ? "Invalid parameter: messages with role 'tool' must be a response to a preceeding message with 'tool_calls'."
            : `Invalid parameter: tool_call_id '${id}' of messages.[${i}] does not answer any open tool call of messages.[${pendingFrom}].`,
          `messages.[${i}].role`,
        );
      pending = pending.filter((p) => p !== id);
      continue;
    }
    if (pending.length > 0) return unanswered(pending, pendingFrom);
    const calls = message.role === "assistant" && Array.isArray(message.tool_calls) ? message.tool_calls : [];
    pending = calls.map((c) => (c as { id: string }).id);
    pendingFrom = calls.length > 0 ? i : -1;
  }
  // Sending the conversation right after the calls, with no answers, is the same mistake.
  return pending.length > 0 ? unanswered(pending, pendingFrom) : undefined;
}

function checkTools(body: Body): Rejection | undefined {
  if (body.tools === undefined || body.tools === null) {
    if (body.tool_choice !== undefined && body.tool_choice !== null)
      return invalidRequest(
        "Invalid value for 'tool_choice': 'tool_choice' is only allowed when 'tools' are specified.",
        "tool_choice",
      );
    return undefined;
  }
  if (!Array.isArray(body.tools)) return wrongType("tools", "an array", body.tools);
  const choice = body.tool_choice;
  if (typeof choice === "string" && !TOOL_CHOICES.includes(choice))
    return invalidValue("tool_choice", choice, TOOL_CHOICES);
  if (isRecord(choice)) {
    const wanted = isRecord(choice.function) ? choice.function.name : undefined;
    const defined = body.tools.some((t) => isRecord(t) && isRecord(t.function) && t.function.name === wanted);
    if (choice.type === "function" && !defined)
      return invalidRequest(
        `Invalid value for 'tool_choice': function '${String(wanted)}' is not one of the 'tools'.`,
        "tool_choice",
      );
  }
  if (body.tools.length === 0)
    return invalidRequest(
      "Invalid 'tools': empty array. Expected an array with minimum length 1, but got an empty array instead.",
      "tools",
      "empty_array",
    );
  for (const [i, tool] of body.tools.entries()) {
    const at = `tools[${i}]`;
    if (!isRecord(tool)) return wrongType(at, "an object", tool);
    if (tool.type !== "function") return invalidValue(`${at}.type`, tool.type, ["function", "custom"]);
    if (!isRecord(tool.function))
      return tool.function === undefined
        ? missing(`${at}.function`)
        : wrongType(`${at}.function`, "an object", tool.function);
    const named = checkName(`${at}.function.name`, tool.function.name);
    if (named) return named;
    const what = `function '${String(tool.function.name)}'`;
    const schema = checkSchema(
      `${at}.function.parameters`,
      what,
      tool.function.parameters,
      tool.function.strict === true,
    );
    if (schema) return schema;
  }
  return undefined;
}

function checkResponseFormat(body: Body, messages: Record<string, unknown>[]): Rejection | undefined {
  const format = body.response_format;
  if (format === undefined || format === null) return undefined;
  if (!isRecord(format)) return wrongType("response_format", "an object", format);
  if (!["text", "json_object", "json_schema"].includes(String(format.type)))
    return invalidValue("response_format.type", format.type, ["text", "json_object", "json_schema"]);
  if (format.type === "json_object") {
    const said = messages.some((m) =>
      JSON.stringify(m.content ?? "")
        .toLowerCase()
        .includes("json"),
    );
    if (!said)
      return invalidRequest(
        "'messages' must contain the word 'json' in some form, to use 'response_format' of type 'json_object'.",
        "messages",
      );
  }
  if (format.type === "json_schema") {
    const spec = format.json_schema;
    if (!isRecord(spec))
      return spec === undefined
        ? missing("response_format.json_schema")
        : wrongType("response_format.json_schema", "an object", spec);
    const named = checkName("response_format.json_schema.name", spec.name);
    if (named) return named;
    return checkSchema(
      "response_format.json_schema.schema",
      `response_format '${String(spec.name)}'`,
      spec.schema,
      spec.strict === true,
    );
  }
  return undefined;
}

/** The first problem OpenAI would answer 400 for, or undefined when the request is well-formed. */
export function checkChatRequest(body: Body, reasoningModel: boolean): Rejection | undefined {
  const model = checkModel(body);
  if (model) return model;
  if (body.messages === undefined) return missing("messages");
  if (!Array.isArray(body.messages)) return wrongType("messages", "an array", body.messages);
  if (body.messages.length === 0)
    return invalidRequest(
      "Invalid 'messages': empty array. Expected an array with minimum length 1, but got an empty array instead.",
      "messages",
      "empty_array",
    );
  for (const [i, message] of body.messages.entries()) {
    const problem = checkMessage(message, i);
    if (problem) return problem;
  }
  const messages = body.messages as Record<string, unknown>[];
  if (body.stream !== undefined && body.stream !== null && typeof body.stream !== "boolean")
    return wrongType("stream", "a boolean", body.stream);
  if (body.stream_options != null && body.stream !== true)
    return invalidRequest(
      "The 'stream_options' parameter is only allowed when 'stream' is enabled.",
      "stream_options",
    );
  return (
    checkToolSequence(messages) ??
    checkTools(body) ??
    checkResponseFormat(body, messages) ??
    checkSampling(body, reasoningModel)
  );
}
