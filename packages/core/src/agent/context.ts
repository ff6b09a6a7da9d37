// The first message: the most relevant repository text that fits the token budget, and a list of what did not.
import { RepoView } from "../detectors/repo-view.js";
import type { Finding } from "../report/contract.js";
import type { Snapshot, SourceFile } from "../snapshot/types.js";
import { inert } from "./prompts.js";
import type { SecretMask } from "./secret-mask.js";
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
  /** The file the block shows, if any: its secret lines are hidden before it is rendered for the prompt. */
  file?: SourceFile;
  render: (file?: SourceFile) => string;
}

/** The pull request's own words: untrusted like the code, and capped so a long description cannot crowd it out. */
export interface PullRequestText {
  title: string;
  body: string | null;
}

const MAX_PR_TEXT_CHARS = 4_000;

export async function buildContext(
  snapshot: Snapshot,
  detected: readonly Finding[],
  budget: number,
  mask: SecretMask,
  pullRequest?: PullRequestText,
): Promise<PromptContext> {
  const repo = new RepoView(snapshot);
  const header = snapshot.changes
    ? `Repository: ${snapshot.name}. A pull request changes ${snapshot.changes.length} file(s); review what it changes.`
    : `Repository: ${snapshot.name}. Review the whole repository.`;
  const blocks = [
    ...(pullRequest ? [prBlock(pullRequest)] : []),
    ...fileBlocks(snapshot, repo, detected),
    factsBlock(snapshot, detected),
  ];

  const parts = [header];
  let tokens = countTokens(header);
  const leftOut: string[] = [];
  for (const block of blocks) {
    // Measured unmasked first, so only files that fit are scanned for secrets.
    if (tokens + countTokens(block.render(block.file)) + 2 > budget) {
      leftOut.push(block.key);
      continue;
    }
    const text = block.render(block.file && (await mask(block.file)));
    const cost = countTokens(text) + 2;
    if (tokens + cost > budget) {
      leftOut.push(block.key);
      continue;
    }
    parts.push(text);
    tokens += cost;
  }
  return { body: parts.join("\n\n"), tokens, leftOut };
}

function prBlock(pr: PullRequestText): Block {
  const body = (pr.body ?? "").slice(0, MAX_PR_TEXT_CHARS);
  const cut = (pr.body ?? "").length > body.length ? "\n(… description cut)" : "";
  return {
    key: "pull request description",
    render: () => inert(`### Pull request: ${pr.title.slice(0, 300)}\n${body}${cut}`),
  };
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
        file,
        render: (f = file) => `### Changed file ${file.path} (hunks)\n${hunksText(f, change)}`,
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
  return { key: file.path, file, render: (f = file) => wholeFileText(f, why) };
}

function wholeFileText(file: SourceFile, why: string | null): string {
  const more =
    file.lines.length > MAX_FILE_LINES
      ? `\n(… ${file.lines.length - MAX_FILE_LINES} more lines: use read_file)`
      : "";
  return `### File ${file.path}${why ? ` (${why})` : ""}\n${numberedLines(file, 1, MAX_FILE_LINES)}${more}`;
}

function factsBlock(snapshot: Snapshot, detected: readonly Finding[]): Block {
  const paths = snapshot.paths.slice(0, MAX_LISTED_PATHS);
  const more = snapshot.paths.length - paths.length;
  const findings = detected.slice(0, MAX_LISTED_FINDINGS).map((f) => {
    const where = f.file ? ` ${f.file}${f.line ? `:${f.line}` : ""}` : "";
    return `- [${f.ruleId}]${where} ${f.message}`;
  });
  const text = inert(
    [
      `### Files in the repository (${snapshot.paths.length})`,
      ...paths,
      ...(more > 0 ? [`(… ${more} more: use list_files)`] : []),
      "",
      `### Detector findings so far (${detected.length})`,
      ...(findings.length ? findings : ["(none)"]),
    ].join("\n"),
  );
  return { key: "repository facts (file list, detector findings)", render: () => text };
}
