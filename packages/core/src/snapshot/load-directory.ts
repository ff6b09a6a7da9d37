// Loads a local directory into a Snapshot: respects .gitignore, skips what no one should review, and counts it.
import ignore, { type Ignore } from "ignore";
import { isBinaryFileSync } from "isbinaryfile";
import { fail, ok, type Result } from "../result.js";
import {
  hasBinaryExtension,
  looksMinified,
  MAX_FILE_BYTES,
  MAX_NOTEBOOK_BYTES,
  skippedDirReason,
} from "./classify.js";
import type { FileSystem } from "./file-system.js";
import { isNotebook, languageOf } from "./language.js";
import { LoadedFile } from "./source-file.js";
import type { SkippedFile, SkipReason, Snapshot, SourceFile } from "./types.js";

export interface LoadOptions {
  fs: FileSystem;
  /** Display name of the tree (defaults to the root path as given). */
  name?: string;
  /** Globs (relative to the root) to leave out, from the learner's config. */
  ignore?: readonly string[];
  /** Read the text only of these paths (PR mode); every path is still listed. Default: read all. */
  wantText?: (path: string) => boolean;
  onProgress?: (filesSeen: number) => void;
  /** Called as files are read, with the bytes of text read so far (e.g. to start worker threads for a large repo). */
  onBytesRead?: (bytes: number) => void;
  /**
   * The tree's files, already known (e.g. from `git ls-files` in PR mode): used instead of walking the
   * directory, so a review of a small change does not pay for listing a large repository.
   */
  listing?: readonly string[];
}

interface Matcher {
  base: string;
  rules: Ignore;
}

const READ_CONCURRENCY = 16;
/**
 * How long the loader runs before it gives the event loop a turn: `nodeFileSystem` blocks, and a progress line or
 * a worker's first message must not wait for the whole tree.
 */
const TURN_MS = 50;

export async function loadDirectory(root: string, options: LoadOptions): Promise<Result<Snapshot>> {
  const { fs } = options;
  const kind = await fs.kindOf(root);
  if (kind === null) return fail("not-found", `${root}: no such directory`);
  if (kind !== "directory")
    return fail("not-a-directory", `${root}: is a file, not a directory (pass the project's folder)`);

  // The glob matcher loads only for a config with `ignore` globs.
  const configIgnored = options.ignore?.length
    ? (await import("picomatch")).default(options.ignore as string[], { dot: true })
    : null;
  const paths: string[] = [];
  const toRead: string[] = [];
  const skipped: SkippedFile[] = [];
  const skip = (path: string, reason: SkipReason, bytes: number | null) =>
    skipped.push({ path, reason, bytes });
  // One turn for all the concurrent readers below: each waiting on a turn of its own, they would run one after
  // another in the same turn.
  let turnStarted = performance.now();
  let turn: Promise<void> | null = null;
  const giveTurn = (): Promise<void> | undefined => {
    if (!turn && performance.now() - turnStarted >= TURN_MS)
      turn = new Promise((resolve) =>
        setImmediate(() => {
          turn = null;
          turnStarted = performance.now();
          resolve();
        }),
      );
    return turn ?? undefined;
  };

  const walk = async (rel: string, matchers: Matcher[]): Promise<void> => {
    const abs = rel === "" ? root : `${root}/${rel}`;
    await giveTurn();
    let entries: Awaited<ReturnType<FileSystem["list"]>>;
    try {
      entries = await fs.list(abs);
    } catch {
      if (rel === "") throw new Error(`cannot list ${root}`);
      skip(rel, "unreadable", null);
      return;
    }
    const here = [...matchers];
    if (entries.some((e) => e.name === ".gitignore" && e.kind === "file")) {
      try {
        const text = decodeText(await fs.read(`${abs}/.gitignore`));
        here.push({ base: rel, rules: ignore().add(text) });
      } catch {
        skip(rel === "" ? ".gitignore" : `${rel}/.gitignore`, "unreadable", null);
      }
    }
    entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const entry of entries) {
      if (entry.name === ".git") continue;
      const path = rel === "" ? entry.name : `${rel}/${entry.name}`;
      const isDir = entry.kind === "directory";
      if (gitIgnored(here, path, isDir)) continue;
      if (configIgnored?.(path) || (isDir && configIgnored?.(`${path}/`))) {
        skip(isDir ? `${path}/` : path, "ignored-by-config", null);
        continue;
      }
      if (isDir) {
        const reason = skippedDirReason(entry.name);
        if (reason) skip(`${path}/`, reason, null);
        else await walk(path, here);
        continue;
      }
      if (entry.kind === "symlink") {
        paths.push(path);
        skip(path, "symlink", null);
        continue;
      }
      if (entry.kind !== "file") continue;
      paths.push(path);
      options.onProgress?.(paths.length);
      if (hasBinaryExtension(path)) skip(path, "binary", null);
      else if (!options.wantText || options.wantText(path)) toRead.push(path);
    }
  };

  const fromListing = (listing: readonly string[]) => {
    const skippedDirs = new Set<string>();
    for (const path of [...listing].sort()) {
      const parts = path.split("/");
      const dirIndex = parts.findIndex((part, i) => i < parts.length - 1 && skippedDirReason(part) !== null);
      if (dirIndex !== -1) {
        const dir = `${parts.slice(0, dirIndex + 1).join("/")}/`;
        if (!skippedDirs.has(dir)) skip(dir, skippedDirReason(parts[dirIndex]!)!, null);
        skippedDirs.add(dir);
        continue;
      }
      if (configIgnored?.(path)) {
        skip(path, "ignored-by-config", null);
        continue;
      }
      paths.push(path);
      if (hasBinaryExtension(path)) skip(path, "binary", null);
      else if (!options.wantText || options.wantText(path)) toRead.push(path);
    }
  };

  try {
    if (options.listing) fromListing(options.listing);
    else await walk("", []);
  } catch {
    return fail("unreadable", `${root}: cannot read this directory (check its permissions)`);
  }

  const files: SourceFile[] = [];
  let next = 0;
  let bytesRead = 0;
  const worker = async () => {
    while (next < toRead.length) {
      const path = toRead[next++]!;
      const result = await readSource(fs, `${root}/${path}`, path);
      if ("reason" in result) skip(path, result.reason, result.bytes);
      else {
        files.push(result);
        bytesRead += result.bytes;
        options.onBytesRead?.(bytesRead);
      }
      await giveTurn();
    }
  };
  await Promise.all(Array.from({ length: READ_CONCURRENCY }, worker));

  files.sort((a, b) => (a.path < b.path ? -1 : 1));
  skipped.sort((a, b) => (a.path < b.path ? -1 : 1));
  return ok({ name: options.name ?? root, paths, files, skipped, changes: null });
}

