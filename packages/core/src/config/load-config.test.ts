import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { DEFAULT_CONFIG } from "./defaults.js";
import { configJsonSchema } from "./json-schema.js";
import { parseConfig } from "./load-config.js";
import { configSchema } from "./schema.js";

const errorOf = (text: string) => {
  const result = parseConfig(text, ".github/learnloop.yml");
  if (result.ok) throw new Error("expected an error");
  return result.error.message;
};

describe("parseConfig", () => {
  it("reads every setting", () => {
    const result = parseConfig(
      [
        "outcome: A bot that answers questions about my city's bylaws, 90% right on 50 test questions",
        "focus: [evaluation, testing]",
        "skip:",
        "  - documentation",
        "ignore: ['data/**']",
        "max-inline-comments: 5",
        "tone: concise",
        "model: gpt-4.1-mini",
      ].join("\n"),
      "learnloop.yml",
    );
    expect(result).toEqual({
      ok: true,
      value: {
        outcome: "A bot that answers questions about my city's bylaws, 90% right on 50 test questions",
        focus: ["evaluation", "testing"],
        skip: ["documentation"],
        ignore: ["data/**"],
        "max-inline-comments": 5,
        tone: "concise",
        model: "gpt-4.1-mini",
      },
    });
  });

  it("writes out the defaults as the schema makes them (a review with no config file never loads the schema)", () => {
    expect(configSchema.parse({})).toEqual(DEFAULT_CONFIG);
  });

  it("treats an empty file or comments only as the defaults", () => {
    expect(parseConfig("", "x.yml")).toEqual({ ok: true, value: DEFAULT_CONFIG });
    expect(parseConfig("# nothing yet\n", "x.yml")).toEqual({ ok: true, value: DEFAULT_CONFIG });
  });

  it("names the key and the line of an unknown setting", () => {
    expect(errorOf("outcome: ok\nfocuss: [testing]\n")).toMatch(
      /^\.github\/learnloop\.yml:2: focuss: unknown setting/,
    );
  });

  it("names the list item and its line for a value that is not allowed", () => {
    expect(errorOf("focus:\n  - testing\n  - testin\n")).toBe(
      '.github/learnloop.yml:3: focus.1: must be one of "testing", "evaluation", "llm-reliability", "llm-mechanics", "security", "ml-methodology", "data", "reproducibility", "observability", "code-quality", "system-design", "documentation"',
    );
  });

  it("names the key and line of a value of the wrong type", () => {
    expect(errorOf("tone: concise\nmax-inline-comments: lots\n")).toMatch(
      /^\.github\/learnloop\.yml:2: max-inline-comments: expected number/,
    );
  });

  it("reports invalid YAML with its line, in one line", () => {
    const message = errorOf("outcome: ok\nfocus: [testing\n");
    expect(message).toMatch(/^\.github\/learnloop\.yml:\d+: invalid YAML: /);
    expect(message).not.toContain("\n");
  });

  it("rejects a duplicated key and a file that is not a mapping", () => {
    expect(errorOf("tone: concise\ntone: encouraging\n")).toMatch(
      /^\.github\/learnloop\.yml:2: invalid YAML: .*unique/i,
    );
    expect(errorOf("- testing\n")).toBe(
      ".github/learnloop.yml:1: expected a mapping of settings (key: value), got a list",
    );
  });
});

describe("the committed JSON Schema", () => {
  it("is the one generated from the zod schema (run `pnpm --filter @learnloop/core schema` after changing it)", () => {
    const committed = JSON.parse(
      readFileSync(new URL("../../../../docs/learnloop.schema.json", import.meta.url), "utf8"),
    );
    expect(committed).toEqual(configJsonSchema());
  });

  it("describes every setting of the zod schema", () => {
    const schema = configJsonSchema() as { properties: Record<string, { description?: string }> };
    expect(Object.keys(schema.properties).sort()).toEqual(Object.keys(configSchema.shape).sort());
    for (const property of Object.values(schema.properties)) expect(property.description).toBeTruthy();
  });
});
