import { describe, expect, it } from "vitest";
import { reviewTree } from "../../../testing/memory-fs.js";
import { ipynbLine, jupyterJson } from "../../../testing/notebook.js";
import { perItemEmbeddingCalls } from "./per-item-embedding-calls.js";

const RULE = "system-design/per-item-embedding-calls";
const found = async (tree: Record<string, string>) =>
  (await reviewTree(tree, [perItemEmbeddingCalls])).findings.map((f) => [
    f.ruleId,
    f.file,
    f.line,
    f.message,
  ]);

describe(RULE, () => {
  it("fires on one embeddings request per chunk, per document field, and per encode", async () => {
    expect(
      await found({
        "ingest.py": [
          "from openai import OpenAI",
          "from sentence_transformers import SentenceTransformer",
          'model = SentenceTransformer("all-MiniLM-L6-v2")',
          "for i, chunk in enumerate(chunks):",
          "    r = client.embeddings.create(model=EMBEDDING_MODEL, input=chunk)",
          "    collection.add(ids=[str(i)], embeddings=[r.data[0].embedding])",
          "vectors = [embeddings.embed_documents([doc.page_content])[0] for doc in docs]",
          "for sentence in sentences:",
          "    index.add(model.encode(sentence))",
        ].join("\n"),
      }),
    ).toEqual([
      [
        RULE,
        "ingest.py",
        5,
        "`client.embeddings.create` is called once per `chunk` inside a loop; one call can embed a whole batch.",
      ],
      [
        RULE,
        "ingest.py",
        7,
        "`embeddings.embed_documents` is called once per `doc` inside a loop; one call can embed a whole batch.",
      ],
      [
        RULE,
        "ingest.py",
        9,
        "`model.encode` is called once per `sentence` inside a loop; one call can embed a whole batch.",
      ],
    ]);
  });

  it("fires in TypeScript in a for...of loop and a map callback", async () => {
    expect(
      await found({
        "src/ingest.ts": [
          'import OpenAI from "openai";',
          "for (const chunk of chunks) {",
          "  const r = await openai.embeddings.create({ model, input: chunk.text });",
          "}",
          "const vectors = await Promise.all(texts.map((t) => embeddings.embedQuery(t)));",
        ].join("\n"),
      }),
    ).toEqual([
      [
        RULE,
        "src/ingest.ts",
        3,
        "`openai.embeddings.create` is called once per `chunk` inside a loop; one call can embed a whole batch.",
      ],
      [
        RULE,
        "src/ingest.ts",
        5,
        "`embeddings.embedQuery` is called once per `t` inside a loop; one call can embed a whole batch.",
      ],
    ]);
  });

  it("stays quiet on batches, whole lists, and a single question outside a loop", async () => {
    expect(
      await found({
        "ingest.py": [
          "from openai import OpenAI",
          "for i in range(0, len(chunks), 100):",
          "    client.embeddings.create(model=M, input=chunks[i : i + 100])",
          "for batch in batched(chunks, 100):",
          "    client.embeddings.create(model=M, input=batch)",
          "for path in paths:",
          "    pieces = split(path.read_text())",
          "    client.embeddings.create(model=M, input=pieces)",
          "def retrieve(question):",
          "    return client.embeddings.create(model=M, input=[question])",
          "for doc in docs:",
          "    embed(doc.text)",
        ].join("\n"),
      }),
    ).toEqual([]);
  });

  it("stays quiet on encode calls of other objects (tokenizers) and in a nested helper", async () => {
    expect(
      await found({
        "prep.py": [
          "import tiktoken",
          "from openai import OpenAI",
          'enc = tiktoken.get_encoding("cl100k_base")',
          "for text in texts:",
          "    n = len(enc.encode(text))",
          "    def later(x):",
          "        return client.embeddings.create(model=M, input=x)",
        ].join("\n"),
      }),
    ).toEqual([]);
  });

  it("fires in a notebook", async () => {
    const notebook = jupyterJson({
      cells: [
        { cell_type: "code", source: "import chromadb\nfrom openai import OpenAI", outputs: [] },
        {
          cell_type: "code",
          source: "for c in chunks:\n    client.embeddings.create(model=M, input=[c])",
          outputs: [],
        },
      ],
    });
    const report = await reviewTree({ "index.ipynb": notebook }, [perItemEmbeddingCalls]);
    expect(report.findings.map((f) => [f.file, f.line])).toEqual([
      ["index.ipynb", ipynbLine(notebook, "client.embeddings.create")],
    ]);
  });
  it("fires on the project's own one-text embed() helper called once per chunk (held-out corpus)", async () => {
    expect(
      await found({
        "rag.py": [
          "from openai import OpenAI",
          "client = OpenAI()",
          "def embed(text: str) -> list[float]:",
          "    response = client.embeddings.create(model=EMBEDDING_MODEL, input=text)",
          "    return response.data[0].embedding",
          "def build_index(chunks):",
          "    vectors = []",
          "    for chunk in chunks:",
          "        vectors.append(embed(chunk))",
          "    return vectors",
          "query = embed(question)",
        ].join("\n"),
      }),
    ).toEqual([
      [
        RULE,
        "rag.py",
        9,
        "`embed` sends one text to `client.embeddings.create` and is called once per `chunk` inside a loop; one call can embed a whole batch.",
      ],
    ]);
  });

  it("stays quiet on a helper that embeds a whole list, or a one-text helper called per batch", async () => {
    expect(
      await found({
        "rag.py": [
          "from openai import OpenAI",
          "def embed_all(texts):",
          "    return [d.embedding for d in client.embeddings.create(model=M, input=texts).data]",
          "def embed(text):",
          "    return client.embeddings.create(model=M, input=text).data[0].embedding",
          "for chunk in chunks:",
          "    vectors = embed_all(chunk)",
          "for batch in batches:",
          "    vectors = embed(batch)",
        ].join("\n"),
      }),
    ).toEqual([]);
  });
});
