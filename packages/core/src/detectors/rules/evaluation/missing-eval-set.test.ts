import { describe, expect, it } from "vitest";
import { reviewTree } from "../../../testing/memory-fs.js";
import { missingEvalSet } from "./missing-eval-set.js";

const RULE = "evaluation/missing-eval-set";
const BOT = {
  "bot.py":
    "from openai import OpenAI\nclient = OpenAI()\ndef answer(q):\n    return client.responses.create(model='m', input=q).output_text\n",
  "data/questions.csv": "question,topic\nCan I park overnight?,parking\n",
  "tests/test_chunk.py": "def test_chunk():\n    expected = ['a']\n    assert chunk('a') == expected\n",
};

describe("evaluation/missing-eval-set", () => {
  it("fires once, for the repo, when a project calls a model and has no eval set", async () => {
    const report = await reviewTree(BOT, [missingEvalSet]);
    expect(report.findings.map((f) => [f.ruleId, f.file, f.line, f.level])).toEqual([
      [RULE, null, null, "essential"],
    ]);
    expect(report.findings[0]!.message).toBe(
      "The project calls a model (openai, in bot.py) but has no eval set: no questions with expected answers to score its replies against.",
    );
  });

  it("fires for a TypeScript app and a notebook, naming the first model call", async () => {
    const notebook = JSON.stringify({
      cells: [{ cell_type: "code", source: "import anthropic\nanthropic.Anthropic()", outputs: [] }],
    });
    const report = await reviewTree(
      { "src/chat.ts": 'import OpenAI from "openai";\n', "notes/try.ipynb": notebook },
      [missingEvalSet],
    );
    expect(report.findings.map((f) => f.message)).toEqual([
      "The project calls a model (anthropic, in notes/try.ipynb) but has no eval set: no questions with expected answers to score its replies against.",
    ]);
  });

  it("fires on a project that calls a model API over HTTP, without an SDK", async () => {
    const report = await reviewTree(
      {
        "summarize.py": 'import requests\nAPI_URL = "https://api.openai.com/v1/chat/completions"\n',
        "lib/openai.ts": 'export const URL = "https://api.openai.com/v1/responses";\n',
      },
      [missingEvalSet],
    );
    expect(report.findings.map((f) => f.message)).toEqual([
      "The project calls a model (api.openai.com, in lib/openai.ts) but has no eval set: no questions with expected answers to score its replies against.",
    ]);
  });

  it.each([
    ["an evals folder", { "evals/cases.yaml": "- q: hi\n" }],
    ["an eval script", { "run_eval.py": "print(1)\n" }],
    ["a golden set", { "data/golden.jsonl": "{}\n" }],
    ["a promptfoo config", { "promptfooconfig.yaml": "prompts: [p.txt]\n" }],
    ["a ragas import", { "score.py": "from ragas import evaluate\n" }],
    ["a deepeval test", { "tests/test_llm.py": "from deepeval import assert_test\n" }],
    ["expected answers in code", { "check.py": "cases = [{'q': 'hi', 'expected_answer': 'hello'}]\n" }],
    ["a question/expected csv", { "data/qa.csv": "question,expected_answer\nCan I park?,No\n" }],
    ["a question/answer jsonl", { "data/pairs.jsonl": '{"question": "Can I park?", "answer": "No"}\n' }],
    ["expected answers in a file name", { "data/expected_answers.txt": "No\n" }],
  ])("stays quiet when there is %s", async (_, extra) => {
    const report = await reviewTree({ ...BOT, ...extra }, [missingEvalSet]);
    expect(report.findings).toEqual([]);
  });

  it("does not take any file named `expected`, nor retrieval.py, for an eval set", async () => {
    const report = await reviewTree(
      {
        ...BOT,
        "expected.json": '{"findings": []}\n',
        "tests/expected/output.txt": "x\n",
        "retrieval.py": "expected = top_k\n",
        "medieval/notes.md": "x\n",
      },
      [missingEvalSet],
    );
    expect(report.findings.map((f) => f.ruleId)).toEqual([RULE]);
  });

  it("stays quiet when no model is called: no LLM library, or only transformers (a classifier)", async () => {
    expect((await reviewTree({ "app.py": "import requests\n" }, [missingEvalSet])).findings).toEqual([]);
    expect(
      (
        await reviewTree({ "train.py": "from transformers import AutoModelForSequenceClassification\n" }, [
          missingEvalSet,
        ])
      ).findings,
    ).toEqual([]);
  });
});
