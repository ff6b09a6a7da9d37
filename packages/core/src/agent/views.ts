// Text views of the snapshot that the prompt and the tools share: numbered lines, diff hunks, imported files.
import type { RepoView } from "../detectors/repo-view.js";
import type { ChangedFile, SourceFile } from "../snapshot/types.js";
import { inert } from "./prompts.js";

const HUNK_CONTEXT = 3;

/** Lines `from`..`to` (1-based, inclusive) as "  12| code", so the model can cite exact lines. */
export function numberedLines(file: SourceFile, from = 1, to = file.lines.length): string {
  const last = Math.min(to, file.lines.length);
  const width = String(last).length;
  const out: string[] = [];
  for (let n = Math.max(1, from); n <= last; n++)
    out.push(`${String(n).padStart(width)}| ${file.lines[n - 1]}`);
  return inert(out.join("\n"));
}

/** New-side ranges around the added lines, merged when their context touches. */
export function hunkRanges(change: ChangedFile, lineCount: number): [number, number][] {
  const ranges: [number, number][] = [];
  for (const line of [...change.addedLines].sort((a, b) => a - b)) {
    const from = Math.max(1, line - HUNK_CONTEXT);
    const to = Math.min(lineCount, line + HUNK_CONTEXT);
    const last = ranges.at(-1);
    if (last && from <= last[1] + 1) last[1] = Math.max(last[1], to);
    else ranges.push([from, to]);
  }
  return ranges;
}

/** A changed file's hunks with numbered new-side lines; added lines are marked with "+". */
export function hunksText(file: SourceFile, change: ChangedFile): string {
  return hunkRanges(change, file.lines.length)
    .map(([from, to]) => {
      const width = String(to).length;
      const lines: string[] = [];
      for (let n = from; n <= to; n++) {
        const mark = change.addedLines.has(n) ? "+" : " ";
        lines.push(`${mark}${String(n).padStart(width)}| ${file.lines[n - 1]}`);
      }
      return `@@ lines ${from}-${to} @@\n${inert(lines.join("\n"))}`;
    })
    .join("\n");
}

/** Files of the repo that `file` imports (Python modules, relative JS/TS specifiers), resolved to paths. */
export function importedFiles(file: SourceFile, repo: RepoView): SourceFile[] {
  const found = new Map<string, SourceFile>();
  const dir = file.path.includes("/") ? file.path.slice(0, file.path.lastIndexOf("/")) : "";
  for (const spec of repo.importsOf(file)) {
    const candidates: string[] = [];
    if (file.language === "python") {
      const base = spec.replaceAll(".", "/");
      for (const root of dir ? [dir, ""] : [""]) {
        const p = root ? `${root}/${base}` : base;
        candidates.push(`${p}.py`, `${p}/__init__.py`);
      }
    } else if (spec.startsWith(".")) {
      const p = normalise(`${dir}/${spec}`);
      const stem = p.replace(/\.[cm]?js$/, "");
      for (const ext of ["", ".ts", ".tsx", ".js", ".jsx", ".mjs", "/index.ts", "/index.js"])
        candidates.push(`${stem}${ext}`);
    }
    const hit = candidates.map((c) => repo.file(c)).find((f) => f !== undefined && f.path !== file.path);
    if (hit) found.set(hit.path, hit);
  }
  return [...found.values()];
}

function normalise(path: string): string {
  const out: string[] = [];
  for (const part of path.split("/")) {
    if (part === "" || part === ".") continue;
    if (part === "..") out.pop();
    else out.push(part);
  }
  return out.join("/");
}
