// The first message: the most relevant repository text that fits the token budget, and a list of what did not.
import { RepoView } from "../detectors/repo-view.js";
import type { Finding } from "../report/contract.js";
import type { Snapshot, SourceFile } from "../snapshot/types.js";
import { inert } from "./prompts.js";
import { countTokens } from "./tokens.js";
import { hunksText, importedFiles, numberedLines } from "./views.js";

const MAX_FILE_LINES = 400;
const MAX_LISTED_PATHS = 300;
const MAX_LISTED_FINDINGS = 60;
const CODE = /\.(py|ipynb|[cm]?[jt]sx?)$/;

export interface PromptContext {
  body: string;
  tokens: number;
  /** Paths (or "repository facts") left out because they did not fit, most relevant first. */
  leftOut: string[];
}

interface Block {
  key: string;
  text: string;
}

export function buildContext(
  snapshot: Snapshot,
  detected: readonly Finding[],
  budget: number,
): PromptContext {
  const repo = new RepoView(snapshot);
  const header = snapshot.changes
    ? `Repository: ${snapshot.name}. A pull request changes ${snapshot.changes.length} file(s); review what it changes.`
    : `Repository: ${snapshot.name}. Review the whole repository.`;
  const blocks = [...fileBlocks(snapshot, repo, detected), factsBlock(snapshot, detected)];

  const parts = [header];
  let tokens = countTokens(header);
  const leftOut: string[] = [];
  for (const block of blocks) {
    const cost = countTokens(block.text) + 2;
    if (tokens + cost > budget) {
      leftOut.push(block.key);
      continue;
    }
    parts.push(block.text);
    tokens += cost;
  }
  return { body: parts.join("\n\n"), tokens, leftOut };
}

/** Changed hunks first, then the files they import; for a whole-repo review, files by how much there is to say. */
function fileBlocks(snapshot: Snapshot, repo: RepoView, detected: readonly Finding[]): Block[] {
  if (snapshot.changes) {
    const changed: SourceFile[] = [];
    const blocks: Block[] = [];
    for (const change of snapshot.changes) {
      const file = change.status === "deleted" ? undefined : repo.file(change.path);
      if (!file) continue;
      changed.push(file);
      blocks.push({
        key: file.path,
        text: `### Changed file ${file.path} (hunks)\n${hunksText(file, change)}`,
      });
    }
    const seen = new Set(changed.map((f) => f.path));
    for (const file of changed) {
      for (const imported of importedFiles(file, repo)) {
        if (seen.has(imported.path)) continue;
        seen.add(imported.path);
        blocks.push(wholeFile(imported, `imported by ${file.path}`));
      }
    }
    return blocks;
  }
  const findingsPerFile = new Map<string, number>();
  for (const f of detected) if (f.file) findingsPerFile.set(f.file, (findingsPerFile.get(f.file) ?? 0) + 1);
  const readme = repo.readme();
  const rank = (f: SourceFile) =>
    f === readme ? 0 : CODE.test(f.path) ? (findingsPerFile.has(f.path) ? 1 : 2) : 3;
  return [...snapshot.files]
    .sort(
      (a, b) =>
        rank(a) - rank(b) ||
        (findingsPerFile.get(b.path) ?? 0) - (findingsPerFile.get(a.path) ?? 0) ||
        a.bytes - b.bytes ||
        a.path.localeCompare(b.path),
    )
    .map((f) => wholeFile(f, null));
}

function wholeFile(file: SourceFile, why: string | null): Block {
  const more =
    file.lines.length > MAX_FILE_LINES
      ? `\n(… ${file.lines.length - MAX_FILE_LINES} more lines: use read_file)`
      : "";
  return {
    key: file.path,
    text: `### File ${file.path}${why ? ` (${why})` : ""}\n${numberedLines(file, 1, MAX_FILE_LINES)}${more}`,
  };
}

function factsBlock(snapshot: Snapshot, detected: readonly Finding[]): Block {
  const paths = snapshot.paths.slice(0, MAX_LISTED_PATHS);
  const more = snapshot.paths.length - paths.length;
  const findings = detected.slice(0, MAX_LISTED_FINDINGS).map((f) => {
    const where = f.file ? ` ${f.file}${f.line ? `:${f.line}` : ""}` : "";
    return `- [${f.ruleId}]${where} ${f.message}`;
  });
  return {
    key: "repository facts (file list, detector findings)",
    text: inert(
      [
        `### Files in the repository (${snapshot.paths.length})`,
        ...paths,
        ...(more > 0 ? [`(… ${more} more: use list_files)`] : []),
        "",
        `### Detector findings so far (${detected.length})`,
        ...(findings.length ? findings : ["(none)"]),
      ].join("\n"),
    ),
  };
}
