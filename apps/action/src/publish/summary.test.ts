import type { Finding, Goal, Report } from "@learnloop/core";
import { describe, expect, it } from "vitest";
import { readState, SUMMARY_MARKER } from "./markers.js";
import { goalsMovedLine, MAX_BODY, MAX_TRACKED, renderSummary } from "./summary.js";

const finding = (fp: string, over: Partial<Finding> = {}): Finding => ({
  ruleId: "code-quality/bare-except",
  area: "code-quality",
  level: "actionable",
  file: "app.py",
  line: 3,
  endLine: 3,
  message: "`except:` catches everything in @team's code",
  why: "Why.",
  tryThis: "Try.",
  learnMore: [],
  assistantPrompt: "p",
  source: "detector",
  fingerprint: fp,
  ...over,
});

const report = (findings: Finding[]): Report => ({
  schemaVersion: 1,
  findings,
  goals: [],
  stats: {
    files: 3,
    bytes: 10,
    skipped: {},
    ms: 5,
    mode: "changes",
    changedFiles: 2,
    detectors: 12,
    threads: 1,
  },
});

const base = {
  head: "b".repeat(40),
  previous: null,
  notInline: [],
  inlineCount: 0,
  tone: "encouraging" as const,
  leftOut: [],
};

describe("renderSummary", () => {
  it("starts with the marker, lists gaps by area, strengths, and stores the open findings in its state", () => {
    const strength = finding("s", {
      level: "celebratory",
      ruleId: "ml-methodology/seeded-randomness",
      area: "ml-methodology",
      message: "Seeds fixed.",
    });
    const summary = renderSummary({ ...base, report: report([finding("1"), strength]) });
    expect(summary.body.startsWith(SUMMARY_MARKER)).toBe(true);
    expect(summary.body).toContain("**Code quality**");
    expect(summary.body).toContain("### What you did well");
    expect(summary.body).toContain("@\u200bteam");
    expect(readState(summary.body)).toEqual({
      v: 1,
      head: base.head,
      open: [{ fp: "1", file: "app.py", rule: "code-quality/bare-except" }],
    });
  });

  it("says what moved since the last run: resolved gaps and new ones", () => {
    const previous = {
      v: 1 as const,
      head: "a".repeat(40),
      open: [
        { fp: "old", file: "x.py", rule: "data/absolute-path" },
        { fp: "1", file: "app.py", rule: "code-quality/bare-except" },
      ],
    };
    const summary = renderSummary({
      ...base,
      previous,
      report: report([finding("1"), finding("2", { line: 9 })]),
    });
    expect(summary.resolved.map((r) => r.fp)).toEqual(["old"]);
    expect(summary.body).toContain("✅ 1 gap resolved since the last review, 1 new");
    expect(summary.body).toContain("`data/absolute-path` in `x.py`");
  });

  it("stays under GitHub's limit however many findings there are, and says what it left out", () => {
    const many = Array.from({ length: 3000 }, (_, i) =>
      finding(`f${i}`, { line: i + 1, message: "x".repeat(100) }),
    );
    const summary = renderSummary({ ...base, report: report(many), notInline: many });
    expect(summary.body.length).toBeLessThanOrEqual(MAX_BODY);
    expect(summary.body).toContain("left out to fit GitHub's comment limit");
    expect(readState(summary.body)?.open).toHaveLength(MAX_TRACKED);
  });

  it("says in one line which goals moved, coaches a vague outcome, and drops the goals list the issue now holds", () => {
    const goal = (id: string, text: string): Goal => ({
      id,
      area: "testing",
      text,
      status: "done",
      source: id,
      evidence: { pr: 7, commit: "abc" },
    });
    const moved = {
      issue: 4,
      done: [goal("a/x", "Write 3 tests"), goal("b/y", "Pin versions @team")],
      added: [{ ...goal("c/z", "Add an eval set"), status: "open" as const, evidence: null }],
      coaching: [
        { subject: "outcome" as const, quote: "learn AI", rewrite: "A bot that answers 18 of 20 questions" },
      ],
    };
    expect(goalsMovedLine(moved)).toBe(
      "🎯 2 goals done in this PR: *Write 3 tests*, *Pin versions @\u200bteam* · 1 new goal: *Add an eval set* (your learning goals: #4).",
    );
    expect(goalsMovedLine({ ...moved, done: [], added: [] })).toBe(
      "🎯 No goal moved this time (your learning goals: #4).",
    );
    const withGoals = { ...report([finding("1")]), goals: [goal("a/x", "Write 3 tests")] };
    const summary = renderSummary({ ...base, report: withGoals, goals: moved });
    expect(summary.body).toContain(goalsMovedLine(moved));
    expect(summary.body).toContain(
      '💡 Try an outcome you can check, like: **A bot that answers 18 of 20 questions**. "learn AI"',
    );
    expect(summary.body).not.toContain("### Goals to write down");
    expect(renderSummary({ ...base, report: withGoals }).body).toContain("### Goals to write down");
  });
});
