import { describe, expect, it } from "vitest";
import type { Finding, LlmStats, Report } from "../report/contract.js";
import { reportOf } from "../testing/reports.js";
import { renderMarkdown } from "./markdown.js";
import { mentorLine } from "./summary.js";

const report = (llm: LlmStats | undefined, findings: Partial<Finding>[] = []): Report =>
  reportOf(findings as Finding[], { llm });

const base: LlmStats = {
  model: "gpt-4o-mini",
  promptTokens: 12_345,
  completionTokens: 678,
  costUsd: 0.002259,
  dropped: 1,
  moved: 2,
  skippedReason: null,
};

describe("mentorLine", () => {
  it("is absent when the mentor was not asked", () => {
    expect(mentorLine(report(undefined))).toBeNull();
  });

  it("states model, tokens, cost, dropped, moved and what was left out", () => {
    const line = mentorLine(
      report({ ...base, leftOut: ["a.py", "b.py", "c.py", "d.py", "e.py", "f.py"], promptBudget: 24_000 }, [
        { source: "llm" },
        { source: "detector" },
      ]),
    );
    expect(line).toBe(
      "Mentor (gpt-4o-mini): 1 finding, 12,345 prompt + 678 completion tokens, about $0.0023 · 1 dropped (unverifiable or not feedback) · 2 moved to the lines they quote · left out of the 24,000-token prompt: a.py, b.py, c.py, d.py, e.py (+1 more)",
    );
  });

  it("says why the mentor was skipped, and that the findings are the detectors' alone", () => {
    const line = mentorLine(
      report({
        ...base,
        promptTokens: 0,
        completionTokens: 0,
        costUsd: 0,
        skippedReason: "the model account is out of credit (insufficient_quota)",
      }),
    );
    expect(line).toBe(
      "Mentor (gpt-4o-mini) skipped: the model account is out of credit (insufficient_quota). These findings are from the detectors alone.",
    );
  });

  it("does not invent a price for an unknown model", () => {
    expect(mentorLine(report({ ...base, model: "llama3.1:8b", costUsd: 0 }))).toContain("cost unknown");
  });

  it("keeps file names inert in Markdown", () => {
    const md = renderMarkdown(report({ ...base, leftOut: ["<img src=x>.py", "@everyone.py"] }), {
      title: "t",
    });
    expect(md).not.toMatch(/<img|@everyone/);
  });
});
