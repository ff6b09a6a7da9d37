import { describe, expect, it } from "vitest";
import { reviewTree } from "../../../testing/memory-fs.js";
import { vagueOutcome } from "./vague-outcome.js";

const RULE = "documentation/vague-outcome";
const CODE = { "bot.py": "print('hi')\n" };
const review = async (readme: string) => reviewTree({ ...CODE, "README.md": readme }, [vagueOutcome]);

describe("documentation/vague-outcome", () => {
  it("fires once on the README (no line: it is about the whole README), quoting the learning goal", async () => {
    const report = await review(
      [
        "# Bylaws bot",
        "",
        "My project to learn AI. It's a chatbot that answers questions about the bylaws of Riverton.",
        "",
        "```bash",
        "python bot.py --top-k 4",
        "```",
      ].join("\n"),
    );
    expect(report.findings.map((f) => [f.ruleId, f.file, f.line, f.level])).toEqual([
      [RULE, "README.md", null, "actionable"],
    ]);
    expect(report.findings[0]!.message).toBe(
      'README.md gives the goal as "My project to learn AI." and says nothing measurable about the result: no number, percentage or metric.',
    );
  });

  it.each([
    ["I built this to learn RAG with LangChain.", "I built this to learn RAG with LangChain."],
    ["This repo is for learning how embeddings work.", "This repo is for learning how embeddings work."],
    ["- Built for learning purposes only", "Built for learning purposes only"],
    [
      "I'm learning AI engineering and this is my first agent.",
      "I'm learning AI engineering and this is my first agent.",
    ],
    [
      "Made by Jordan as a weekend project while learning the OpenAI API.",
      "Made by Jordan as a weekend project while learning the OpenAI API.",
    ],
    [
      "This is my project for week 4 of the AI engineering course.",
      "This is my project for week 4 of the AI engineering course.",
    ],
    ["Ask about my notes. I built this while learning about RAG.", "I built this while learning about RAG."],
  ])("quotes the learning goal in %j", async (sentence, quote) => {
    const report = await review(`# Bot\n\n${sentence}\n`);
    expect(report.findings.map((f) => [f.ruleId, f.file])).toEqual([[RULE, "README.md"]]);
    expect(report.findings[0]!.message).toContain(`"${quote}"`);
  });

  it("fires on a README that describes the project but measures nothing", async () => {
    const report = await review(
      "# Tutor Chat\n\n[![ci](https://x/badge.svg)](https://x)\n\nChat with an AI tutor that plays any character.\n\n## Getting started\n\n1. Run `npm start` and open http://localhost:3000\n",
    );
    expect(report.findings.map((f) => [f.ruleId, f.file, f.line, f.message])).toEqual([
      [
        RULE,
        "README.md",
        null,
        "README.md describes the project but says nothing measurable about what it achieves: no number, percentage or metric.",
      ],
    ]);
  });

  it.each([
    ["a product for learners", "An app that helps students to learn Spanish vocabulary."],
    ["a tool description", "I built a tool for kids to learn math with flashcards."],
    ["machine learning", "A machine learning project that predicts house prices."],
    ["'learn more' links", "Click here to learn more about the API."],
    [
      "a phrase inside code",
      "Answers questions about the notes.\n\n```\n# my project to learn AI\npython app.py\n```",
    ],
  ])("does not quote %s as a learning goal", async (_, text) => {
    const report = await review(`# Bot\n\n${text}\n`);
    expect(report.findings.map((f) => f.ruleId)).toEqual([RULE]);
    expect(report.findings[0]!.message).not.toContain("gives the goal as");
  });

  it.each([
    ["a measured result", "My project to learn RAG. It answers 18 of 20 test questions correctly."],
    ["a percentage", "Built to learn agents; 85% of the tickets are routed right."],
    ["a metric with a number", "A learning project.\n\n## Results\n\nAccuracy: 0.91 on the held-out set."],
    ["a time", "I built this to learn RAG: it answers in about 3 seconds."],
    ["a results block", "I built this to learn RAG.\n\n```\nrecall@5 = 0.82\n```"],
    ["a ratio", "A weekend project: 45/50 summaries rated useful."],
    ["a multiple", "Classifies tickets twice as fast as the old rules."],
    ["a cost", "Costs about $0.01 a question."],
    ["a count with a possessive before the total", "It got 17 of my 20 revision questions right."],
    ["a count with an article before the total", "It answered 21 of the 25 questions we logged correctly."],
    [
      "a count wrapped across two lines of a paragraph",
      "It got 17 of\nmy 20 revision questions right when I checked.",
    ],
  ])("stays quiet when the README states %s", async (_, text) => {
    const report = await review(`# Bot\n\n${text}\n`);
    expect(report.findings).toEqual([]);
  });

  it("stays quiet on a README with no sentence about the project, only a title and commands", async () => {
    const report = await review("# x\n\n```\npython app.py\n```\n\n## Usage\n\n- `--top-k`\n");
    expect(report.findings).toEqual([]);
  });

  it("stays quiet with no README (missing-readme speaks) or no code", async () => {
    expect((await reviewTree(CODE, [vagueOutcome])).findings).toEqual([]);
    expect((await reviewTree({ "README.md": "My project to learn AI.\n" }, [vagueOutcome])).findings).toEqual(
      [],
    );
  });
});
