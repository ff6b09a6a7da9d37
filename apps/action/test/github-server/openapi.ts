// GitHub's published OpenAPI description (@octokit/openapi, api.github.com, dereferenced) turned into a
// route table and ajv validators. Loaded once per process; validators are compiled on first use and cached.
//
// The description is OpenAPI 3.0.3, whose schema dialect is not JSON Schema: `nullable`, `example` and
// `x-*` extensions are translated (see toJsonSchema) instead of switching ajv's strict mode off, so a
// keyword we do not understand fails loudly at compile time rather than being silently ignored.

import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { Ajv2019, type ErrorObject, type ValidateFunction } from "ajv/dist/2019.js";
import addFormats from "ajv-formats";

type JsonObject = Record<string, unknown>;

export interface OpenApiParameter {
  name: string;
  in: "path" | "query" | "header" | "cookie";
  required?: boolean;
  schema?: JsonObject;
  "x-multi-segment"?: boolean;
}

interface OpenApiMediaType {
  schema?: JsonObject;
}

export interface OpenApiOperation {
  operationId: string;
  parameters?: OpenApiParameter[];
  requestBody?: { required?: boolean; content: Record<string, OpenApiMediaType> };
  responses: Record<string, { content?: Record<string, OpenApiMediaType> }>;
}

/** One operation of the description: an HTTP method on a path template. */
export interface Route {
  method: string;
  template: string;
  operationId: string;
  operation: OpenApiOperation;
  regex: RegExp;
  paramNames: string[];
  /** Per segment: 0 literal, 1 literal with a parameter inside, 2 parameter, 3 multi-segment parameter. */
  specificity: number[];
}

export type RouteMatch =
  | { kind: "found"; route: Route; pathParams: Record<string, string> }
  | { kind: "unknown-path" }
  | { kind: "unknown-method"; allowed: string[]; template: string };

const HTTP_METHODS = new Set(["get", "put", "post", "delete", "options", "head", "patch", "trace"]);
const require = createRequire(import.meta.url);

/** Where the description lives (exported so reports can name the exact file). */
export const OPENAPI_FILE = require.resolve("@octokit/openapi/generated/api.github.com.deref.json");

interface RouteTable {
  routes: Route[];
  byOperationId: Map<string, Route>;
}

let table: RouteTable | undefined;

