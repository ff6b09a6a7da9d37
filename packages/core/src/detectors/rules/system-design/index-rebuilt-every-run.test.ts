import { describe, expect, it } from "vitest";
import { review } from "../../../review.js";
import { loadDirectory } from "../../../snapshot/load-directory.js";
import { memoryFileSystem, reviewTree } from "../../../testing/memory-fs.js";
import { indexRebuiltEveryRun } from "./index-rebuilt-every-run.js";

const RULE = "system-design/index-rebuilt-every-run";
const found = async (tree: Record<string, string>) =>
  (await reviewTree(tree, [indexRebuiltEveryRun])).findings.map((f) => [f.ruleId, f.file, f.line, f.message]);

describe(RULE, () => {
  it("fires on an in-memory FAISS or Chroma index that nothing saves", async () => {
    expect(
      await found({
        "app.py": [
          "from langchain_community.vectorstores import FAISS, Chroma",
          "from langchain_openai import OpenAIEmbeddings",
          "docs = load_and_split()",
          "store = FAISS.from_documents(docs, OpenAIEmbeddings())",
          "other = Chroma.from_documents(documents=docs, embedding=OpenAIEmbeddings())",
        ].join("\n"),
        "raw.py": [
          "import chromadb",
          "client = chromadb.Client()",
          'collection = client.create_collection("docs")',
          "collection.add(ids=ids, documents=chunks)",
        ].join("\n"),
      }),
    ).toEqual([
      [
        RULE,
        "app.py",
        4,
        "`FAISS.from_documents` builds the index in memory and nothing saves it, so every run embeds all the documents again.",
      ],
      [
        RULE,
        "app.py",
        5,
        "`Chroma.from_documents` builds the index in memory and nothing saves it, so every run embeds all the documents again.",
      ],
      [
        RULE,
        "raw.py",
        2,
        "`chromadb.Client()` keeps the collection in memory only, so every run embeds all the documents again.",
      ],
    ]);
  });

  it("fires on LlamaIndex and on a LangChain.js MemoryVectorStore", async () => {
    expect(
      await found({
        "query.py": [
          "from llama_index.core import VectorStoreIndex, SimpleDirectoryReader",
          'index = VectorStoreIndex.from_documents(SimpleDirectoryReader("data").load_data())',
        ].join("\n"),
        "src/rag.ts": [
          'import { MemoryVectorStore } from "langchain/vectorstores/memory";',
          "const store = await MemoryVectorStore.fromDocuments(docs, new OpenAIEmbeddings());",
        ].join("\n"),
      }),
    ).toEqual([
      [
        RULE,
        "query.py",
        2,
        "`VectorStoreIndex.from_documents` builds the index in memory and nothing saves it, so every run embeds all the documents again.",
      ],
      [
        RULE,
        "src/rag.ts",
        2,
        "`MemoryVectorStore.fromDocuments` builds the index in memory and nothing saves it, so every run embeds all the documents again.",
      ],
    ]);
  });

  it("stays quiet when the index is saved, loaded, or persisted somewhere in the repo", async () => {
    expect(
      await found({
        "ingest.py": [
          "from langchain_community.vectorstores import FAISS, Chroma",
          "FAISS.from_documents(docs, emb).save_local('index')",
          "Chroma.from_documents(docs, emb, persist_directory='chroma')",
          "import chromadb",
          "db = chromadb.PersistentClient(path='chroma')",
          "db.get_or_create_collection('x').add(ids=ids, documents=chunks)",
        ].join("\n"),
        "app.py":
          "from langchain_community.vectorstores import FAISS\nstore = FAISS.load_local('index', emb)\n",
        "li.py": [
          "from llama_index.core import VectorStoreIndex",
          "index = VectorStoreIndex.from_documents(docs, storage_context=ctx)",
        ].join("\n"),
      }),
    ).toEqual([]);
  });

  it("stays quiet in notebooks, tests and repos without retrieval", async () => {
    expect(
      await found({
        "explore.ipynb": JSON.stringify({
          cells: [
            {
              cell_type: "code",
              source: "import faiss\nstore = FAISS.from_documents(docs, emb)",
              outputs: [],
            },
          ],
        }),
        "tests/test_rag.py":
          "from langchain_community.vectorstores import FAISS\nFAISS.from_texts(['a'], emb)\n",
      }),
    ).toEqual([]);
    expect(
      (await reviewTree({ "x.py": "store = FAISS.from_texts(texts, emb)\n" }, [indexRebuiltEveryRun]))
        .findings,
    ).toEqual([]);
  });
  it("stays quiet in PR mode when an unchanged file it cannot see may save the index", async () => {
    const tree = {
      "app.py":
        "from langchain_community.vectorstores import FAISS\nstore = FAISS.from_documents(docs, emb)\n",
      "save.py": "store.save_local('index')\n",
    };
    const loaded = await loadDirectory("/repo", {
      fs: memoryFileSystem(tree),
      name: "repo",
      wantText: (p) => p === "app.py",
    });
    if (!loaded.ok) throw new Error(loaded.error.message);
    loaded.value.changes = [{ path: "app.py", status: "added", addedLines: new Set() }];
    expect((await review(loaded.value, { detectors: [indexRebuiltEveryRun] })).findings).toEqual([]);
  });
  it("fires on a raw faiss index filled with embeddings that nothing saves (held-out corpus)", async () => {
    expect(
      await found({
        "rag.py": [
          "import faiss",
          "import numpy as np",
          "from openai import OpenAI",
          "vectors = [client.embeddings.create(model=M, input=c).data[0].embedding for c in chunks]",
          "matrix = np.array(vectors, dtype='float32')",
          "index = faiss.IndexFlatL2(matrix.shape[1])",
          "index.add(matrix)",
        ].join("\n"),
      }),
    ).toEqual([
      [
        RULE,
        "rag.py",
        6,
        "`faiss.IndexFlatL2` builds the index in memory and nothing saves it or its vectors, so every run embeds all the documents again.",
      ],
    ]);
  });

  it("stays quiet on a raw faiss index written to disk, or built from vectors saved with numpy", async () => {
    const build = [
      "import faiss",
      "from openai import OpenAI",
      "vectors = [client.embeddings.create(model=M, input=c).data[0].embedding for c in chunks]",
      "index = faiss.IndexFlatIP(384)",
      "index.add(vectors)",
    ];
    for (const extra of ["faiss.write_index(index, 'handbook.index')", "np.save('vectors.npy', vectors)"]) {
      expect(await found({ "rag.py": [...build, extra].join("\n") }), extra).toEqual([]);
    }
  });
});
