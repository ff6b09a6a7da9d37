// The one summary comment of a PR, rewritten on every run: what moved, gaps by area, strengths, what was skipped.
import {
  AREA_TITLES,
  type Coaching,
  coachingLines,
  type Finding,
  type Goal,
  location,
  mentorLine,
  type Report,
  summaryLine,
} from "@learnloop/core";
import { LEVEL_BADGE } from "./inline-comments.js";
import { type OpenFinding, type ReviewState, SUMMARY_MARKER, stateMarker } from "./markers.js";
import { inlineCode, messageText, plainText } from "./safe-markdown.js";

/** GitHub rejects bodies over 65,536 characters. */
export const MAX_BODY = 65_000;
/** Open findings remembered for "resolved since the last review" (the most important first); bounds the state. */
export const MAX_TRACKED = 300;

export interface SummaryInput {
  report: Report;
  head: string;
  previous: ReviewState | null;
  /** Gaps not commented inline this run (off the diff or over the limit): listed so nothing is lost. */
  notInline: readonly Finding[];
  inlineCount: number;
  outcome?: string;
  tone: "encouraging" | "concise";
  /** Files of the PR that were not reviewed, with the reason (e.g. over the file limit). */
  leftOut: readonly string[];
  /** What this review moved in the learning-goals issue, when it was updated. */
  goals?: SummaryGoals | null;
}

export interface SummaryGoals {
  issue: number;
  done: readonly Goal[];
  added: readonly Goal[];
  coaching: readonly Coaching[];
}

/** One line of what moved in the goals issue, e.g. "🎯 2 goals done in this PR: A, B · 1 new goal: C (#4)". */
export function goalsMovedLine(goals: SummaryGoals): string {
  const names = (gs: readonly Goal[]) => gs.map((g) => `*${plainText(shorten(g.text))}*`).join(", ");
  const parts = [
    goals.done.length > 0
      ? `🎯 ${goals.done.length} goal${goals.done.length === 1 ? "" : "s"} done in this PR: ${names(goals.done)}`
      : null,
    goals.added.length > 0
      ? `${goals.done.length > 0 ? "" : "🎯 "}${goals.added.length} new goal${goals.added.length === 1 ? "" : "s"}: ${names(goals.added)}`
      : null,
  ].filter(Boolean);
  const where = `your learning goals: #${goals.issue}`;
  return parts.length > 0 ? `${parts.join(" · ")} (${where}).` : `🎯 No goal moved this time (${where}).`;
}

const shorten = (s: string) => (s.length > 80 ? `${s.slice(0, 77)}...` : s);

export interface Summary {
  body: string;
  state: ReviewState;
  resolved: OpenFinding[];
}

