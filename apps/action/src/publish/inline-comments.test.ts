import type { Finding } from "@learnloop/core";
import { describe, expect, it } from "vitest";
import { inlineCommentBody, planInline } from "./inline-comments.js";
import { fingerprintOf } from "./markers.js";

const finding = (over: Partial<Finding>): Finding => ({
  ruleId: "code-quality/bare-except",
  area: "code-quality",
  level: "actionable",
  file: "app.py",
  line: 3,
  endLine: 3,
  message: "`except:` here catches every error.",
  why: "Why.",
  tryThis: "Try.",
  learnMore: ["https://docs.python.org/3/tutorial/errors.html"],
  assistantPrompt: "Explain ```code``` to me",
  source: "detector",
  fingerprint: "aaaaaaaaaaaaaaaa",
  ...over,
});

describe("planInline", () => {
  const commentable = new Map([["app.py", new Set([3, 4, 5])]]);

  it("puts findings on commentable lines inline, the rest in the summary, nothing twice", () => {
    const plan = planInline(
      [
        finding({ fingerprint: "1", line: 3 }),
        finding({ fingerprint: "2", line: 40 }),
        finding({ fingerprint: "3", file: null, line: null }),
        finding({ fingerprint: "4", line: 4 }),
        finding({ fingerprint: "5", line: 5, level: "celebratory" }),
      ],
      commentable,
      new Set(["4"]),
      10,
    );
    expect(plan.inline.map((f) => f.fingerprint)).toEqual(["1"]);
    expect(plan.summaryOnly.map((f) => f.fingerprint)).toEqual(["2", "3"]);
    expect(plan.alreadyPosted.map((f) => f.fingerprint)).toEqual(["4"]);
  });

  it("comments inline on a notebook when its .ipynb line is on the diff, and not when it is off it", () => {
    const notebook = new Map([["nb.ipynb", new Set([41, 42])]]);
    const plan = planInline(
      [
        finding({
          fingerprint: "on",
          file: "nb.ipynb",
          line: 42,
          message: "In cell 3, line 2: `except:` here.",
        }),
        finding({ fingerprint: "off", file: "nb.ipynb", line: 4 }),
      ],
      notebook,
      new Set(),
      10,
    );
    expect(plan.inline.map((f) => f.fingerprint)).toEqual(["on"]);
    expect(plan.summaryOnly.map((f) => f.fingerprint)).toEqual(["off"]);
    expect(inlineCommentBody(plan.inline[0]!, "concise")).toContain("In cell 3, line 2:");
  });

  it("keeps to the inline limit and moves the overflow to the summary", () => {
    const plan = planInline(
      [finding({ fingerprint: "1" }), finding({ fingerprint: "2", line: 4 })],
      commentable,
      new Set(),
      1,
    );
    expect(plan.inline).toHaveLength(1);
    expect(plan.summaryOnly.map((f) => f.fingerprint)).toEqual(["2"]);
  });
});

describe("inlineCommentBody", () => {
  it("carries the fingerprint marker, the why unless concise, and a prompt fence that cannot break", () => {
    const body = inlineCommentBody(finding({}), "encouraging");
    expect(fingerprintOf(body)).toBe("aaaaaaaaaaaaaaaa");
    expect(body).toContain("**Why it matters:** Why.");
    expect(body).toContain("````text\nExplain ```code``` to me\n````");
    expect(inlineCommentBody(finding({}), "concise")).not.toContain("Why it matters");
  });
});