function escapeRegex(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

function compileTemplate(
  template: string,
  parameters: OpenApiParameter[],
): Pick<Route, "regex" | "paramNames" | "specificity"> {
  const paramNames: string[] = [];
  const specificity: number[] = [];
  let source = "^";
  for (const segment of template.split("/").slice(1)) {
    source += "/";
    const whole = /^\{(\w+)\}$/.exec(segment);
    if (whole) {
      const name = whole[1]!;
      const multi = parameters.some(
        (p) => p.in === "path" && p.name === name && p["x-multi-segment"] === true,
      );
      paramNames.push(name);
      specificity.push(multi ? 3 : 2);
      source += multi ? "(.+)" : "([^/]+)";
      continue;
    }
    let rest = segment;
    let hasParam = false;
    for (let m = /\{(\w+)\}/.exec(rest); m; m = /\{(\w+)\}/.exec(rest)) {
      source += `${escapeRegex(rest.slice(0, m.index))}([^/]+?)`;
      paramNames.push(m[1]!);
      hasParam = true;
      rest = rest.slice(m.index + m[0].length);
    }
    source += escapeRegex(rest);
    specificity.push(hasParam ? 1 : 0);
  }
  return { regex: new RegExp(`${source}$`), paramNames, specificity };
}

function compareSpecificity(a: number[], b: number[]): number {
  for (let i = 0; i < Math.min(a.length, b.length); i++) {
    if (a[i] !== b[i]) return a[i]! - b[i]!;
  }
  return b.length - a.length;
}

/** Loads the description once per process and builds the route table. */
export function routeTable(): RouteTable {
  if (table) return table;
  const spec = JSON.parse(readFileSync(OPENAPI_FILE, "utf8")) as { paths: Record<string, JsonObject> };
  const routes: Route[] = [];
  const byOperationId = new Map<string, Route>();
  for (const [template, item] of Object.entries(spec.paths)) {
    const shared = (item.parameters as OpenApiParameter[] | undefined) ?? [];
    for (const [method, value] of Object.entries(item)) {
      if (!HTTP_METHODS.has(method)) continue;
      const operation = value as OpenApiOperation;
      const merged = [
        ...shared.filter(
          (s) => !(operation.parameters ?? []).some((p) => p.name === s.name && p.in === s.in),
        ),
        ...(operation.parameters ?? []),
      ];
      operation.parameters = merged;
      const route: Route = {
        method: method.toUpperCase(),
        template,
        operationId: operation.operationId,
        operation,
        ...compileTemplate(template, merged),
      };
      routes.push(route);
      byOperationId.set(route.operationId, route);
    }
  }
  routes.sort((a, b) => compareSpecificity(a.specificity, b.specificity));
  table = { routes, byOperationId };
  return table;
}

/** Finds the operation for a method and a raw (still percent-encoded) path. */
export function matchRoute(method: string, rawPath: string): RouteMatch {
  const path = rawPath.length > 1 ? rawPath.replace(/\/+$/, "") : rawPath;
  const upper = method.toUpperCase();
  let firstTemplate: string | undefined;
  const allowed: string[] = [];
  let bestForOtherMethod: Route | undefined;
  for (const route of routeTable().routes) {
    const m = route.regex.exec(path);
    if (!m) continue;
    if (route.method !== upper) {
      // Routes are sorted most specific first: only methods of that first template count as "allowed".
      firstTemplate ??= route.template;
      if (route.template === firstTemplate) allowed.push(route.method);
      bestForOtherMethod ??= route;
      continue;
    }
    if (bestForOtherMethod && compareSpecificity(bestForOtherMethod.specificity, route.specificity) < 0) {
      // A more specific template matched the path for another method only (e.g. GET .../issues/comments
      // must not fall back to GET .../issues/{issue_number}).
      break;
    }
    const pathParams: Record<string, string> = {};
    route.paramNames.forEach((name, i) => {
      pathParams[name] = safeDecode(m[i + 1]!);
    });
    return { kind: "found", route, pathParams };
  }
  if (bestForOtherMethod) return { kind: "unknown-method", allowed, template: bestForOtherMethod.template };
  return { kind: "unknown-path" };
}

function safeDecode(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}

// ---------------------------------------------------------------------------------------------------
// OpenAPI 3.0 schema -> JSON Schema (2019-09) translation.

const DROPPED_KEYWORDS = new Set(["example", "nullable", "discriminator", "xml", "externalDocs"]);
const COMPOSITION = ["allOf", "anyOf", "oneOf"] as const;

function isObject(value: unknown): value is JsonObject {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function declaresProperties(schema: JsonObject): boolean {
  if (isObject(schema.properties)) return true;
  return COMPOSITION.some(
    (k) =>
      Array.isArray(schema[k]) && (schema[k] as unknown[]).some((s) => isObject(s) && declaresProperties(s)),
  );
}

export interface TranslateOptions {
  /** Add `unevaluatedProperties: false` to object schemas that list their properties (request bodies). */
  forbidUnknownProperties: boolean;
}

/**
 * Translates one OpenAPI 3.0 schema object to JSON Schema 2019-09:
 * - `nullable: true` becomes `type: [T, "null"]` (plus `null` in `enum`), or `anyOf: [{type: "null"}, S]`
 *   when the schema has no single `type` (GitHub uses `nullable` next to allOf/oneOf/anyOf);
 * - annotation-only keywords (`example`, `x-*`, `discriminator`, `xml`, `externalDocs`) are dropped;
 * - optionally, unknown object properties become errors (`unevaluatedProperties: false`, which sees
 *   through allOf/anyOf/oneOf), applied at the object itself, never inside a composition branch.
 */
export function toJsonSchema(schema: unknown, options: TranslateOptions, inComposition = false): unknown {
  if (!isObject(schema)) return schema;
  const out: JsonObject = {};
  for (const [key, value] of Object.entries(schema)) {
    if (key.startsWith("x-") || DROPPED_KEYWORDS.has(key)) continue;
    if ((key === "properties" || key === "patternProperties") && isObject(value)) {
      out[key] = Object.fromEntries(
        Object.entries(value).map(([name, s]) => [name, toJsonSchema(s, options)]),
      );
    } else if (key === "items") {
      out[key] = Array.isArray(value)
        ? value.map((s) => toJsonSchema(s, options))
        : toJsonSchema(value, options);
    } else if (key === "additionalProperties" || key === "not") {
      out[key] = toJsonSchema(value, options, key === "not");
    } else if ((COMPOSITION as readonly string[]).includes(key) && Array.isArray(value)) {
      out[key] = value.map((s) => toJsonSchema(s, options, true));
    } else {
      out[key] = value;
    }
  }
  if (
    options.forbidUnknownProperties &&
    !inComposition &&
    out.additionalProperties === undefined &&
    declaresProperties(out)
  ) {
    out.unevaluatedProperties = false;
  }
  if (schema.nullable !== true) return out;
  const composed = COMPOSITION.some((k) => k in out) || "not" in out;
  if (typeof out.type === "string" && !composed) {
    out.type = [out.type, "null"];
    if (Array.isArray(out.enum) && !out.enum.includes(null)) out.enum = [...out.enum, null];
    return out;
  }
  if (Array.isArray(out.type) && !composed) {
    if (!out.type.includes("null")) out.type = [...out.type, "null"];
    if (Array.isArray(out.enum) && !out.enum.includes(null)) out.enum = [...out.enum, null];
    return out;
  }
  return { anyOf: [{ type: "null" }, out] };
}

/** The sub-schemas of a (translated) schema, in schema positions only. */
function subschemas(schema: JsonObject): Array<[JsonObject, string, number | undefined]> {
  const out: Array<[JsonObject, string, number | undefined]> = [];
  for (const key of ["properties", "patternProperties"]) {
    const value = schema[key];
    if (isObject(value))
      for (const [name, s] of Object.entries(value)) if (isObject(s)) out.push([value, name, undefined]);
  }
  for (const key of ["items", "additionalProperties", "unevaluatedProperties", "not"]) {
    if (isObject(schema[key])) out.push([schema, key, undefined]);
  }
  for (const key of [...COMPOSITION, "items"]) {
    const value = schema[key];
    if (!Array.isArray(value)) continue;
    value.forEach((s, i) => {
      if (isObject(s)) out.push([schema, key, i]);
    });
  }
  return out;
}

/**
 * The description is dereferenced, so GitHub's components (Simple User, Repository, Issue...) are inlined
 * wherever they are used. Registering each titled component once (by content hash) and referring to it
 * lets ajv compile it once per process instead of once per use.
 */
function shareComponents(ajv: Ajv2019, schema: JsonObject, minLength = 400): JsonObject {
  const copy: JsonObject = { ...schema };
  for (const key of ["properties", "patternProperties"]) {
    if (isObject(copy[key])) copy[key] = { ...(copy[key] as JsonObject) };
  }
  for (const key of [...COMPOSITION, "items"])
    if (Array.isArray(copy[key])) copy[key] = [...(copy[key] as unknown[])];
  for (const [parent, key, index] of subschemas(copy)) {
    const child = (index === undefined ? parent[key] : (parent[key] as unknown[])[index]) as JsonObject;
    let replacement = shareComponents(ajv, child, minLength);
    if (typeof child.title === "string") {
      const text = JSON.stringify(child);
      if (text.length >= minLength) {
        const id = `urn:learnloop:schema:${createHash("sha1").update(text).digest("hex")}`;
        if (!ajv.getSchema(id)) ajv.addSchema({ ...replacement, $id: id });
        replacement = { $ref: id };
      }
    }
    if (index === undefined) parent[key] = replacement;
    else (parent[key] as unknown[])[index] = replacement;
  }
  return copy;
}

// ---------------------------------------------------------------------------------------------------
// Validators.

function newAjv(mode: "params" | "body" | "response"): Ajv2019 {
  const coerce = mode === "params";
  const ajv = new Ajv2019({
    // Responses refer to shared components (see shareComponents): keep them as separate functions.
    inlineRefs: mode !== "response",
    strict: true,
    // GitHub's schemas mix `type` with `oneOf` branches and omit `type` next to `properties`; those are
    // schema-authoring lint rules, not validation semantics.
    strictTypes: false,
    strictTuples: false,
    strictRequired: false,
    allowUnionTypes: true,
    // The first problem is enough to flag a server bug; requests get every problem listed.
    allErrors: mode !== "response",
    coerceTypes: coerce ? "array" : false,
    useDefaults: coerce,
  });
  addFormats(ajv);
  // GitHub-specific format: "owner/name".
  ajv.addFormat("repo.nwo", /^[^/\s]+\/[^/\s]+$/);
  return ajv;
}

let bodyAjv: Ajv2019 | undefined;
let paramAjv: Ajv2019 | undefined;
let responseAjv: Ajv2019 | undefined;
const validatorCache = new Map<string, ValidateFunction | null>();

function cached(key: string, build: () => ValidateFunction | null): ValidateFunction | null {
  if (!validatorCache.has(key)) validatorCache.set(key, build());
  return validatorCache.get(key)!;
}

export interface ValidationProblem {
  /** JSON pointer-ish location, e.g. `body/comments/0/line` or `query/per_page`. */
  where: string;
  message: string;
}

export function describeErrors(
  prefix: string,
  errors: ErrorObject[] | null | undefined,
): ValidationProblem[] {
  const problems: ValidationProblem[] = [];
  const seen = new Set<string>();
  for (const error of errors ?? []) {
    let message = error.message ?? "is invalid";
    const params = error.params as Record<string, unknown>;
    if (error.keyword === "unevaluatedProperties" && typeof params.unevaluatedProperty === "string") {
      message = `has unknown property "${params.unevaluatedProperty}" (not in GitHub's schema)`;
    } else if (error.keyword === "additionalProperties" && typeof params.additionalProperty === "string") {
      message = `has unknown property "${params.additionalProperty}" (not in GitHub's schema)`;
    } else if (error.keyword === "enum" && Array.isArray(params.allowedValues)) {
      message = `must be one of ${params.allowedValues.map((v) => JSON.stringify(v)).join(", ")}`;
    }
    const where = `${prefix}${error.instancePath}`;
    const key = `${where} ${message}`;
    if (seen.has(key)) continue;
    seen.add(key);
    problems.push({ where, message });
  }
  return problems;
}

function jsonContent(content: Record<string, OpenApiMediaType> | undefined): OpenApiMediaType | undefined {
  if (!content) return undefined;
  return content["application/json"] ?? Object.entries(content).find(([type]) => type.endsWith("json"))?.[1];
}

export interface RequestCheck {
  problems: ValidationProblem[];
  /** Path and query parameters, coerced to their schema types, with schema defaults applied. */
  params: Record<string, unknown>;
}

/**
 * Validates path and query parameters of a matched route. Query parameters that the operation does not
 * declare are reported when `forbidUnknown` is set (GitHub ignores them, so a typo would go unnoticed).
 */
export function checkParameters(
  route: Route,
  pathParams: Record<string, string>,
  query: Record<string, string | string[]>,
  forbidUnknown: boolean,
): RequestCheck {
  const problems: ValidationProblem[] = [];
  const declared = route.operation.parameters ?? [];
  const params: Record<string, unknown> = {};
  for (const location of ["path", "query"] as const) {
    const list = declared.filter((p) => p.in === location);
    const data: Record<string, unknown> = location === "path" ? { ...pathParams } : { ...query };
    if (location === "query" && forbidUnknown) {
      for (const name of Object.keys(data)) {
        if (!list.some((p) => p.name === name)) {
          problems.push({ where: `query/${name}`, message: `is not a parameter of ${route.operationId}` });
          delete data[name];
        }
      }
    }
    const validate = cached(`${route.operationId} ${location}`, () => {
      if (list.length === 0) return null;
      paramAjv ??= newAjv("params");
      return paramAjv.compile({
        type: "object",
        properties: Object.fromEntries(
          list.map((p) => [p.name, toJsonSchema(p.schema ?? {}, { forbidUnknownProperties: false })]),
        ),
        required: list.filter((p) => p.required).map((p) => p.name),
      });
    });
    if (validate && !validate(data)) problems.push(...describeErrors(location, validate.errors));
    Object.assign(params, data);
  }
  return { problems, params };
}

/** Validates a JSON request body against the operation's requestBody schema. */
export function checkBody(route: Route, body: unknown, forbidUnknown: boolean): ValidationProblem[] {
  const requestBody = route.operation.requestBody;
  if (!requestBody) {
    const empty = body === undefined || (isObject(body) && Object.keys(body).length === 0);
    return empty ? [] : [{ where: "body", message: `${route.operationId} takes no request body` }];
  }
  if (body === undefined) {
    return requestBody.required ? [{ where: "body", message: "is required" }] : [];
  }
  const validate = cached(`${route.operationId} body ${forbidUnknown}`, () => {
    const schema = jsonContent(requestBody.content)?.schema;
    if (!schema) return null;
    bodyAjv ??= newAjv("body");
    return bodyAjv.compile(toJsonSchema(schema, { forbidUnknownProperties: forbidUnknown }) as JsonObject);
  });
  if (!validate) return [];
  return validate(body) ? [] : describeErrors("body", validate.errors);
}

/** Validates a JSON response the server produced against the description (2xx only). */
export function checkResponse(route: Route, status: number, body: unknown): ValidationProblem[] {
  const validate = cached(`${route.operationId} response ${status}`, () => {
    const response = route.operation.responses[String(status)] ?? route.operation.responses.default;
    const schema = jsonContent(response?.content)?.schema;
    if (!schema) return null;
    responseAjv ??= newAjv("response");
    const translated = toJsonSchema(schema, { forbidUnknownProperties: false }) as JsonObject;
    return responseAjv.compile(shareComponents(responseAjv, translated));
  });
  if (!validate) return [];
  return validate(body) ? [] : describeErrors("response", validate.errors);
}