export function renderSummary(input: SummaryInput): Summary {
  const { report } = input;
  const gaps = report.findings.filter((f) => f.level !== "celebratory");
  const open: OpenFinding[] = gaps
    .slice(0, MAX_TRACKED)
    .map((f) => ({ fp: f.fingerprint, file: f.file, rule: f.ruleId }));
  const current = new Set(gaps.map((f) => f.fingerprint));
  const resolved = (input.previous?.open ?? []).filter((o) => !current.has(o.fp));
  const previousPrints = new Set((input.previous?.open ?? []).map((o) => o.fp));
  const fresh = gaps.filter((f) => !previousPrints.has(f.fingerprint));
  const state: ReviewState = { v: 1, head: input.head, open };

  const head = [SUMMARY_MARKER, "## 🎓 learnloop review", ""];
  if (input.outcome) head.push(`> **Your outcome:** ${plainText(input.outcome)}`, "");
  if (input.previous) {
    const moved = [
      resolved.length > 0
        ? `✅ ${resolved.length} gap${resolved.length === 1 ? "" : "s"} resolved since the last review`
        : null,
      fresh.length > 0 ? `${fresh.length} new` : null,
    ].filter(Boolean);
    head.push(
      `**Since the last review** (${inlineCode(input.previous.head.slice(0, 7))}): ${moved.length > 0 ? moved.join(", ") : "no change"}.`,
    );
    for (const r of resolved.slice(0, 20))
      head.push(`- ✅ ${inlineCode(r.rule)}${r.file ? ` in ${inlineCode(r.file)}` : ""}`);
    head.push("");
  }
  head.push(summaryLine(report), "");
  // Model, tokens, estimated cost, and what the mentor skipped and why: the reader sees when it did not run.
  const mentor = mentorLine(report);
  if (mentor) head.push(`<sub>🤖 ${plainText(mentor)}</sub>`, "");
  if (input.goals) {
    head.push(goalsMovedLine(input.goals), "");
    for (const line of coachingLines(input.goals.coaching, plainText)) head.push(line, "");
  }
  if (input.inlineCount > 0)
    head.push(
      `${input.inlineCount} new inline comment${input.inlineCount === 1 ? "" : "s"} on the changed lines.`,
      "",
    );

  const sections: string[][] = [];
  const byArea = [...new Set(gaps.map((f) => f.area))];
  if (byArea.length > 0) {
    const lines = ["### Gaps, most important first", ""];
    for (const area of byArea) {
      lines.push(`**${AREA_TITLES[area]}**`, "");
      for (const f of gaps.filter((g) => g.area === area)) {
        const where = f.file ? inlineCode(location(f)) : "whole project";
        lines.push(`- ${LEVEL_BADGE[f.level]} ${where}: ${messageText(f.message)}`);
        if (input.tone !== "concise" && input.notInline.includes(f))
          lines.push(`  *Why:* ${messageText(f.why)}`);
        if (input.notInline.includes(f)) lines.push(`  *Try this:* ${messageText(f.tryThis)}`);
      }
      lines.push("");
    }
    sections.push(lines);
  }
  const strengths = report.findings.filter((f) => f.level === "celebratory");
  if (strengths.length > 0) {
    sections.push([
      "### What you did well",
      "",
      ...strengths.map(
        (f) => `- 🌟 ${f.file ? `${inlineCode(location(f))}: ` : ""}${messageText(f.message)}`,
      ),
      "",
    ]);
  }
  if (report.goals.length > 0 && !input.goals) {
    sections.push([
      "### Goals to write down",
      "",
      ...report.goals.map((g) => `- [ ] ${plainText(g.text)} (${AREA_TITLES[g.area]})`),
      "",
    ]);
  }
  const skipped = Object.entries(report.stats.skipped);
  const notes: string[] = [];
  if (skipped.length > 0)
    notes.push(`Skipped: ${skipped.map(([reason, n]) => `${n} ${reason}`).join(", ")}.`);
  if (input.leftOut.length > 0) {
    notes.push(
      `Not reviewed (over the limit): ${input.leftOut.length} file${input.leftOut.length === 1 ? "" : "s"}, e.g. ${input.leftOut.slice(0, 5).map(inlineCode).join(", ")}.`,
    );
  }
  const footer = [
    ...(notes.length > 0 ? [`<sub>${notes.join(" ")}</sub>`, ""] : []),
    "<sub>learnloop reviews fundamentals, not style. Inline comments carry a prompt for your AI assistant: use it to learn the concept, not to skip it.</sub>",
    "",
    stateMarker(state),
  ];
  return { body: fit(head, sections, footer, MAX_BODY), state, resolved };
}

/** Joins the parts, dropping trailing lines of the sections (with a note) until the body fits in `max`. */
function fit(head: string[], sections: string[][], footer: string[], max: number): string {
  const join = (parts: string[][]) => parts.flat().join("\n");
  let body = join([head, ...sections, footer]);
  if (body.length <= max) return body;
  const kept = sections.map((s) => [...s]);
  let dropped = 0;
  while (body.length > max && kept.some((s) => s.length > 2)) {
    const longest = kept.reduce((a, b) => (b.length > a.length ? b : a));
    longest.pop();
    dropped += 1;
    body = join([
      head,
      ...kept,
      [
        `*${dropped} more lines left out to fit GitHub's comment limit: the job summary and the SARIF file have everything.*`,
        "",
      ],
      footer,
    ]);
  }
  return body;
}
