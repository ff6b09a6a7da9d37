// llm-mechanics/chunking-without-overlap: documents cut into back-to-back chunks, so text at each cut is split in two.
import { calls, keywordArguments, lineOf, positionalArguments } from "../../../parse/syntax.js";
import type { Node } from "../../../parse/tree-sitter.js";
import { escapeRegExp, numberValue } from "../../lib/llm-code.js";
import type { FileDetector, RawFinding } from "../../types.js";

const SPLITTER =
  /(^|\.)(RecursiveCharacterTextSplitter|CharacterTextSplitter|TokenTextSplitter|SentenceSplitter|TokenSplitter|MarkdownTextSplitter|PythonCodeTextSplitter|NLTKTextSplitter|SpacyTextSplitter|SentenceTransformersTokenTextSplitter|from_tiktoken_encoder|from_huggingface_tokenizer|from_language|fromLanguage)$/;
const OVERLAP = ["chunk_overlap", "chunkOverlap"];
/** What is being sliced, or the step, says "a batch of items", not "a piece of text". */
const BATCH =
  /batch|items|rows|ids|embeddings|vectors|records|files|paths|urls|questions|examples|texts|docs|documents|chunks|pages|lines|list|array|df|frame|dataset/i;
const TEXT_NAME =
  /^(text|content|page_?text|raw_?text|full_?text|doc_?text|document_?text|clean_?text|words|tokens|token_ids|sentences|txt|corpus|transcript|article)$/i;
const CHUNK_STEP = /chunk|window|max_chars|max_tokens|^size$/i;

export const chunkingWithoutOverlap: FileDetector = {
  scope: "file",
  languages: ["python", "javascript", "typescript"],
  // A splitter setting, `range(0, len(x), n)`, or a JS loop stepping `i += n`.
  prefilter: /chunk_overlap|chunkOverlap|range\([^)\n]*len\(|\+=\s*[\w.]+\s*\)/,
  applies: (repo) => repo.usesRag(),
  meta: {
    id: "llm-mechanics/chunking-without-overlap",
    area: "llm-mechanics",
    level: "actionable",
    title: "Documents are cut into chunks with no overlap",
    why: "Retrieval finds chunks, not documents. When chunks are cut back to back, a sentence or a fact that crosses a cut is split in two and neither half may match the question; a fixed character count also cuts words in half. A small overlap (10-20% of the chunk size) and cuts at paragraph or sentence boundaries keep each fact whole in at least one chunk.",
    tryThis:
      "Split with `RecursiveCharacterTextSplitter(chunk_size=800, chunk_overlap=120)` (or slide your window by `size - overlap`), re-index, and compare how many of 10 test questions retrieve the right passage before and after.",
    learnMore: [
      "https://python.langchain.com/docs/how_to/recursive_text_splitter/",
      "https://www.pinecone.io/learn/chunking-strategies/",
    ],
    example: {
      language: "python",
      file: "ingest.py",
      bad: "chunks = [text[i : i + CHUNK_SIZE] for i in range(0, len(text), CHUNK_SIZE)]",
      good: "splitter = RecursiveCharacterTextSplitter(chunk_size=CHUNK_SIZE, chunk_overlap=CHUNK_SIZE // 6)\nchunks = splitter.split_text(text)",
    },
    goal: "Chunk documents with an overlap of 10-20% at sentence or paragraph boundaries, and measure retrieval on 10 test questions before and after",
  },
  check(file, { syntax }) {
    const tree = syntax();
    if (!tree) return [];
    const found: RawFinding[] = [];
    for (const { node, name } of calls(tree)) {
      if (!SPLITTER.test(name)) continue;
      const kwargs = keywordArguments(node);
      for (const key of OVERLAP) {
        const value = kwargs?.get(key);
        if (!value || numberValue(value) !== 0) continue;
        found.push({
          file: file.path,
          line: lineOf(value),
          message: `\`${key}${tree.grammar === "python" ? "=" : ": "}0\` on \`${name.split(".").pop()}\`: text that crosses a chunk boundary is split between two chunks.`,
        });
      }
    }
    const loops =
      tree.grammar === "python"
        ? tree.root.descendantsOfType(["for_statement", "for_in_clause"])
        : tree.root.descendantsOfType("for_statement");
    for (const loop of loops) {
      const cut = loop ? (tree.grammar === "python" ? pythonCut(loop) : jsCut(loop)) : null;
      if (!loop || !cut) continue;
      found.push({
        file: file.path,
        line: lineOf(loop),
        message: `\`${cut.text}\` is cut into back-to-back pieces of \`${cut.step}\` with no overlap, so text at each cut is split between two chunks.`,
      });
    }
    return found;
  },
};

interface Cut {
  text: string;
  step: string;
}

/** `for i in range(0, len(text), N): ... text[i : i + N]`, as a loop or a comprehension. */
function pythonCut(loop: Node): Cut | null {
  const variable = loop.childForFieldName("left");
  const range = loop.childForFieldName("right");
  if (
    variable?.type !== "identifier" ||
    range?.type !== "call" ||
    range.childForFieldName("function")?.text !== "range"
  )
    return null;
  const args = positionalArguments(range);
  if (args.length !== 3) return null;
  const [, end, step] = args as [Node, Node, Node];
  const sliced = /^len\(\s*([\w.]+)\s*\)$/.exec(end.text)?.[1];
  if (!sliced || !looksLikeText(sliced, step.text)) return null;
  // The body: a loop's block, or the comprehension the clause belongs to.
  const body = loop.type === "for_in_clause" ? loop.parent : loop.childForFieldName("body");
  if (!body) return null;
  const slice = new RegExp(
    String.raw`\b${escapeRegExp(sliced)}\s*\[\s*${variable.text}\s*:\s*${variable.text}\s*\+\s*${escapeRegExp(step.text)}\s*\]`,
  );
  return slice.test(body.text) ? { text: sliced, step: step.text } : null;
}

/** `for (let i = 0; i < text.length; i += N) ... text.slice(i, i + N)`. */
function jsCut(loop: Node): Cut | null {
  const increment = loop.childForFieldName("increment");
  const condition = loop.childForFieldName("condition");
  const body = loop.childForFieldName("body");
  const step =
    increment?.type === "augmented_assignment_expression" ? increment.childForFieldName("right") : null;
  const left = increment?.childForFieldName("left")?.text;
  const variable = left ? escapeRegExp(left) : undefined;
  if (!step || !variable || !condition || !body) return null;
  const sliced = new RegExp(String.raw`^${variable}\s*<\s*([\w.]+)\.length\s*;?$`).exec(condition.text)?.[1];
  if (!sliced || !looksLikeText(sliced, step.text)) return null;
  const slice = new RegExp(
    String.raw`\b${escapeRegExp(sliced)}\.(slice|substring)\(\s*${variable}\s*,\s*${variable}\s*\+\s*${escapeRegExp(step.text)}\s*\)|\b${escapeRegExp(sliced)}\.substr\(\s*${variable}\s*,\s*${escapeRegExp(step.text)}\s*\)`,
  );
  return slice.test(body.text) ? { text: sliced, step: step.text } : null;
}

/** Slicing text (not batching a list): the names say so, and neither says "batch". */
function looksLikeText(sliced: string, step: string): boolean {
  const last = sliced.slice(sliced.lastIndexOf(".") + 1);
  if (BATCH.test(last) && !TEXT_NAME.test(last)) return false;
  if (/batch/i.test(step)) return false;
  return TEXT_NAME.test(last) || CHUNK_STEP.test(step);
}
