// The eval's output: one row per repo and a total, as a plain-text table.

import type { RepoResult } from "./run.js";
import { addScores, precision, recall, type Score } from "./score.js";

const ratio = (value: number | null) => (value === null ? "-" : value.toFixed(2));
const pr = (s: Score) => `${ratio(precision(s))}/${ratio(recall(s))}`;
const usd = (n: number, priced: boolean) => (priced ? `$${n.toFixed(4)}` : "n/a");

const HEAD = [
  "repo",
  "labels",
  "detectors P/R",
  "llm P/R",
  "combined P/R",
  "calls",
  "prompt",
  "completion",
  "cost",
  "dropped",
  "moved",
  "note",
];

/** What a row shows: a repo's result, or the sum of them all. */
type Totals = Omit<RepoResult, "repo" | "ms" | "detectors" | "llm" | "combined"> &
  Record<"detectors" | "llm" | "combined", Score>;

export function renderTable(results: readonly RepoResult[], priced: boolean): string {
  const row = (r: Totals, name: string): string[] => [
    name,
    String(r.detectors.expected),
    pr(r.detectors),
    pr(r.llm),
    pr(r.combined),
    r.calls === null ? "-" : String(r.calls),
    String(r.promptTokens),
    String(r.completionTokens),
    usd(r.costUsd, priced),
    String(r.dropped),
    String(r.moved),
    [
      r.skippedReason ? `skipped: ${r.skippedReason}` : "",
      r.problems.length ? `${r.problems.length} server problem(s)` : "",
    ]
      .filter(Boolean)
      .join("; "),
  ];
  const sum = (key: "promptTokens" | "completionTokens" | "costUsd" | "dropped" | "moved") =>
    results.reduce((total, r) => total + r[key], 0);
  const total = {
    detectors: addScores(results.map((r) => r.detectors)),
    llm: addScores(results.map((r) => r.llm)),
    combined: addScores(results.map((r) => r.combined)),
    calls: results.some((r) => r.calls === null) ? null : results.reduce((t, r) => t + (r.calls ?? 0), 0),
    promptTokens: sum("promptTokens"),
    completionTokens: sum("completionTokens"),
    costUsd: sum("costUsd"),
    dropped: sum("dropped"),
    moved: sum("moved"),
    skippedReason: null,
    problems: results.flatMap((r) => r.problems),
  };
  const rows = [...results.map((r) => row(r, r.repo)), row(total, "total")];
  const widths = HEAD.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: string[]) =>
    cells
      .map((c, i) => (i === 0 || i === cells.length - 1 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!)))
      .join("  ")
      .trimEnd();
  return [
    line(HEAD),
    ...rows.slice(0, -1).map(line),
    line(widths.map((w) => "-".repeat(w))),
    line(rows.at(-1)!),
  ].join("\n");
}

const at = (file: string | null, line: number | null) =>
  file === null ? "(repo)" : line === null ? file : `${file}:${line}`;

/** Findings of the combined review that matched no label (false positives, or finds the labels lack), and misses. */
export function renderMisses(results: readonly RepoResult[]): string {
  const out: string[] = [];
  for (const r of results) {
    const lines = [
      ...r.combined.unmatched.map(
        (f) =>
          `    no label (${f.source === "llm" ? "mentor" : f.ruleId}): [${f.area}] ${at(f.file, f.line)} ${f.message}`,
      ),
      ...r.combined.missed.map((l) => `    missed label: [${l.area}] ${at(l.file, l.line)} ${l.why}`),
    ];
    if (lines.length > 0) out.push(`  ${r.repo}`, ...lines);
  }
  return out.length > 0 ? `\nMisses:\n${out.join("\n")}` : "\nMisses: none.";
}
