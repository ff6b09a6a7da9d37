import { describe, expect, it } from "vitest";
import { reviewTree } from "../../../testing/memory-fs.js";
import { measurableOutcomeStated } from "./measurable-outcome.js";

const RULE = "documentation/measurable-outcome";
const CODE = { "bot.py": "print('hi')\n" };

describe("documentation/measurable-outcome", () => {
  it("celebrates once, at the first line that states a measurable result", async () => {
    const readme = [
      "# Bylaws bot",
      "",
      "Answers questions about the bylaws of Riverton, with sources.",
      "",
      "**Answers 18 of 20 test questions correctly** in under 3 seconds.",
      "",
      "Accuracy: 0.91",
    ].join("\n");
    const report = await reviewTree({ ...CODE, "README.md": readme }, [measurableOutcomeStated]);
    expect(report.findings.map((f) => [f.ruleId, f.file, f.line, f.level])).toEqual([
      [RULE, "README.md", 5, "celebratory"],
    ]);
    expect(report.findings[0]!.message).toBe(
      'README.md states a measurable outcome: "Answers 18 of 20 test questions correctly in under 3 seconds."',
    );
    expect(report.goals).toEqual([]);
  });

  it.each([
    "Recall@5 is 0.82 on 40 questions.",
    "- F1 score of 0.87 on the test split",
    "Routes 92% of tickets to the right team.",
    "Costs $0.002 per question.",
    "Hit rate: 0.75",
  ])("celebrates %j", async (line) => {
    const report = await reviewTree({ ...CODE, "README.md": `# Bot\n\n${line}\n` }, [
      measurableOutcomeStated,
    ]);
    expect(report.findings.map((f) => [f.ruleId, f.line])).toEqual([[RULE, 3]]);
  });

  it("stays quiet on numbers that are not results: versions, settings, steps, plans and code", async () => {
    const readme = [
      "# Bot v2",
      "",
      "Requires Python 3.11 and Node 20. Uses the top 4 chunks of 800 characters.",
      "",
      "1. Install it",
      "2. Step 2 of 3: run it",
      "",
      "We want to improve accuracy in version 3.",
      "Set up in 5 minutes.",
      "",
      "```",
      "accuracy: 0.91",
      "```",
      "Check `recall@5 = 0.8` later.",
    ].join("\n");
    const report = await reviewTree({ ...CODE, "README.md": readme }, [measurableOutcomeStated]);
    expect(report.findings).toEqual([]);
  });
});
