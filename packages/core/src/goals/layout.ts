// Where learnloop puts what it adds: the intro of a new body, a goal under its area's heading, ticked goals under "Done".
import { AREA_TITLES, AREAS, type Area } from "../report/areas.js";
import { EVIDENCE_SUFFIX, fenceTracker, GOAL_LINE, GOALS_MARKER, goalMarker } from "./markers.js";
import type { DocLine, Evidence } from "./types.js";

export const DONE_TITLE = "Done";
export const PROGRESS_TITLE = "Progress";
export const OUTCOME_LABEL = "**What I am building:**";
const HEADING = /^ {0,3}(#{1,6})\s+(.*?)\s*#*\s*$/;

/** The body's own line ending, so added lines match (CRLF bodies stay CRLF). */
export function dominantEol(lines: readonly DocLine[]): string {
  let crlf = 0;
  let lf = 0;
  for (const l of lines) {
    const eol = l.kind === "region" ? l.eols[0] : l.eol;
    if (eol === "\r\n") crlf++;
    else if (eol === "\n") lf++;
  }
  return crlf > lf ? "\r\n" : "\n";
}

const text = (t: string, eol: string): DocLine => ({ kind: "text", text: t, eol });

export function introLines(outcome: string | undefined, eol: string): DocLine[] {
  return [
    GOALS_MARKER,
    "## 🎯 My learning goals",
    "",
    `${OUTCOME_LABEL} ${outcome ? oneLine(outcome) : "(one specific sentence: what it does, for whom, and how well, with a number)"}`,
    "",
    "learnloop adds a goal when a review finds a gap and ticks it, with a link, when a pull request shows the skill. The list is yours: tick, untick, reword, delete or add goals anywhere, and your words are kept.",
    "",
  ].map((t) => text(t, eol));
}

export const oneLine = (s: string) => s.replace(/\s+/g, " ").replace(/<!--/g, "<\\!--").trim();

/** Learner words quoted back by the bot (coaching): one line that cannot ping anyone or open an HTML tag. */
export const quotedText = (s: string) =>
  oneLine(s)
    .replace(/</g, "&lt;")
    .replace(/(^|[^\w`])@(?=[A-Za-z0-9_-])/g, "$1@\u200b");

export function goalLineText(id: string, goal: string): string {
  return `- [ ] ${oneLine(goal)} ${goalMarker(id)}`;
}

export function evidenceText(e: Evidence): string {
  if (e.pr !== null) return `#${e.pr}${e.commit ? ` (${e.commit.slice(0, 7)})` : ""}`;
  return e.commit ? e.commit.slice(0, 7) : "a local review";
}

/** The goal line ticked with its evidence, the learner's wording kept. */
export function tickedLine(line: string, e: Evidence): string {
  const m = GOAL_LINE.exec(line);
  if (!m) return line;
  return `- [x] ${m[4]!.replace(EVIDENCE_SUFFIX, "")} · shown in ${evidenceText(e)} ${goalMarker(m[5]!)}`;
}

/** The marker of a code block still open at the end of the body, or null. */
export function openFence(lines: readonly DocLine[]): string | null {
  const fences = fenceTracker();
  for (const l of lines) if (l.kind === "text") fences.isCode(l.text);
  return fences.open();
}

/** The first line outside code blocks that passes `test`, or -1. */
export function proseIndex(lines: readonly DocLine[], test: (text: string) => boolean): number {
  const fences = fenceTracker();
  return lines.findIndex((l) => l.kind === "text" && !fences.isCode(l.text) && test(l.text));
}

/** Headings outside code blocks: index, level, title. */
function headings(lines: readonly DocLine[]): { at: number; level: number; title: string }[] {
  const out: { at: number; level: number; title: string }[] = [];
  const fences = fenceTracker();
  lines.forEach((l, at) => {
    if (l.kind !== "text" || fences.isCode(l.text)) return;
    const h = HEADING.exec(l.text);
    if (h) out.push({ at, level: h[1]!.length, title: h[2]! });
  });
  return out;
}

/** Index to insert a new section before: the Done heading, else the progress heading or block, else the state line. */
function sectionAnchor(lines: readonly DocLine[], before: readonly string[]): number {
  const hs = headings(lines);
  for (const title of before) {
    const h = hs.find((x) => x.title.toLowerCase() === title.toLowerCase());
    if (h) return h.at;
  }
  const region = lines.findIndex((l) => l.kind === "region" && l.name === "progress");
  if (region !== -1) return region;
  const state = lines.findIndex((l) => l.kind === "state");
  return state === -1 ? lines.length : state;
}

/** Inserts `added` at the end of the section titled `title` (created, before `before`, when missing). */
export function insertInSection(
  lines: DocLine[],
  title: string,
  added: readonly DocLine[],
  before: readonly string[],
): void {
  const eol = dominantEol(lines);
  const hs = headings(lines);
  const h = hs.find((x) => x.title.toLowerCase() === title.toLowerCase());
  if (!h) {
    const at = sectionAnchor(lines, before);
    endWithEol(lines, at, eol);
    const blankBefore = at > 0 && !isBlank(lines[at - 1]);
    lines.splice(
      at,
      0,
      ...(blankBefore ? [text("", eol)] : []),
      text(`### ${title}`, eol),
      text("", eol),
      ...added,
      text("", eol),
    );
    return;
  }
  const next = hs.find((x) => x.at > h.at && x.level <= h.level)?.at;
  let end = next ?? lines.length;
  for (let i = h.at + 1; i < end; i++) {
    const l = lines[i]!;
    if (l.kind === "region" || l.kind === "state") {
      end = i;
      break;
    }
  }
  // After the section's last non-blank line (its last goal, or the heading).
  let at = end;
  while (at > h.at + 1 && isBlank(lines[at - 1])) at--;
  if (at === h.at + 1 && isBlank(lines[at])) at++;
  endWithEol(lines, at, eol);
  lines.splice(at, 0, ...added);
  const after = at + added.length;
  if (after === lines.length) return;
  if (!isBlank(lines[after]) && lines[after]!.kind !== "goal" && !isTask(lines[after]))
    lines.splice(after, 0, text("", eol));
}

const isBlank = (l: DocLine | undefined) => l?.kind === "text" && l.text.trim() === "";
const isTask = (l: DocLine | undefined) => l?.kind === "text" && /^\s*[-*+]\s+\[[ xX]\]/.test(l.text);

/** A line about to get a neighbour after it must end in a line break (only the body's last line may not). */
function endWithEol(lines: DocLine[], at: number, eol: string): void {
  const prev = lines[at - 1];
  if (!prev) return;
  if (prev.kind === "region") {
    if (prev.eols[prev.eols.length - 1] === "") prev.eols[prev.eols.length - 1] = eol;
  } else if (prev.eol === "") lines[at - 1] = { ...prev, eol };
}

export function areaSectionTitle(area: Area): string {
  return AREA_TITLES[area];
}

/** For each line, the area its heading names (null when none): where a learner's goal belongs. */
export function areasByLine(lines: readonly DocLine[]): (Area | null)[] {
  const out: (Area | null)[] = new Array(lines.length).fill(null);
  let area: Area | null = null;
  let next = 0;
  const hs = headings(lines);
  for (let i = 0; i < lines.length; i++) {
    out[i] = area;
    if (hs[next]?.at === i) {
      const title = hs[next]!.title.toLowerCase();
      area = AREAS.find((a) => AREA_TITLES[a].toLowerCase() === title) ?? null;
      next++;
    }
  }
  return out;
}

export function appendLine(lines: DocLine[], at: number, line: DocLine): void {
  endWithEol(lines, at, dominantEol(lines));
  lines.splice(at, 0, line);
}
