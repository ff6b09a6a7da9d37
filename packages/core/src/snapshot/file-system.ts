// The file reader the snapshot loader is given: the apps pass `nodeFileSystem`, tests may pass their own.
import { lstat, readdir, readFile, stat } from "node:fs/promises";

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

export const nodeFileSystem: FileSystem = {
  async list(dir) {
    const entries = await readdir(dir, { withFileTypes: true });
    return entries.map((e) => ({
      name: e.name,
      kind: e.isFile() ? "file" : e.isDirectory() ? "directory" : e.isSymbolicLink() ? "symlink" : "other",
    }));
  },
  async size(path) {
    return (await lstat(path)).size;
  },
  read: (path) => readFile(path),
  async kindOf(path) {
    try {
      const s = await stat(path);
      return s.isFile() ? "file" : s.isDirectory() ? "directory" : "other";
    } catch {
      return null;
    }
  },
};
