// The scripted model of the default eval: it reads like a model (lists files, asks for the detector findings,
// reads the labelled files), then answers with the corpus labels as findings, quoting the real code, one of them
// cited at the wrong line and two that cannot be grounded. It measures the pipeline (grounding, merge,
// sanitising, budgets, token accounting) against a near-perfect model; it says nothing about a real model.

import { json, type StepFunction, toolCalls } from "@learnloop/fake-openai";
import type { CorpusRepo, Label } from "./labels.js";

/** Lines a real quote needs (the grounding ignores shorter quotes: they match too much). */
const MIN_QUOTE_CHARS = 6;
/** How far the one misplaced finding is cited from its real line; grounding should move it back. */
export const MISPLACED_BY = 5;

interface OracleFinding {
  area: string;
  level: string;
  file: string;
  line: number;
  quote: string;
  message: string;
  why: string;
  tryThis: string;
}

function quoteAt(lines: readonly string[], line: number): string | undefined {
  const taken: string[] = [];
  for (let i = line - 1; i < Math.min(lines.length, line + 2); i++) {
    taken.push(lines[i]!);
    if (taken.join("").replace(/\s/g, "").length >= MIN_QUOTE_CHARS) return taken.join("\n");
  }
  return undefined;
}

/** What a perfect model would report: every label that names a line, quoting that line. */
export function oracleFindings(repo: CorpusRepo): OracleFinding[] {
  const files = new Map(repo.snapshot.files.map((f) => [f.path, f]));
  const out: OracleFinding[] = [];
  let misplaced = false;
  for (const label of repo.expected.findings) {
    const file = label.file === null ? undefined : files.get(label.file);
    if (!file || label.line === null) continue;
    const quote = quoteAt(file.lines, label.line);
    if (!quote) continue;
    // One finding per repo is cited a few lines off, where its quote is not: the grounding must move it back.
    const elsewhere = file.lines
      .slice(label.line + MISPLACED_BY - 1, label.line + MISPLACED_BY + 2)
      .join("\n");
    const shift: boolean =
      !misplaced && label.line + MISPLACED_BY <= file.lines.length && !elsewhere.includes(quote);
    misplaced ||= shift;
    out.push(finding(label, file.path, shift ? label.line + MISPLACED_BY : label.line, quote));
  }
  const anyFile = repo.snapshot.files[0]?.path ?? "README.md";
  out.push(
    finding(ghost("code-quality"), "src/does_not_exist.py", 3, "import does_not_exist_anywhere"),
    finding(ghost("security"), anyFile, 1, "eval(model_output)  # a line this repo does not have"),
  );
  return out;
}

function ghost(area: Label["area"]): Label {
  return { area, file: null, line: null, why: "A finding the grounding must drop: its quote is nowhere." };
}

function finding(label: Label, file: string, line: number, quote: string): OracleFinding {
  return {
    area: label.area,
    level: "actionable",
    file,
    line,
    quote,
    message: label.why,
    why: "Scripted by the eval from the corpus label.",
    tryThis: "Compare this finding with the label in expected.json.",
  };
}

/** The labelled files, in label order, each once. */
function labelledFiles(repo: CorpusRepo): { path: string; line: number }[] {
  const seen = new Map<string, number>();
  for (const l of repo.expected.findings) if (l.file && !seen.has(l.file)) seen.set(l.file, l.line ?? 1);
  const exists = new Set(repo.snapshot.files.map((f) => f.path));
  return [...seen].filter(([path]) => exists.has(path)).map(([path, line]) => ({ path, line }));
}

/**
 * One step function for every request: turn 1 lists files and asks for the detector findings, turn 2 reads up
 * to three labelled files around their labelled lines, then (or as soon as tools are withdrawn) it answers.
 */
export function oracleModel(repo: CorpusRepo): StepFunction {
  return (request) => {
    const messages = (request.body.messages ?? []) as { role: string }[];
    const turn = messages.filter((m) => m.role === "assistant").length;
    const mayCallTools = Array.isArray(request.body.tools) && request.body.tool_choice !== "none";
    if (mayCallTools && turn === 0)
      return toolCalls([
        { name: "list_files", arguments: {} },
        { name: "detector_findings", arguments: {} },
      ]);
    if (mayCallTools && turn === 1) {
      const reads = labelledFiles(repo).slice(0, 3);
      if (reads.length > 0)
        return toolCalls(
          reads.map(({ path, line }) => ({
            name: "read_file",
            arguments: { path, startLine: Math.max(1, line - 10), endLine: line + 10 },
          })),
        );
    }
    return json({ findings: oracleFindings(repo) });
  };
}
