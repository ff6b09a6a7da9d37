// Renders a report as GitHub-flavoured Markdown: the CLI's --format markdown and the base of the PR summary.
import type { LearnloopConfig } from "../config/schema.js";
import { AREA_TITLES } from "../report/areas.js";
import type { Finding, Report } from "../report/contract.js";
import { mentorLine, summaryLine } from "./summary.js";

const LEVEL_BADGE: Record<Finding["level"], string> = {
  essential: "🔴 essential",
  actionable: "🟠 actionable",
  informative: "🔵 informative",
  celebratory: "🌟 strength",
};

export function location(f: Pick<Finding, "file" | "line" | "endLine">): string {
  if (f.file === null) return "whole project";
  if (f.line === null) return f.file;
  return f.endLine && f.endLine !== f.line ? `${f.file}:${f.line}-${f.endLine}` : `${f.file}:${f.line}`;
}

/** Text from the repo or a rule, made safe to drop into Markdown table cells and inline code. */
const inline = (s: string) => s.replace(/\r?\n/g, " ").replace(/\|/g, "\\|");

export function renderMarkdown(
  report: Report,
  options: { title: string; tone?: LearnloopConfig["tone"] },
): string {
  const out: string[] = [`## learnloop review: ${inline(options.title)}`, "", summaryLine(report), ""];
  const mentor = mentorLine(report);
  // The line names repository paths (left out of the prompt): no HTML or pings from a file name.
  const inert = (t: string) =>
    t
      .replace(/</g, "&lt;")
      .replace(/>/g, "&gt;")
      .replace(/@(?=\w)/g, "@\u200b");
  if (mentor) out.push(`<sub>${inline(inert(mentor))}</sub>`, "");
  const gaps = report.findings.filter((f) => f.level !== "celebratory");
  const strengths = report.findings.filter((f) => f.level === "celebratory");

  const areas = [...new Set(gaps.map((f) => f.area))];
  for (const area of areas) {
    out.push(`### ${AREA_TITLES[area]}`, "");
    for (const f of gaps.filter((g) => g.area === area)) {
      out.push(`- **${LEVEL_BADGE[f.level]}** \`${inline(location(f))}\`: ${inline(f.message)}`);
      if (options.tone !== "concise") out.push(`  - *Why it matters:* ${inline(f.why)}`);
      out.push(`  - *Try this:* ${inline(f.tryThis)}`);
      if (f.learnMore.length > 0)
        out.push(`  - *Learn more:* ${f.learnMore.map((u) => `<${u}>`).join(", ")}`);
      out.push(
        `  - <details><summary>Prompt for your AI assistant</summary>\n\n    \`\`\`text\n${indent(f.assistantPrompt, "    ")}\n    \`\`\`\n    </details>`,
      );
    }
    out.push("");
  }
  if (strengths.length > 0) {
    out.push("### What you did well", "");
    for (const f of strengths)
      out.push(`- 🌟 \`${inline(location(f))}\`: ${inline(f.message)} ${inline(f.why)}`);
    out.push("");
  }
  if (report.goals.length > 0) {
    out.push("### Goals to write down", "");
    for (const g of report.goals)
      out.push(`- [${g.status === "done" ? "x" : " "}] ${inline(g.text)} (${AREA_TITLES[g.area]})`);
    out.push("");
  }
  const skipped = Object.entries(report.stats.skipped);
  if (skipped.length > 0) {
    out.push(`<sub>Skipped: ${skipped.map(([reason, n]) => `${n} ${reason}`).join(", ")}.</sub>`, "");
  }
  return out.join("\n");
}

const indent = (text: string, pad: string) =>
  text
    .replace(/```/g, "ʼʼʼ")
    .split("\n")
    .map((l) => pad + l)
    .join("\n");
