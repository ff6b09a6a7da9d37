// llm-mechanics/embedding-model-mismatch: one project embeds with two different models (index with one, query with another).
import { cellOf } from "../../../snapshot/notebook-cells.js";
import { stripComment } from "../../lib/python-text.js";
import { isTestPath } from "../../repo-view.js";
import type { RepoDetector } from "../../types.js";

/** Embedding model names as code passes them (an org prefix like `BAAI/` or `sentence-transformers/` is optional). */
const EMBEDDING_MODEL =
  /^(?:[\w.-]+\/)?(text-embedding-(?:ada-002|3-small|3-large|004|005)|(?:gemini-)?embedding-\d+|text-multilingual-embedding-\d+|embed-(?:english|multilingual)(?:-light)?-v\d\.\d|all-(?:MiniLM-L\d+|mpnet-base|distilroberta)-v\d|bge-(?:small|base|large|m3)[\w.-]*|nomic-embed-text[\w.-]*|mxbai-embed-large[\w.-]*|(?:multilingual-)?e5-(?:small|base|large)[\w.-]*|voyage-[\w.-]+|jina-embeddings-v\d[\w.-]*|gte-(?:small|base|large)[\w.-]*|snowflake-arctic-embed[\w.-]*|multi-qa-[\w.-]+|paraphrase-[\w.-]+)(?::[\w.-]+)?$/i;
const QUOTED = /(["'`])([^"'`\s]{3,80})\1/g;
/** Cheap gate before reading a file line by line: something in it looks like an embedding model's name. */
const MENTIONS = /embed|MiniLM|mpnet|distilroberta|bge-|e5-|gte-|voyage-|multi-qa-|paraphrase-/i;
const CODE = /\.(py|ipynb|[cm]?[jt]sx?)$/;
const MANIFEST =
  /(^|\/)(requirements[^/]*\.txt|pyproject\.toml|setup\.py|package\.json|environment\.ya?ml|Pipfile)$/;
/**
 * Two names this close together in one file are alternatives (`if local: ... else: ...`), not a mismatch; in a
 * notebook only within one cell (a later cell that embeds the query with another model is the mismatch itself).
 */
const NEARBY_LINES = 5;

interface Use {
  name: string;
  file: string;
  line: number;
  /** The notebook cell the line is in; null outside notebooks. */
  cell: number | null;
}

export const embeddingModelMismatch: RepoDetector = {
  scope: "repo",
  applies: (repo) => repo.usesRag(),
  meta: {
    id: "llm-mechanics/embedding-model-mismatch",
    area: "llm-mechanics",
    level: "actionable",
    title: "Two different embedding models are used in one project",
    why: "Each embedding model places text in its own vector space: a vector from one model means nothing next to a vector from another, even when both have the same length. If documents are indexed with one model and questions are embedded with another, similarity search returns noise (or fails when the sizes differ), with no error to warn you.",
    tryThis:
      "Define the embedding model once (`EMBEDDING_MODEL` in a config module), use it in both the indexing and the query code, re-index, and check that a question copied word for word from a document retrieves that document first.",
    learnMore: [
      "https://platform.openai.com/docs/guides/embeddings",
      "https://www.sbert.net/docs/sentence_transformer/pretrained_models.html",
    ],
    example: {
      language: "python",
      file: "query.py",
      bad: '# ingest.py\nOpenAIEmbeddings(model="text-embedding-3-small")\n# query.py\nOpenAIEmbeddings(model="text-embedding-ada-002")',
      good: '# config.py\nEMBEDDING_MODEL = "text-embedding-3-small"\n# ingest.py and query.py\nOpenAIEmbeddings(model=EMBEDDING_MODEL)',
    },
    goal: "Use one embedding model, named in one place, for both indexing and querying, and re-index whenever it changes",
  },
  check(repo) {
    const roots = repo.paths.filter((p) => MANIFEST.test(p)).map((p) => p.slice(0, p.lastIndexOf("/") + 1));
    const projectOf = (path: string) =>
      roots.filter((r) => path.startsWith(r)).sort((a, b) => b.length - a.length)[0] ?? "";
    const byProject = new Map<string, Use[]>();
    for (const file of repo.files) {
      if (!CODE.test(file.path) || isTestPath(file.path) || !MENTIONS.test(file.text)) continue;
      const python = file.language === "python";
      file.lines.forEach((raw, i) => {
        const line = python ? stripComment(raw) : raw.replace(/(^|\s)\/\/.*$/, "");
        const names = [...line.matchAll(QUOTED)].map((m) => m[2]!).filter((s) => EMBEDDING_MODEL.test(s));
        // A line naming two models, or an element of a list or dict of them, lists options.
        if (names.length !== 1 || /^\s*["'`][^"'`]*["'`]\s*[:,]/.test(line) || /^\s*["'`].*,\s*$/.test(line))
          return;
        const project = projectOf(file.path);
        const uses = byProject.get(project) ?? [];
        const cell = file.notebook ? (cellOf(file.notebook.cells, i + 1)?.cell ?? null) : null;
        uses.push({ name: normalize(names[0]!), file: file.path, line: i + 1, cell });
        byProject.set(project, uses);
      });
    }
    for (const uses of byProject.values()) {
      const first = uses[0];
      if (!first) continue;
      const other = uses.find(
        (u) =>
          u.name !== first.name &&
          !uses.some(
            (v) =>
              v.name !== u.name &&
              v.file === u.file &&
              v.cell === u.cell &&
              Math.abs(v.line - u.line) <= NEARBY_LINES,
          ),
      );
      if (!other) continue;
      const anchor = uses.find((u) => u.name !== other.name)!;
      return [
        {
          file: other.file,
          line: other.line,
          message: `\`${other.name}\` is used here, but \`${anchor.name}\` is used in ${anchor.file} (line ${anchor.line}): vectors from two models cannot be compared.`,
        },
      ];
    }
    return [];
  },
};

/** `sentence-transformers/all-MiniLM-L6-v2` and `all-MiniLM-L6-v2` are the same model; so are `x:latest` and `x`. */
const normalize = (name: string): string =>
  name
    .replace(/^[\w.-]+\//, "")
    .replace(/:latest$/i, "")
    .toLowerCase();
