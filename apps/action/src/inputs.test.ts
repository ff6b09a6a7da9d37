import { describe, expect, it } from "vitest";
import { readInputs } from "./inputs.js";

const reader = (values: Record<string, string>) => (name: string) => values[name] ?? "";

describe("readInputs", () => {
  it("applies the defaults of action.yml", () => {
    expect(readInputs(reader({ "github-token": "t" }))).toEqual({
      ok: true,
      value: {
        githubToken: "t",
        openaiApiKey: null,
        openaiBaseUrl: null,
        model: null,
        configPath: ".github/learnloop.yml",
        maxInlineComments: null,
        goalsIssue: "true",
        failOn: "none",
      },
    });
  });

  it.each([
    [{ "github-token": "" }, /^input github-token is empty/],
    [
      { "github-token": "t", "max-inline-comments": "ten" },
      /^input max-inline-comments must be a whole number/,
    ],
    [{ "github-token": "t", "max-inline-comments": "99" }, /^input max-inline-comments must be at most 50$/],
    [{ "github-token": "t", "fail-on": "warning" }, /^input fail-on must be "none" or "essential"$/],
    [
      { "github-token": "t", "goals-issue": "yes" },
      /^input goals-issue must be "true", "false" or "reopen"$/,
    ],
    [
      { "github-token": "t", "openai-base-url": "ftp://x" },
      /^input openai-base-url must be an http\(s\) URL$/,
    ],
  ])("rejects %o in one line", (values, message) => {
    const result = readInputs(reader(values));
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.message).toMatch(message);
  });
});
