import { describe, expect, it } from "vitest";
import { reviewTree } from "../../../testing/memory-fs.js";
import { ragWithoutRetrievalMetric } from "./rag-without-retrieval-metric.js";

const RULE = "evaluation/rag-without-retrieval-metric";
const RAG = {
  "bot.py": [
    "import chromadb",
    "from openai import OpenAI",
    "collection = chromadb.PersistentClient(path='db').get_or_create_collection('docs')",
    "def retrieve(q, k=4):",
    "    return collection.query(query_texts=[q], n_results=k)",
  ].join("\n"),
  "README.md": "# Bot\n\nAnswers from the top 4 chunks. We recall the context window is 128k.\n",
};

describe("evaluation/rag-without-retrieval-metric", () => {
  it("fires once, for the repo, when a RAG project never measures retrieval", async () => {
    const report = await reviewTree(RAG, [ragWithoutRetrievalMetric]);
    expect(report.findings.map((f) => [f.ruleId, f.file, f.line, f.level])).toEqual([
      [RULE, null, null, "actionable"],
    ]);
    expect(report.findings[0]!.message).toBe(
      "The project retrieves by embeddings (chromadb, in bot.py) but nothing measures retrieval: no recall@k, hit rate, MRR or context recall anywhere.",
    );
  });

  it("fires on a TypeScript app that embeds with the OpenAI SDK", async () => {
    const report = await reviewTree(
      {
        "src/search.ts":
          'import OpenAI from "openai";\nconst e = await client.embeddings.create({ model: "m", input: q });\n',
      },
      [ragWithoutRetrievalMetric],
    );
    expect(report.findings.map((f) => f.message)).toEqual([
      "The project retrieves by embeddings (embeddings, in src/search.ts) but nothing measures retrieval: no recall@k, hit rate, MRR or context recall anywhere.",
    ]);
  });

  it.each([
    ["a hit rate in an eval script", { "evals/retrieval.py": "hit_rate = hits / len(cases)\n" }],
    ["recall@k in the README", { "README.md": "# Bot\n\nRecall@5 is 0.85 on 40 questions.\n" }],
    ["ragas context recall", { "eval.py": "from ragas.metrics import context_recall, faithfulness\n" }],
    [
      "MRR in a notebook",
      {
        "eval.ipynb": JSON.stringify({
          cells: [{ cell_type: "code", source: "mrr = sum(1 / r for r in ranks)", outputs: [] }],
        }),
      },
    ],
    [
      "a LlamaIndex retriever evaluator",
      { "ev.py": "from llama_index.core.evaluation import RetrieverEvaluator\n" },
    ],
    [
      "a deepeval contextual recall metric",
      { "t.py": "from deepeval.metrics import ContextualRecallMetric\n" },
    ],
  ])("stays quiet when there is %s", async (_, extra) => {
    const report = await reviewTree({ ...RAG, ...extra }, [ragWithoutRetrievalMetric]);
    expect(report.findings).toEqual([]);
  });

  it("stays quiet on a project that does not retrieve by embeddings", async () => {
    const report = await reviewTree({ "bot.py": "from openai import OpenAI\nprint('recall this')\n" }, [
      ragWithoutRetrievalMetric,
    ]);
    expect(report.findings).toEqual([]);
  });
});
