// Test helpers: an in-memory FileSystem, so tests drive the real loader without touching disk.

import type { Detector } from "../detectors/types.js";
import type { Report } from "../report/contract.js";
import { review } from "../review.js";
import type { DirEntry, FileSystem } from "../snapshot/file-system.js";
import { loadDirectory } from "../snapshot/load-directory.js";
import type { Snapshot } from "../snapshot/types.js";

export type MemoryTree = Record<string, string | Uint8Array | { symlink: string } | { unreadable: true }>;

/** A FileSystem over `tree` (paths relative to `/repo`, "/"-separated). */
export function memoryFileSystem(tree: MemoryTree, root = "/repo"): FileSystem {
  const entries = new Map(Object.entries(tree).map(([p, v]) => [`${root}/${p}`, v]));
  const isDir = (path: string) => path === root || [...entries.keys()].some((k) => k.startsWith(`${path}/`));
  const bytesOf = (path: string): Uint8Array => {
    const v = entries.get(path);
    if (v === undefined) throw Object.assign(new Error(`ENOENT: ${path}`), { code: "ENOENT" });
    if (typeof v === "string") return new TextEncoder().encode(v);
    if (v instanceof Uint8Array) return v;
    throw Object.assign(new Error(`EACCES: ${path}`), { code: "EACCES" });
  };
  return {
    async list(dir) {
      if (!isDir(dir)) throw Object.assign(new Error(`ENOTDIR: ${dir}`), { code: "ENOTDIR" });
      const names = new Map<string, DirEntry>();
      for (const [key, value] of entries) {
        if (!key.startsWith(`${dir}/`)) continue;
        const [name, ...rest] = key.slice(dir.length + 1).split("/");
        const kind =
          rest.length > 0
            ? "directory"
            : typeof value === "object" && "symlink" in value
              ? "symlink"
              : "file";
        names.set(name!, { name: name!, kind });
      }
      return [...names.values()];
    },
    async size(path) {
      const v = entries.get(path);
      if (v && typeof v === "object" && "unreadable" in v)
        throw Object.assign(new Error("EACCES"), { code: "EACCES" });
      return bytesOf(path).length;
    },
    read: async (path) => bytesOf(path),
    async kindOf(path) {
      if (entries.has(path)) return "file";
      return isDir(path) ? "directory" : null;
    },
  };
}

export async function snapshotOf(tree: MemoryTree): Promise<Snapshot> {
  const loaded = await loadDirectory("/repo", { fs: memoryFileSystem(tree), name: "repo" });
  if (!loaded.ok) throw new Error(loaded.error.message);
  return loaded.value;
}

/** Reviews an in-memory repo with only the given detectors: what a rule's fixture test needs. */
export async function reviewTree(tree: MemoryTree, detectors: readonly Detector[]): Promise<Report> {
  return review(await snapshotOf(tree), { detectors });
}
