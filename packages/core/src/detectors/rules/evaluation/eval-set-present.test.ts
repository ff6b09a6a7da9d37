import { describe, expect, it } from "vitest";
import { reviewTree } from "../../../testing/memory-fs.js";
import { evalSetPresent } from "./eval-set-present.js";

const RULE = "evaluation/eval-set-present";
const BOT = { "bot.py": "from openai import OpenAI\n" };

describe("evaluation/eval-set-present", () => {
  it("celebrates a data file of questions with expected answers, at the line that reads it", async () => {
    const report = await reviewTree(
      {
        ...BOT,
        "evals/questions.jsonl": '{"question": "Can I park overnight?", "expected": "No"}\n',
        "evals/run_eval.py": [
          "import json",
          "from bot import answer",
          "cases = [json.loads(l) for l in open('evals/questions.jsonl')]",
          "print(sum(c['expected'] in answer(c['question']) for c in cases))",
        ].join("\n"),
      },
      [evalSetPresent],
    );
    expect(report.findings.map((f) => [f.ruleId, f.file, f.line, f.level])).toEqual([
      [RULE, "evals/run_eval.py", 3, "celebratory"],
    ]);
    expect(report.findings[0]!.message).toBe(
      "An eval set with expected answers is in use: evals/questions.jsonl, read in evals/run_eval.py.",
    );
    expect(report.goals).toEqual([]);
  });

  it("celebrates a csv with a ground_truth column anywhere, a YAML eval set, and a promptfoo config with asserts", async () => {
    const read = async (data: string, text: string, reader: string) =>
      (await reviewTree({ ...BOT, [data]: text, "score.py": reader }, [evalSetPresent])).findings.map((f) => [
        f.file,
        f.line,
      ]);
    const csv = await read(
      "data/qa.csv",
      "query,ground_truth\nCan I park?,No\n",
      'import pandas as pd\ndf = pd.read_csv("data/qa.csv")\n',
    );
    expect(csv).toEqual([["score.py", 2]]);
    // Read with the YAML reader, which the rule loads (its `prepare`) only for a repo with YAML data files.
    const yaml = await read(
      "data/cases.yml",
      "cases:\n  - question: Can I park overnight?\n    expected_answer: No\n",
      'import yaml\ncases = yaml.safe_load(open("data/cases.yml"))["cases"]\n',
    );
    expect(yaml).toEqual([["score.py", 2]]);
    const promptfoo = await reviewTree(
      {
        "promptfooconfig.yaml":
          "prompts: [prompt.txt]\ntests:\n  - vars: { q: hi }\n    assert:\n      - type: contains\n        value: hello\n",
      },
      [evalSetPresent],
    );
    expect(promptfoo.findings.map((f) => [f.file, f.line])).toEqual([["promptfooconfig.yaml", 2]]);
  });

  it("celebrates an eval script with expected outputs written in it", async () => {
    const report = await reviewTree(
      {
        "eval.py":
          "from bot import answer\nCASES = [\n    {'question': 'Can I park?', 'expected': 'No'},\n]\n",
      },
      [evalSetPresent],
    );
    expect(report.findings.map((f) => [f.file, f.line])).toEqual([["eval.py", 3]]);
  });

  it("stays quiet on an eval set nobody reads, a corpus without expected answers, a bare FAQ and a unit-test fixture", async () => {
    const report = await reviewTree(
      {
        ...BOT,
        "evals/questions.jsonl": '{"question": "Can I park overnight?", "expected": "No"}\n',
        "data/questions.csv": "question,topic\nCan I park?,parking\n",
        "data/faq.csv": "question,answer\nCan I park?,No\n",
        "ingest.py": 'rows = open("data/questions.csv")\nfaq = open("data/faq.csv")\n',
        "tests/test_chunk.py": "def test_chunk():\n    expected = ['a']\n    assert chunk('a') == expected\n",
        "promptfooconfig.yaml": "prompts: [prompt.txt]\nproviders: [openai:gpt-4o-mini]\n",
        "tests/fixtures/chunks.json": '[{"input": "abc", "expected": ["ab", "c"]}]\n',
        "tests/test_chunks.py": "import json\ncases = json.load(open('tests/fixtures/chunks.json'))\n",
      },
      [evalSetPresent],
    );
    expect(report.findings).toEqual([]);
  });
});
