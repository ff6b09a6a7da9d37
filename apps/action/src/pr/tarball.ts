// Reads a repository tarball (GitHub's /tarball/{ref}) into memory: every path, and the text of the wanted files.

import type { DirEntry, FileSystem } from "@learnloop/core";
import { Parser, type ReadEntry } from "tar";

export interface TarballTree {
  /** Every regular file, relative to the repository root. */
  listing: string[];
  files: Map<string, Uint8Array>;
}

/** Larger files are listed but not kept: the review skips them as oversized anyway. */
const MAX_KEPT_FILE = 10 * 1024 * 1024;

export function readTarball(archive: Uint8Array, wanted: (path: string) => boolean): Promise<TarballTree> {
  return new Promise((resolve, reject) => {
    const listing: string[] = [];
    const files = new Map<string, Uint8Array>();
    const parser = new Parser({
      strict: true,
      onReadEntry: (entry: ReadEntry) => {
        // GitHub nests everything in one "<owner>-<repo>-<sha>/" folder.
        const path = entry.path.split("/").slice(1).join("/");
        if (entry.type !== "File" || path === "") {
          entry.resume();
          return;
        }
        listing.push(path);
        if (!wanted(path) || entry.size > MAX_KEPT_FILE) {
          entry.resume();
          return;
        }
        const chunks: Buffer[] = [];
        entry.on("data", (chunk: Buffer) => chunks.push(chunk));
        entry.on("end", () => files.set(path, new Uint8Array(Buffer.concat(chunks))));
      },
    });
    parser.on("error", reject);
    parser.on("end", () => resolve({ listing, files }));
    parser.end(Buffer.from(archive));
  });
}

/** The tree as a FileSystem for the core's loader (with `listing`, so it never needs to list folders). */
export function tarballFileSystem(root: string, tree: TarballTree): FileSystem {
  const rel = (path: string) => path.slice(root.length + 1);
  const missing = (path: string) => Object.assign(new Error(`ENOENT: ${path}`), { code: "ENOENT" });
  return {
    async list(): Promise<DirEntry[]> {
      return [];
    },
    async size(path) {
      const bytes = tree.files.get(rel(path));
      if (!bytes) throw missing(path);
      return bytes.length;
    },
    async read(path) {
      const bytes = tree.files.get(rel(path));
      if (!bytes) throw missing(path);
      return bytes;
    },
    async kindOf(path) {
      return path === root ? "directory" : tree.files.has(rel(path)) ? "file" : null;
    },
  };
}
