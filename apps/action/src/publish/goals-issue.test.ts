import type { Goal } from "@learnloop/core";
import { describe, expect, it } from "vitest";
import { initialBody, mergeBody, renderBlock } from "./goals-issue.js";

const goal = (id: string, text: string): Goal => ({
  id,
  area: "testing",
  text,
  status: "open",
  source: id,
  evidence: null,
});
const evidence = { label: "#7" };

describe("the learning-goals block", () => {
  it("keeps every learner line outside the block byte for byte", () => {
    const first = initialBody(
      renderBlock([], [goal("testing/missing-tests", "Write 3 tests")], false, evidence),
      "A bot",
    );
    const edited = `${first}\r\n- [ ] Learn to order dinner in French ✨\n\`\`\`\ncode the learner pasted\n\`\`\`\n`;
    const next = mergeBody(
      edited,
      renderBlock([], [goal("data/absolute-path", "Relative paths")], false, evidence),
    );
    expect(
      next.endsWith("- [ ] Learn to order dinner in French ✨\n```\ncode the learner pasted\n```\n"),
    ).toBe(true);
    expect(next).toContain("Relative paths");
    expect(next.slice(0, next.indexOf("<!-- learnloop:goals:start -->"))).toBe(
      edited.slice(0, edited.indexOf("<!-- learnloop:goals:start -->")),
    );
  });

  it("keeps a learner's tick, and ticks with evidence only on a full review when the gap is gone", () => {
    const block = renderBlock([], [goal("a/x", "Goal A"), goal("b/y", "Goal B")], true, evidence);
    const ticked = block.replace("- [ ] Goal A", "- [x] Goal A");
    const previous = ticked
      .split("\n")
      .slice(1, -1)
      .map((line) => {
        const m = /^- \[( |x)\] .*<!-- goal:(\S+) -->$/.exec(line)!;
        return { id: m[2]!, done: m[1] === "x", line };
      });
    const partial = renderBlock(previous, [goal("a/x", "Goal A")], false, evidence);
    expect(partial).toContain("- [x] Goal A");
    expect(partial).toContain("- [ ] Goal B");
    const full = renderBlock(previous, [goal("a/x", "Goal A")], true, evidence);
    expect(full).toContain("- [x] Goal B (Testing) · shown in #7 <!-- goal:b/y -->");
  });

  it("never wipes a body whose markers were deleted by hand: the block is appended", () => {
    const body = "My notes\n- [ ] my goal";
    expect(mergeBody(body, "<!-- learnloop:goals:start -->\nX\n<!-- learnloop:goals:end -->")).toBe(
      "My notes\n- [ ] my goal\n\n<!-- learnloop:goals:start -->\nX\n<!-- learnloop:goals:end -->\n",
    );
  });
});
