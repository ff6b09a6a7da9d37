// evaluation/rag-without-retrieval-metric: a RAG project that never measures whether retrieval finds the right chunks.
import { allRead } from "../../lib/eval-sets.js";
import { RAG_LIBRARIES, type RepoView } from "../../repo-view.js";
import type { RepoDetector } from "../../types.js";

/** Names of retrieval metrics and of the tools that compute them, in code, configs or notes. */
const RETRIEVAL_METRIC =
  /recall\s*@\s*\d|recall_at_k|recall_at_\d|recall@k|precision\s*@\s*\d|precision_at_k|precision_at_\d|hit[_ -]?rate|hits\s*@\s*\d|hits_at_k|\bmrr\b|reciprocal[_ -]rank|\bn?dcg\b|ndcg_at|map\s*@\s*\d|context[_ -]?(recall|precision|relevancy|relevance|entity_recall)|Contextual(Recall|Precision|Relevancy)Metric|Context(Recall|Precision)\b|RetrieverEvaluator|RetrievalEvaluator|retrieval[_ -](eval|evaluation|metric|metrics|score|accuracy|recall|precision|quality)|evaluate_retriev|top[_ -]?k[_ -]accuracy|pytrec_eval|ir_measures|\branx\b|\bbeir\b/i;
const SEARCHED = /\.(py|ipynb|[cm]?[jt]sx?|md|markdown|rst|txt|ya?ml|json|toml)$/i;
const CONFIG_NOISE = /(^|\/)(package-lock\.json|pnpm-lock\.yaml|yarn\.lock|poetry\.lock|uv\.lock)$/;

/** The first library or call through which the project retrieves by embeddings. */
function firstRetrieval(repo: RepoView): { what: string; file: string } | null {
  for (const file of repo.files) {
    for (const imported of repo.importsOf(file)) {
      const library = RAG_LIBRARIES.find(
        (m) => imported === m || imported.startsWith(`${m}.`) || imported.startsWith(`${m}/`),
      );
      if (library) return { what: library, file: file.path };
    }
  }
  const embedding = repo.files.find((f) => /\bembeddings?\.create\(|Embeddings\(/.test(f.text));
  return embedding ? { what: "embeddings", file: embedding.path } : null;
}

export const ragWithoutRetrievalMetric: RepoDetector = {
  scope: "repo",
  meta: {
    id: "evaluation/rag-without-retrieval-metric",
    area: "evaluation",
    level: "actionable",
    title: "Retrieval is never measured: no recall@k, hit rate or MRR",
    why: "In a RAG app most wrong answers start with retrieval: the chunk that holds the answer is not among the ones given to the model. Measuring retrieval on its own (is the right source in the top k?) tells you whether to fix chunking and search or the prompt, and shows whether a change helped.",
    tryThis:
      "For 20 questions, write down which document holds the answer; run only the retriever and compute hit rate at k (the share of questions whose source is in the top k results) for k = 1, 3 and 5.",
    learnMore: [
      "https://docs.ragas.io/en/stable/concepts/metrics/available_metrics/context_recall/",
      "https://docs.llamaindex.ai/en/stable/module_guides/evaluating/usage_pattern_retrieval/",
      "https://en.wikipedia.org/wiki/Evaluation_measures_(information_retrieval)",
    ],
    example: {
      language: "python",
      file: "evals/retrieval.py",
      bad: 'chunks, sources = retrieve("Can I park overnight?")\nprint(sources)',
      good: 'cases = [("Can I park overnight?", "parking.txt"), ("How loud can a party be?", "noise.txt")]\nhits = sum(source in retrieve(q, k=4)[1] for q, source in cases)\nprint(f"hit rate@4: {hits / len(cases):.0%}")',
    },
    goal: "Measure the retriever's hit rate at k on 20 questions with known source documents, and record it with each chunking or search change",
  },
  applies: (repo) => repo.usesRag(),
  check(repo) {
    const retrieval = firstRetrieval(repo);
    if (!retrieval) return [];
    const searched = (p: string) => SEARCHED.test(p) && !CONFIG_NOISE.test(p);
    if (!allRead(repo, searched)) return [];
    if (repo.files.some((f) => searched(f.path) && RETRIEVAL_METRIC.test(f.text))) return [];
    return [
      {
        file: null,
        line: null,
        message: `The project retrieves by embeddings (${retrieval.what}, in ${retrieval.file}) but nothing measures retrieval: no recall@k, hit rate, MRR or context recall anywhere.`,
      },
    ];
  },
};
