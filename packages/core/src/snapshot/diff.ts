// Turns a unified diff (from `git diff` or GitHub's per-file patches) into the lines each file adds.
import parseDiff from "parse-diff";
import type { ChangedFile } from "./types.js";

const stripPrefix = (p: string | undefined) => (p ?? "").replace(/^[ab]\//, "");

export function changedFilesFromDiff(diff: string): ChangedFile[] {
  return parseDiff(diff).flatMap((file): ChangedFile[] => {
    if (file.deleted) return [{ path: stripPrefix(file.from), status: "deleted", addedLines: new Set() }];
    const path = stripPrefix(file.to);
    if (!path || path === "/dev/null") return [];
    const addedLines = new Set<number>();
    for (const chunk of file.chunks) {
      for (const change of chunk.changes) if (change.type === "add") addedLines.add(change.ln);
    }
    const renamed = file.from !== undefined && stripPrefix(file.from) !== path && !file.new;
    return [{ path, status: file.new ? "added" : renamed ? "renamed" : "modified", addedLines }];
  });
}
