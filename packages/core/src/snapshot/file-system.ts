// The file reader the snapshot loader is given: the apps pass `nodeFileSystem`, tests may pass their own.
import { lstatSync, readdirSync, readFileSync, statSync } from "node:fs";

export type EntryKind = "file" | "directory" | "symlink" | "other";

export interface DirEntry {
  name: string;
  kind: EntryKind;
}

export interface FileSystem {
  /** Throws (as node:fs does) when the path is missing or not a directory. */
  list(dir: string): Promise<DirEntry[]>;
  /** Size in bytes of a file, not following links. */
  size(path: string): Promise<number>;
  read(path: string): Promise<Uint8Array>;
  /** What a path is, following links; null when nothing is there. */
  kindOf(path: string): Promise<EntryKind | null>;
}

/**
 * The local disk, read with blocking calls behind the promises. A review reads every file of a tree the system has
 * just listed, so it is nearly always cached: a blocking read of such a file costs less than handing it to libuv's
 * thread pool and back (Python's stdlib, 2,263 files: loaded in 0.1 s instead of 0.25 s, a third of the CPU time).
 * The loader yields to the event loop between files now and then (see `loadDirectory`).
 */
export const nodeFileSystem: FileSystem = {
  async list(dir) {
    const entries = readdirSync(dir, { withFileTypes: true });
    return entries.map((e) => ({
      name: e.name,
      kind: e.isFile() ? "file" : e.isDirectory() ? "directory" : e.isSymbolicLink() ? "symlink" : "other",
    }));
  },
  async size(path) {
    return lstatSync(path).size;
  },
  async read(path) {
    return readFileSync(path);
  },
  async kindOf(path) {
    try {
      const s = statSync(path);
      return s.isFile() ? "file" : s.isDirectory() ? "directory" : "other";
    } catch {
      return null;
    }
  },
};
