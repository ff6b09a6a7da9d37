// Checks both APIs share: field types, tool names, strict JSON schemas, sampling parameters of reasoning models.

import { invalidRequest, type Rejection } from "./errors.js";

export type Body = Record<string, unknown>;

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function typeName(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "an array";
  if (typeof value === "number") return Number.isInteger(value) ? "an integer" : "a decimal";
  if (typeof value === "object") return "an object";
  if (typeof value === "boolean") return "a boolean";
  return `a ${typeof value}`;
}

export function wrongType(param: string, expected: string, value: unknown): Rejection {
  return invalidRequest(
    `Invalid type for '${param}': expected ${expected}, but got ${typeName(value)} instead.`,
    param,
    "invalid_type",
  );
}

export function missing(param: string): Rejection {
  return invalidRequest(`Missing required parameter: '${param}'.`, param, "missing_required_parameter");
}

export function invalidValue(param: string, value: unknown, supported: readonly string[]): Rejection {
  const quoted = supported.map((s) => `'${s}'`);
  const list =
    quoted.length > 1 ? `${quoted.slice(0, -1).join(", ")}, and ${quoted.at(-1)}` : (quoted[0] ?? "");
  return invalidRequest(
    `Invalid value: '${String(value)}'. Supported values are: ${list}.`,
    param,
    "invalid_value",
  );
}

export function checkModel(body: Body): Rejection | undefined {
  if (body.model === undefined || body.model === "")
    return invalidRequest("you must provide a model parameter");
  if (typeof body.model !== "string") return wrongType("model", "a string", body.model);
  return undefined;
}

const NAME_PATTERN = /^[a-zA-Z0-9_-]{1,64}$/;

export function checkName(param: string, name: unknown): Rejection | undefined {
  if (typeof name !== "string")
    return name === undefined ? missing(param) : wrongType(param, "a string", name);
  if (!NAME_PATTERN.test(name))
    return invalidRequest(
      `Invalid '${param}': string does not match pattern. Expected a string that matches the pattern '^[a-zA-Z0-9_-]+$'.`,
      param,
      "invalid_value",
    );
  return undefined;
}

/** Where OpenAI's strict mode would refuse a schema: objects must close and require every property. */
function strictSchemaProblem(schema: unknown, path: string): string | undefined {
  if (!isRecord(schema)) return undefined;
  const properties = isRecord(schema.properties) ? schema.properties : undefined;
  if (schema.type === "object" || properties) {
    if (schema.additionalProperties !== false)
      return `In context=(${path}), 'additionalProperties' is required to be supplied and to be false.`;
    const keys = Object.keys(properties ?? {});
    const required = Array.isArray(schema.required) ? schema.required : [];
    const absent = keys.filter((k) => !required.includes(k));
    if (absent.length > 0)
      return `In context=(${path}), 'required' is required to be supplied and to be an array including every key in properties. Missing '${absent[0]}'.`;
    for (const key of keys) {
      const problem = strictSchemaProblem(
        properties?.[key],
        path ? `${path}, 'properties', '${key}'` : `'properties', '${key}'`,
      );
      if (problem) return problem;
    }
  }
  for (const key of ["items", "anyOf", "allOf", "$defs", "definitions"]) {
    const child = schema[key];
    const children = Array.isArray(child)
      ? child
      : isRecord(child) && key.includes("def")
        ? Object.values(child)
        : [child];
    for (const c of children) {
      const problem = strictSchemaProblem(c, path ? `${path}, '${key}'` : `'${key}'`);
      if (problem) return problem;
    }
  }
  return undefined;
}

/** A function's parameters (tools) or a response format's schema. `what` reads "function 'x'" etc. */
export function checkSchema(
  param: string,
  what: string,
  schema: unknown,
  strict: boolean,
): Rejection | undefined {
  if (schema === undefined) return undefined;
  if (!isRecord(schema)) return wrongType(param, "an object", schema);
  if (schema.type !== "object")
    return invalidRequest(
      `Invalid schema for ${what}: schema must be a JSON Schema of 'type: "object"', got 'type: "${String(schema.type)}"'.`,
      param,
      "invalid_function_parameters",
    );
  if (!strict) return undefined;
  const problem = strictSchemaProblem(schema, "");
  return problem
    ? invalidRequest(`Invalid schema for ${what}: ${problem}`, param, "invalid_json_schema")
    : undefined;
}

const RANGES: Record<string, [number, number]> = {
  temperature: [0, 2],
  top_p: [0, 1],
  presence_penalty: [-2, 2],
  frequency_penalty: [-2, 2],
};

export function checkSampling(body: Body, reasoningModel: boolean): Rejection | undefined {
  for (const [param, [min, max]] of Object.entries(RANGES)) {
    const value = body[param];
    if (value === undefined || value === null) continue;
    if (typeof value !== "number") return wrongType(param, "a decimal", value);
    if (reasoningModel && !(param === "temperature" && value === 1) && !(param === "top_p" && value === 1))
      return invalidRequest(
        `Unsupported value: '${param}' does not support ${value} with this model. Only the default (1) value is supported.`,
        param,
        "unsupported_value",
      );
    if (value < min)
      return invalidRequest(
        `Invalid '${param}': decimal below minimum value. Expected a value >= ${min}, but got ${value} instead.`,
        param,
        "decimal_below_min_value",
      );
    if (value > max)
      return invalidRequest(
        `Invalid '${param}': decimal above maximum value. Expected a value <= ${max}, but got ${value} instead.`,
        param,
        "decimal_above_max_value",
      );
  }
  if (reasoningModel && body.max_tokens !== undefined && body.max_tokens !== null)
    return invalidRequest(
      "Unsupported parameter: 'max_tokens' is not supported with this model. Use 'max_completion_tokens' instead.",
      "max_tokens",
      "unsupported_parameter",
    );
  for (const param of ["max_tokens", "max_completion_tokens", "max_output_tokens", "n"]) {
    const value = body[param];
    if (value === undefined || value === null) continue;
    if (typeof value !== "number" || !Number.isInteger(value)) return wrongType(param, "an integer", value);
    if (value < 1)
      return invalidRequest(
        `Invalid '${param}': integer below minimum value. Expected a value >= 1, but got ${value} instead.`,
        param,
        "integer_below_min_value",
      );
  }
  return undefined;
}
