import { describe, expect, it } from "vitest";
import { reviewTree } from "../../../testing/memory-fs.js";
import { ipynbLine, jupyterJson } from "../../../testing/notebook.js";
import { embeddingModelMismatch } from "./embedding-model-mismatch.js";

const RULE = "llm-mechanics/embedding-model-mismatch";
const found = async (tree: Record<string, string>) =>
  (await reviewTree(tree, [embeddingModelMismatch])).findings.map((f) => [
    f.ruleId,
    f.file,
    f.line,
    f.message,
  ]);

describe(RULE, () => {
  it("fires once when indexing and querying use different embedding models", async () => {
    expect(
      await found({
        "ingest.py": [
          "import chromadb",
          "from openai import OpenAI",
          'EMBEDDING_MODEL = "text-embedding-3-small"',
          "def embed(texts):",
          "    return client.embeddings.create(model=EMBEDDING_MODEL, input=texts)",
        ].join("\n"),
        "query.py": [
          "import chromadb",
          "def search(q):",
          '    e = client.embeddings.create(model="text-embedding-ada-002", input=[q])',
          '    f = client.embeddings.create(model="text-embedding-ada-002", input=[q])',
        ].join("\n"),
      }),
    ).toEqual([
      [
        RULE,
        "query.py",
        3,
        "`text-embedding-ada-002` is used here, but `text-embedding-3-small` is used in ingest.py (line 3): vectors from two models cannot be compared.",
      ],
    ]);
  });

  it("fires across Python and TypeScript with Hugging Face names", async () => {
    expect(
      await found({
        "index.py": [
          "from sentence_transformers import SentenceTransformer",
          'model = SentenceTransformer("sentence-transformers/all-MiniLM-L6-v2")',
        ].join("\n"),
        "web/search.ts": [
          'import { HuggingFaceTransformersEmbeddings } from "@langchain/community/embeddings/hf_transformers";',
          'const e = new HuggingFaceTransformersEmbeddings({ model: "Xenova/bge-small-en-v1.5" });',
        ].join("\n"),
      }),
    ).toEqual([
      [
        RULE,
        "web/search.ts",
        2,
        "`bge-small-en-v1.5` is used here, but `all-minilm-l6-v2` is used in index.py (line 2): vectors from two models cannot be compared.",
      ],
    ]);
  });

  it("stays quiet on one model under two spellings, option lists, and switches between alternatives", async () => {
    expect(
      await found({
        "ingest.py": [
          "from sentence_transformers import SentenceTransformer",
          'm = SentenceTransformer("sentence-transformers/all-MiniLM-L6-v2")',
          'MODELS = {"small": "text-embedding-3-small", "large": "text-embedding-3-large"}',
          "CHOICES = [",
          '    "text-embedding-3-small",',
          '    "nomic-embed-text",',
          "]",
        ].join("\n"),
        "query.py": [
          "from sentence_transformers import SentenceTransformer",
          'm = SentenceTransformer("all-MiniLM-L6-v2")',
          "if LOCAL:",
          '    EMB = "nomic-embed-text"',
          "else:",
          '    EMB = "all-MiniLM-L6-v2"',
          '# old: "text-embedding-ada-002"',
        ].join("\n"),
        "tests/test_query.py": 'import chromadb\nE = "text-embedding-3-large"\n',
      }),
    ).toEqual([]);
  });

  it("fires in a notebook that indexes with one model and, in a later cell, queries with another", async () => {
    const cell = (source: string[], n: number) => ({
      cell_type: "code",
      source,
      execution_count: n,
      outputs: [],
    });
    const notebook = jupyterJson({
      cells: [
        cell(["import chromadb\n", "from llama_index.embeddings.openai import OpenAIEmbedding"], 1),
        cell(
          ['index = VectorStoreIndex(nodes, embed_model=OpenAIEmbedding(model="text-embedding-3-small"))'],
          2,
        ),
        cell(['Settings.embed_model = OpenAIEmbedding(model="text-embedding-3-large")'], 3),
      ],
    });
    expect((await found({ "rag.ipynb": notebook })).map((f) => f.slice(0, 3))).toEqual([
      [RULE, "rag.ipynb", ipynbLine(notebook, "Settings.embed_model = ")],
    ]);
  });

  it("stays quiet on a notebook cell that switches between two models", async () => {
    const notebook = JSON.stringify({
      cells: [
        {
          cell_type: "code",
          source: [
            "import chromadb\n",
            "if LOCAL:\n",
            '    EMB = "nomic-embed-text"\n',
            "else:\n",
            '    EMB = "text-embedding-3-small"',
          ],
          execution_count: 1,
          outputs: [],
        },
      ],
    });
    expect(await found({ "rag.ipynb": notebook })).toEqual([]);
  });

  it("stays quiet when two separate projects in one repo each use their own model", async () => {
    expect(
      await found({
        "week1-rag/requirements.txt": "chromadb\nopenai\n",
        "week1-rag/app.py": 'import chromadb\nE = "text-embedding-ada-002"\n',
        "week2-search/requirements.txt": "sentence-transformers\n",
        "week2-search/app.py":
          'from sentence_transformers import SentenceTransformer\nm = SentenceTransformer("all-mpnet-base-v2")\n',
      }),
    ).toEqual([]);
  });
});
