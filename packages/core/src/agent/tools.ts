// The mentor's tools: read-only views of the snapshot with capped output. Nothing here writes, runs code or calls out.
import { tool } from "@langchain/core/tools";
import { z } from "zod";
import { RepoView } from "../detectors/repo-view.js";
import type { Finding } from "../report/contract.js";
import type { Snapshot } from "../snapshot/types.js";
import { inert } from "./prompts.js";
import type { SecretMask } from "./secret-mask.js";
import { hunksText, numberedLines } from "./views.js";

/** Every tool answer is cut to this many characters (about 2,000 tokens), so one call cannot eat the budget. */
export const MAX_TOOL_OUTPUT_CHARS = 8_000;
const MAX_READ_LINES = 200;
const MAX_SEARCH_HITS = 40;
const MAX_LIST = 400;

export function bounded(text: string, max = MAX_TOOL_OUTPUT_CHARS): string {
  if (text.length <= max) return text;
  const cut = text.slice(0, max);
  const kept = cut.slice(0, Math.max(cut.lastIndexOf("\n"), 0) || max);
  return `${kept}\n(… output cut at ${max} characters: ask for a narrower range or a more specific search)`;
}

export function snapshotTools(snapshot: Snapshot, detected: readonly Finding[], mask: SecretMask) {
  const repo = new RepoView(snapshot);
  const missing = (path: string) =>
    `No readable file "${path}". ${snapshot.paths.includes(path) ? "It was skipped (binary, vendored or too large)." : "Use list_files to see the paths."}`;

  const listFiles = tool(
    ({ under }) => {
      const prefix = (under ?? "").replace(/^\.?\//, "");
      const paths = snapshot.paths.filter((p) => p.startsWith(prefix));
      const shown = paths.slice(0, MAX_LIST);
      const more = paths.length - shown.length;
      return bounded(inert([...shown, ...(more > 0 ? [`(… ${more} more)`] : [])].join("\n") || "(no files)"));
    },
    {
      name: "list_files",
      description: "List the repository's file paths, optionally only those under a folder.",
      schema: z.object({ under: z.string().optional().describe("a folder, e.g. src/") }),
    },
  );

  const readFile = tool(
    async ({ path, startLine, endLine }) => {
      const found = repo.file(path);
      if (!found) return missing(path);
      const file = await mask(found);
      const from = Math.max(1, startLine ?? 1);
      const to = Math.min(file.lines.length, endLine ?? from + MAX_READ_LINES - 1, from + MAX_READ_LINES - 1);
      const more = to < file.lines.length ? `\n(file has ${file.lines.length} lines)` : "";
      return bounded(`${path} lines ${from}-${to}:\n${numberedLines(file, from, to)}${more}`);
    },
    {
      name: "read_file",
      description: `Read a file's lines, numbered (at most ${MAX_READ_LINES} lines per call).`,
      schema: z.object({
        path: z.string(),
        startLine: z.number().int().positive().optional(),
        endLine: z.number().int().positive().optional(),
      }),
    },
  );

  const searchText = tool(
    async ({ text, path }) => {
      const needle = text.toLowerCase();
      if (needle.trim().length < 2) return "Search for at least 2 characters.";
      const hits: string[] = [];
      for (const unmasked of snapshot.files) {
        if (path && !unmasked.path.startsWith(path)) continue;
        if (hits.length > MAX_SEARCH_HITS || !unmasked.text.toLowerCase().includes(needle)) continue;
        const file = await mask(unmasked);
        // Matched on the real text, shown masked: a search can find a secret's line but never show the secret.
        unmasked.lines.forEach((line, i) => {
          if (hits.length <= MAX_SEARCH_HITS && line.toLowerCase().includes(needle))
            hits.push(`${file.path}:${i + 1}| ${file.lines[i]!.trim().slice(0, 200)}`);
        });
      }
      const more =
        hits.length > MAX_SEARCH_HITS ? `\n(more than ${MAX_SEARCH_HITS} matches: narrow the search)` : "";
      return bounded(inert(hits.slice(0, MAX_SEARCH_HITS).join("\n") || "No matches.") + more);
    },
    {
      name: "search_text",
      description: "Find lines containing a text (case-insensitive), as path:line| code.",
      schema: z.object({
        text: z.string(),
        path: z.string().optional().describe("only files under this path"),
      }),
    },
  );

  const readDiff = tool(
    async ({ path }) => {
      const change = snapshot.changes?.find((c) => c.path === path);
      if (!change)
        return snapshot.changes
          ? `"${path}" is not changed by this pull request.`
          : "This review is of the whole repository: there is no diff.";
      const file = repo.file(path);
      if (!file)
        return change.status === "deleted" ? `"${path}" is deleted by this pull request.` : missing(path);
      return bounded(
        `${path} (${change.status}), new-side lines, "+" marks added lines:\n${hunksText(file, change)}`,
      );
    },
    {
      name: "read_diff",
      description: "Read the diff hunks of a file the pull request changes, with numbered new-side lines.",
      schema: z.object({ path: z.string() }),
    },
  );

  const detectorFindings = tool(
    () =>
      bounded(
        inert(
          detected
            .map(
              (f) => `- [${f.ruleId}] ${f.file ?? "(repository)"}${f.line ? `:${f.line}` : ""} ${f.message}`,
            )
            .join("\n") || "The detectors found nothing.",
        ),
      ),
    {
      name: "detector_findings",
      description: "What learnloop's deterministic detectors already found (do not repeat these).",
      schema: z.object({}),
    },
  );

  return [listFiles, readFile, searchText, readDiff, detectorFindings];
}
