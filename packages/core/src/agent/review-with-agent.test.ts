import { describe, expect, it } from "vitest";
import { parseConfig } from "../config/load-config.js";
import { reportSchema } from "../report/contract.js";
import { review } from "../review.js";
import { snapshotOf } from "../testing/memory-fs.js";
import { answer, apiError, ScriptedChatModel } from "../testing/scripted-chat-model.js";

const TREE = {
  "app.py": [
    "import openai",
    "",
    "def f():",
    "    try:",
    "        openai.chat('hi')",
    "    except:",
    "        pass",
    "",
  ].join("\n"),
};

describe("review with the mentor agent", () => {
  it("adds llm findings beside the detectors' and reports the model's usage in stats.llm", async () => {
    const model = new ScriptedChatModel([
      answer([
        {
          area: "llm-reliability",
          level: "actionable",
          file: "app.py",
          line: 5,
          quote: "openai.chat('hi')",
          message: "This call has no timeout.",
          why: "A stalled request holds your app forever.",
          tryThis: "Pass a timeout and handle the error it raises.",
        },
      ]),
    ]);
    const report = await review(await snapshotOf(TREE), { agent: { model, modelName: "gpt-4o-mini" } });
    expect(() => reportSchema.parse(JSON.parse(JSON.stringify(report)))).not.toThrow();
    expect(report.findings.some((f) => f.source === "detector")).toBe(true);
    expect(report.findings.filter((f) => f.source === "llm")).toHaveLength(1);
    expect(report.stats.llm).toMatchObject({ model: "gpt-4o-mini", skippedReason: null });
    expect(report.stats.llm!.costUsd).toBeGreaterThan(0);
  });

  it("keeps every detector finding when the model fails", async () => {
    const alone = await review(await snapshotOf(TREE));
    const model = new ScriptedChatModel([apiError(401)]);
    const report = await review(await snapshotOf(TREE), { agent: { model, modelName: "gpt-4o-mini" } });
    expect(report.findings.map((f) => f.fingerprint)).toEqual(alone.findings.map((f) => f.fingerprint));
    expect(report.stats.llm?.skippedReason).toMatch(/rejected the API key/);
    expect(alone.stats.llm).toBeUndefined();
  });

  it("takes the mentor's budget and prices from the learner's config, for a model it does not know", async () => {
    const config = parseConfig(
      "llm:\n  context-window: 16000\n  max-prompt-tokens: 9000\n  input-price: 1\n  output-price: 2\n",
      ".github/learnloop.yml",
    );
    if (!config.ok) throw new Error(config.error.message);
    const model = new ScriptedChatModel([answer([])]);
    const report = await review(await snapshotOf(TREE), {
      config: config.value,
      agent: { model, modelName: "llama3.1:8b" },
    });
    const llm = report.stats.llm!;
    expect(llm.promptBudget).toBe(9000);
    expect(llm.costUsd).toBeCloseTo((llm.promptTokens * 1 + llm.completionTokens * 2) / 1e6, 6);
  });
});
