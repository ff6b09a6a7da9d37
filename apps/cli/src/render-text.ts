// The terminal view of a report: grouped by area, most important first, colours only when asked for.
import {
  AREA_TITLES,
  type Finding,
  type LearnloopConfig,
  location,
  mentorLine,
  type Report,
  summaryLine,
} from "@learnloop/core";
import picocolors from "picocolors";

export interface TextOptions {
  title: string;
  colors: boolean;
  width: number;
  quiet: boolean;
  tone: LearnloopConfig["tone"];
}

export function renderText(report: Report, options: TextOptions): string {
  const c = picocolors.createColors(options.colors);
  const mark: Record<Finding["level"], string> = {
    essential: c.red("●"),
    actionable: c.yellow("▲"),
    informative: c.blue("○"),
    celebratory: c.green("★"),
  };
  const wrapAt = Math.max(40, Math.min(options.width, 110));
  // A rule's "Why" and "Try" paragraphs are the same for each of its findings (a large repo has thousands): each
  // is laid out once.
  const paragraphs = new Map<string, string[]>();
  const para = (label: string, text: string) => {
    const key = `${label}${text}`;
    let lines = paragraphs.get(key);
    if (!lines) {
      lines = wrap(key, wrapAt - 6).map((l) => `      ${c.dim(l)}`);
      paragraphs.set(key, lines);
    }
    return lines;
  };

  const out: string[] = [];
  if (!options.quiet) out.push(c.bold(`learnloop review · ${options.title}`), "");
  const gaps = report.findings.filter((f) => f.level !== "celebratory");
  for (const area of [...new Set(gaps.map((f) => f.area))]) {
    if (!options.quiet) out.push(c.bold(AREA_TITLES[area]));
    for (const f of gaps.filter((g) => g.area === area)) {
      out.push(`  ${mark[f.level]} ${c.cyan(location(f))}  ${c.dim(f.ruleId)}`);
      out.push(...wrap(f.message, wrapAt - 6).map((l) => `      ${l}`));
      if (options.quiet) continue;
      if (options.tone !== "concise") out.push(...para("Why: ", f.why));
      out.push(...para("Try: ", f.tryThis));
      if (f.learnMore[0]) out.push(`      ${c.dim(`Learn more: ${f.learnMore[0]}`)}`);
    }
    if (!options.quiet) out.push("");
  }
  const strengths = report.findings.filter((f) => f.level === "celebratory");
  if (!options.quiet && strengths.length > 0) {
    out.push(c.bold("What you did well"));
    for (const f of strengths) out.push(`  ${mark.celebratory} ${c.cyan(location(f))}  ${f.message}`);
    out.push("");
  }
  if (!options.quiet && report.goals.length > 0) {
    out.push(c.bold("Goals to write down"));
    for (const g of report.goals)
      out.push(...wrap(`[ ] ${g.text}`, wrapAt - 2).map((l, i) => (i === 0 ? `  ${l}` : `      ${l}`)));
    out.push(
      "",
      c.dim("Each finding has a prompt for your AI assistant: see --format markdown or json."),
      "",
    );
  }
  const mentor = mentorLine(report);
  if (mentor) out.push(...wrap(mentor, wrapAt).map((l) => c.dim(l)));
  out.push(summaryLine(report));
  return `${out.join("\n")}\n`;
}

function wrap(text: string, width: number): string[] {
  const lines: string[] = [];
  let line = "";
  for (const word of text.split(/\s+/)) {
    if (line && line.length + 1 + word.length > width) {
      lines.push(line);
      line = word;
    } else line = line ? `${line} ${word}` : word;
  }
  if (line) lines.push(line);
  return lines;
}
