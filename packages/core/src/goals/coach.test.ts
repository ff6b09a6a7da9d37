import { describe, expect, it } from "vitest";
import { DETECTORS } from "../detectors/registry.js";
import { finding, reportOf } from "../testing/reports.js";
import { coach, coachingLines, isVague } from "./coach.js";

const metaOf = (id: string) => DETECTORS.find((d) => d.meta.id === id)?.meta;

describe("goal coaching", () => {
  it("tells a vague goal from a specific one", () => {
    for (const vague of [
      "learn AI",
      "Get better at ML",
      "understand LLMs",
      "testing",
      "AI stuff",
      "learn more",
    ])
      expect(isVague(vague), vague).toBe(true);
    for (const specific of [
      "Learn to order dinner in French",
      "Add retries with backoff to the OpenAI call in bot.py",
      "Answer 18 of 20 bylaw questions correctly",
      "Write an eval set for the RAG bot and report accuracy",
    ])
      expect(isVague(specific), specific).toBe(false);
  });

  it("rewrites a vague outcome from what the repo does: a RAG project gets a question-answering outcome on its file", () => {
    const report = reportOf([
      finding("llm-mechanics/chunking-without-overlap", "rag/index.py"),
      finding("llm-reliability/raw-http-without-timeout", "rag/index.py"),
      finding("testing/missing-tests", null, "essential"),
    ]);
    const [c] = coach({ outcome: "learn AI", goals: [] }, report, metaOf);
    expect(c).toEqual({
      subject: "outcome",
      quote: "learn AI",
      rewrite:
        "A question-answering bot over my documents (rag/index.py) that answers 18 of 20 test questions correctly and cites the source",
    });
  });

  it("rewrites a vague goal into the specific goal of a gap the repo has, in the area it names", () => {
    const report = reportOf([
      finding("code-quality/bare-except", "app.py"),
      finding("testing/missing-tests", null, "essential"),
    ]);
    const coaching = coach(
      { outcome: "Answers 18 of 20 questions", goals: ["get better at testing"] },
      report,
      metaOf,
    );
    expect(coaching).toHaveLength(1);
    expect(coaching[0]!.subject).toBe("goal");
    expect(coaching[0]!.rewrite).toBe(metaOf("testing/missing-tests")!.goal);
  });

  it("says it kindly: recommendation first, no blame words", () => {
    const report = reportOf([finding("code-quality/bare-except", "app.py")]);
    const lines = coachingLines(
      coach({ outcome: "learn AI", goals: ["learn ML"] }, report, metaOf),
      (s) => s,
    );
    expect(lines).toHaveLength(2);
    for (const line of lines) {
      expect(line).toMatch(/^💡 (Try|Your goal)/);
      expect(line).not.toMatch(/\b(just|simply|obviously|wrong|bad)\b/i);
    }
    expect(lines[1]).toContain("(start with app.py)");
  });
});
