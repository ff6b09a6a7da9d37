// system-design/index-rebuilt-every-run: a vector index built in memory and never saved, so every run embeds everything again.
import { calls, keywordArguments, lineOf, positionalArguments } from "../../../parse/syntax.js";
import { seesWholeRepo } from "../../lib/llm-code.js";
import { isTestPath } from "../../repo-view.js";
import type { FileDetector, RawFinding } from "../../types.js";

const NEVER = /(?!)/;
/** A raw FAISS index, or the vectors behind it, written to disk or read back: nothing is embedded twice. */
const RAW_INDEX_SAVED =
  /faiss\.(write|read)_index\(|np\.(save|savez|load)\(|pickle\.dump\(|joblib\.dump\(|\.npy\b/;
/** In-memory builders, and what in the repo would show the index is saved or loaded instead. */
const BUILDERS: { call: RegExp; saved: RegExp; persistentKeys?: string[] }[] = [
  {
    call: /(^|\.)FAISS\.a?from_(documents|texts|embeddings)$/,
    saved: /\.save_local\(|\bload_local\(|faiss\.write_index\(/,
  },
  {
    call: /(^|\.)Chroma\.a?from_(documents|texts)$/,
    saved: /\.persist\(\)/,
    persistentKeys: ["persist_directory", "client", "persistDirectory"],
  },
  {
    call: /(^|\.)InMemoryVectorStore\.a?from_(documents|texts)$/,
    saved: /\.dump\(|InMemoryVectorStore\.load\(/,
  },
  { call: /(^|\.)DocArrayInMemorySearch\.a?from_(documents|texts)$/, saved: NEVER },
  {
    call: /(^|\.)VectorStoreIndex\.from_documents$|^VectorStoreIndex$/,
    saved: /\.persist\(|load_index_from_storage\(/,
    persistentKeys: ["storage_context", "vector_store"],
  },
  { call: /(^|\.)MemoryVectorStore\.from(Documents|Texts)$/, saved: NEVER },
  {
    call: /(^|\.)(FaissStore|HNSWLib)\.from(Documents|Texts)$/,
    saved: /\.save\(|(FaissStore|HNSWLib)\.load\(/,
  },
];

export const indexRebuiltEveryRun: FileDetector = {
  scope: "file",
  languages: ["python", "javascript", "typescript"],
  prefilter:
    /from_documents|from_texts|from_embeddings|fromDocuments|fromTexts|VectorStoreIndex|chromadb|faiss\.Index/,
  // A notebook is rebuilt by hand when it is rerun: that is exploration, not an app.
  appliesToPath: (path) => !isTestPath(path) && !path.endsWith(".ipynb"),
  // The index may be saved by another file: the rule needs to see all of them (not in PR mode).
  applies: (repo) => repo.usesRag() && seesWholeRepo(repo),
  meta: {
    id: "system-design/index-rebuilt-every-run",
    area: "system-design",
    level: "informative",
    title: "The vector index is built in memory and never saved, so every run embeds all documents again",
    why: "Embedding a corpus is the slow and paid part of RAG. An index that lives only in memory is thrown away when the program exits, so every start calls the embedding model for every chunk again, even though the documents did not change. Indexing once, saving the index, and loading it at start-up is the usual split between an ingest step and a query step.",
    tryThis:
      "Split the script in two: `ingest.py` builds the index and saves it (`vectorstore.save_local('index')`, or Chroma with `persist_directory='chroma'`), and the app loads it (`FAISS.load_local(...)`); then time the app's start before and after.",
    learnMore: [
      "https://python.langchain.com/docs/integrations/vectorstores/faiss/",
      "https://docs.llamaindex.ai/en/stable/module_guides/storing/save_load/",
    ],
    example: {
      language: "python",
      file: "app.py",
      bad: "docs = load_and_split()\nstore = FAISS.from_documents(docs, OpenAIEmbeddings())  # every start embeds everything",
      good: '# ingest.py (run when the documents change)\nFAISS.from_documents(load_and_split(), OpenAIEmbeddings()).save_local("index")\n\n# app.py\nstore = FAISS.load_local("index", OpenAIEmbeddings(), allow_dangerous_deserialization=True)',
    },
    goal: "Build the vector index in a separate ingest step, save it, and load it at start-up instead of re-embedding",
  },
  check(file, { repo, syntax }) {
    const tree = syntax();
    if (!tree) return [];
    const repoText = (pattern: RegExp) => repo.files.some((f) => pattern.test(f.text));
    const found: RawFinding[] = [];
    for (const { node, name } of calls(tree)) {
      let what: string | null = null;
      const builder = BUILDERS.find((b) => b.call.test(name));
      if (builder) {
        const kwargs = keywordArguments(node);
        if (!kwargs || builder.persistentKeys?.some((k) => kwargs.has(k))) continue;
        if (repoText(builder.saved)) continue;
        what = `\`${name}\` builds the index in memory and nothing saves it`;
      } else if (
        /^chromadb\.(Client|EphemeralClient)$/.test(name) &&
        positionalArguments(node).length === 0
      ) {
        const kwargs = keywordArguments(node);
        if (!kwargs || kwargs.size > 0 || !/\.(add|upsert)\(/.test(file.text)) continue;
        what = `\`${name}()\` keeps the collection in memory only`;
      } else if (/^faiss\.Index\w*$/.test(name)) {
        // A raw FAISS index filled with `.add(...)`, neither it nor its vectors saved anywhere in the repo.
        if (!/\.add\(/.test(file.text) || repoText(RAW_INDEX_SAVED)) continue;
        what = `\`${name}\` builds the index in memory and nothing saves it or its vectors`;
      }
      if (!what) continue;
      found.push({
        file: file.path,
        line: lineOf(node),
        message: `${what}, so every run embeds all the documents again.`,
      });
    }
    return found;
  },
};
