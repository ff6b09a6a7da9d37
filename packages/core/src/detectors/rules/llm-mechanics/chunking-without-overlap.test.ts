import { describe, expect, it } from "vitest";
import { reviewTree } from "../../../testing/memory-fs.js";
import { ipynbLine, jupyterJson } from "../../../testing/notebook.js";
import { chunkingWithoutOverlap } from "./chunking-without-overlap.js";

const RULE = "llm-mechanics/chunking-without-overlap";
const found = async (tree: Record<string, string>) =>
  (await reviewTree(tree, [chunkingWithoutOverlap])).findings.map((f) => [
    f.ruleId,
    f.file,
    f.line,
    f.message,
  ]);

describe(RULE, () => {
  it("fires on a fixed-size slicing loop and comprehension over a document's text", async () => {
    expect(
      await found({
        "ingest.py": [
          "import chromadb",
          "def chunk(text):",
          "    chunks = []",
          "    for start in range(0, len(text), CHUNK_SIZE):",
          "        chunks.append(text[start : start + CHUNK_SIZE])",
          "    return chunks",
          "",
          "def by_words(words):",
          "    return [' '.join(words[i:i+200]) for i in range(0, len(words), 200)]",
        ].join("\n"),
      }),
    ).toEqual([
      [
        RULE,
        "ingest.py",
        4,
        "`text` is cut into back-to-back pieces of `CHUNK_SIZE` with no overlap, so text at each cut is split between two chunks.",
      ],
      [
        RULE,
        "ingest.py",
        9,
        "`words` is cut into back-to-back pieces of `200` with no overlap, so text at each cut is split between two chunks.",
      ],
    ]);
  });

  it("fires on chunk_overlap=0 in Python and chunkOverlap: 0 in TypeScript, and on a JS slicing loop", async () => {
    expect(
      await found({
        "split.py": [
          "from langchain_text_splitters import RecursiveCharacterTextSplitter",
          "import chromadb",
          "splitter = RecursiveCharacterTextSplitter(chunk_size=1000, chunk_overlap=0)",
        ].join("\n"),
        "src/ingest.ts": [
          'import { Chroma } from "@langchain/community/vectorstores/chroma";',
          "const s = new RecursiveCharacterTextSplitter({ chunkSize: 500, chunkOverlap: 0 });",
          "for (let i = 0; i < content.length; i += CHUNK_SIZE) {",
          "  chunks.push(content.slice(i, i + CHUNK_SIZE));",
          "}",
        ].join("\n"),
      }),
    ).toEqual([
      [
        RULE,
        "split.py",
        3,
        "`chunk_overlap=0` on `RecursiveCharacterTextSplitter`: text that crosses a chunk boundary is split between two chunks.",
      ],
      [
        RULE,
        "src/ingest.ts",
        2,
        "`chunkOverlap: 0` on `RecursiveCharacterTextSplitter`: text that crosses a chunk boundary is split between two chunks.",
      ],
      [
        RULE,
        "src/ingest.ts",
        3,
        "`content` is cut into back-to-back pieces of `CHUNK_SIZE` with no overlap, so text at each cut is split between two chunks.",
      ],
    ]);
  });

  it("stays quiet on overlapping windows, splitter defaults, and batching lists for an API", async () => {
    expect(
      await found({
        "ingest.py": [
          "import chromadb",
          "from langchain_text_splitters import RecursiveCharacterTextSplitter",
          "splitter = RecursiveCharacterTextSplitter(chunk_size=1000)",
          "other = RecursiveCharacterTextSplitter(chunk_size=1000, chunk_overlap=150)",
          "for i in range(0, len(text), CHUNK_SIZE - OVERLAP):",
          "    chunks.append(text[i : i + CHUNK_SIZE])",
          "for i in range(0, len(texts), BATCH_SIZE):",
          "    collection.add(documents=texts[i : i + BATCH_SIZE])",
          "for i in range(0, len(docs), 100):",
          "    embed(docs[i:i+100])",
          "for i in range(0, len(text), 500):",
          "    print(text[i : i + 400])",
        ].join("\n"),
      }),
    ).toEqual([]);
  });

  it("stays quiet outside RAG projects", async () => {
    expect(
      await found({
        "summarize.py":
          "from openai import OpenAI\nparts = [text[i:i+4000] for i in range(0, len(text), 4000)]\n",
      }),
    ).toEqual([]);
  });

  it("fires in a notebook", async () => {
    const notebook = jupyterJson({
      cells: [
        { cell_type: "code", source: "import faiss", outputs: [] },
        {
          cell_type: "code",
          source: "chunks = [text[i:i+512] for i in range(0, len(text), 512)]",
          outputs: [],
        },
      ],
    });
    const report = await reviewTree({ "rag.ipynb": notebook }, [chunkingWithoutOverlap]);
    expect(report.findings.map((f) => [f.file, f.line])).toEqual([
      ["rag.ipynb", ipynbLine(notebook, "chunks = [text[i:i+512]")],
    ]);
  });
});
