// Reads learnloop.yml text into a validated config; a mistake comes back as one line naming the key and the line.
import { isNode, LineCounter, parseDocument } from "yaml";
import type { z } from "zod";
import { fail, ok, type Result } from "../result.js";
import { configSchema, type LearnloopConfig } from "./schema.js";

export function parseConfig(text: string, fileName: string): Result<LearnloopConfig> {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true });
  const lineOf = (offset: number | undefined) =>
    offset === undefined ? 1 : lineCounter.linePos(offset).line;

  const yamlError = doc.errors[0];
  if (yamlError) {
    const firstLine = yamlError.message.split("\n")[0] ?? "invalid YAML";
    return fail("invalid-config", `${fileName}:${lineOf(yamlError.pos[0])}: invalid YAML: ${firstLine}`);
  }
  const data: unknown = doc.toJS() ?? {};
  if (typeof data !== "object" || Array.isArray(data)) {
    return fail(
      "invalid-config",
      `${fileName}:1: expected a mapping of settings (key: value), got ${describe(data)}`,
    );
  }

  const parsed = configSchema.safeParse(data);
  if (parsed.success) return ok(parsed.data);

  const issue = parsed.error.issues[0]!;
  const path = issue.code === "unrecognized_keys" ? [...issue.path, issue.keys[0]!] : issue.path;
  const node = doc.getIn(path as (string | number)[], true);
  const keyNode =
    issue.code === "unrecognized_keys" ? findKey(doc, issue.path, String(issue.keys[0])) : undefined;
  const offset = keyNode ?? (isNode(node) ? node.range?.[0] : undefined);
  const key = path.length > 0 ? path.map(String).join(".") : "(top level)";
  return fail("invalid-config", `${fileName}:${lineOf(offset)}: ${key}: ${explain(issue)}`);
}

function findKey(
  doc: ReturnType<typeof parseDocument>,
  parent: PropertyKey[],
  key: string,
): number | undefined {
  const map = parent.length === 0 ? doc.contents : doc.getIn(parent as (string | number)[], true);
  if (!map || typeof map !== "object" || !("items" in map) || !Array.isArray(map.items)) return undefined;
  for (const pair of map.items as { key?: unknown }[]) {
    const k = pair.key;
    if (isNode(k) && "value" in k && String(k.value) === key) return k.range?.[0];
  }
  return undefined;
}

function explain(issue: z.core.$ZodIssue): string {
  switch (issue.code) {
    case "unrecognized_keys":
      return `unknown setting (known: ${Object.keys(configSchema.shape).join(", ")})`;
    case "invalid_value":
      return `must be one of ${issue.values.map((v) => JSON.stringify(v)).join(", ")}`;
    default:
      return issue.message.replace(/^Invalid input: /, "");
  }
}

function describe(value: unknown): string {
  if (value === null) return "nothing";
  if (Array.isArray(value)) return "a list";
  return `a ${typeof value}`;
}