/** Git's rule: the deepest .gitignore that speaks about a path decides; a `!pattern` brings it back. */
function gitIgnored(matchers: readonly Matcher[], path: string, isDir: boolean): boolean {
  let ignored = false;
  for (const m of matchers) {
    const rel = m.base === "" ? path : path.slice(m.base.length + 1);
    const verdict = m.rules.test(isDir ? `${rel}/` : rel);
    if (verdict.ignored) ignored = true;
    else if (verdict.unignored) ignored = false;
  }
  return ignored;
}

/**
 * A file's text: UTF-16 when it starts with a UTF-16 byte order mark (Windows tools write those: PowerShell's
 * `pip freeze > requirements.txt`, Notepad's "Unicode"), else UTF-8, a UTF-8 byte order mark dropped. Read as
 * UTF-8, a UTF-16 file is a NUL between every letter and no rule would see a word of it.
 */
export function decodeText(bytes: Uint8Array): string {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return new TextDecoder("utf-16le").decode(bytes);
  // Big-endian as little-endian with each pair swapped: a Node built without full ICU has no "utf-16be" decoder.
  if (bytes[0] === 0xfe && bytes[1] === 0xff) {
    const swapped = Buffer.from(bytes.subarray(0, bytes.length & ~1)).swap16();
    return new TextDecoder("utf-16le").decode(swapped) + (bytes.length % 2 === 1 ? "\uFFFD" : "");
  }
  return new TextDecoder().decode(bytes);
}

/** isbinaryfile reads this many bytes at most, from the start. */
const BINARY_CHECK_BYTES = 512;
/** A byte isbinaryfile counts as suspicious: not a control character from bell to shift-out, not printable ASCII. */
// biome-ignore lint/suspicious/noControlCharactersInRegex: the control characters isbinaryfile counts as plain.
const NOT_PLAIN = /[^\x07-\x0e\x20-\x7f]/;

/**
 * Whether a file is binary, as isbinaryfile decides. Its answer for a start of plain ASCII (nearly every source
 * file) is "text" unless the file is a PDF: that case is settled with one native search instead of the library's
 * byte loop, which a large repo ran cold for thousands of files on the thread that reads them. Exported for the
 * test that holds it to the library's answers.
 */
export function isBinary(bytes: Uint8Array): boolean {
  if (bytes.length === 0) return false;
  const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length);
  const head = buffer.toString("latin1", 0, BINARY_CHECK_BYTES);
  if (!NOT_PLAIN.test(head) && !head.startsWith("%PDF-")) return false;
  return isBinaryFileSync(buffer);
}

/**
 * The text with each lone CR (old Mac line ends) made a line feed, one character for one: editors and tree-sitter
 * break lines there, and a file read as one long line would put every finding on line 1 (or past its end).
 */
const withLineFeeds = (text: string): string =>
  text.includes("\r") ? text.replace(/\r(?!\n)/g, "\n") : text;

type ReadOutcome = SourceFile | { reason: SkipReason; bytes: number | null };

async function readSource(fs: FileSystem, abs: string, path: string): Promise<ReadOutcome> {
  const notebook = isNotebook(path);
  let bytes: Uint8Array;
  try {
    const size = await fs.size(abs);
    if (size > (notebook ? MAX_NOTEBOOK_BYTES : MAX_FILE_BYTES)) return { reason: "oversized", bytes: size };
    bytes = await fs.read(abs);
  } catch {
    return { reason: "unreadable", bytes: null };
  }
  if (isBinary(bytes)) {
    return { reason: "binary", bytes: bytes.length };
  }
  const raw = withLineFeeds(decodeText(bytes));
  if (looksMinified(path, raw)) return { reason: "minified", bytes: bytes.length };

  if (notebook) {
    // Loaded with the first notebook: its reader validates with zod, which a repo of plain source never needs.
    const { flattenNotebook } = await import("./notebook.js");
    const flat = flattenNotebook(raw);
    if (!flat) return { reason: "invalid-notebook", bytes: bytes.length };
    return new LoadedFile({
      path,
      bytes: bytes.length,
      language: "python",
      text: flat.code,
      notebook: { cells: flat.cells, ipynbLines: flat.ipynbLines },
    });
  }
  return new LoadedFile({ path, bytes: bytes.length, language: languageOf(path), text: raw });
}
