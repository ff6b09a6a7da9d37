// Reads a goals body (issue or GOALS.md) into lines the bot owns and lines the learner owns; renders it back byte for byte.
import {
  fenceTracker,
  GOAL_LINE,
  GOALS_MARKER,
  MARKER_LIKE,
  REGION_START,
  regionEnd,
  regionStart,
  STATE_LINE,
} from "./markers.js";
import { decodeState } from "./state.js";
import { type DocLine, type GoalsDoc, type GoalsState, type ParseProblem, REGION_NAMES } from "./types.js";

/** Markers of the first, minimal goals block: harmless comments now, kept as they are. */
const KNOWN_COMMENTS = new Set([
  GOALS_MARKER,
  "<!-- learnloop:goals:start -->",
  "<!-- learnloop:goals:end -->",
]);

export function splitLines(body: string): { text: string; eol: string }[] {
  const out: { text: string; eol: string }[] = [];
  const re = /\r\n|\n|\r/g;
  let start = 0;
  for (let m = re.exec(body); m; m = re.exec(body)) {
    out.push({ text: body.slice(start, m.index), eol: m[0] });
    start = m.index + m[0].length;
  }
  if (start < body.length) out.push({ text: body.slice(start), eol: "" });
  return out;
}

export function parseGoalsBody(body: string): { doc: GoalsDoc; problems: ParseProblem[] } {
  const raw = splitLines(body);
  const lines: DocLine[] = [];
  const problems: ParseProblem[] = [];
  const ids = new Set<string>();
  let state: GoalsState | null = null;
  let stateSeen = false;
  const fences = fenceTracker();
  let fenceLine = 0;
  const text = (i: number) => lines.push({ kind: "text", text: raw[i]!.text, eol: raw[i]!.eol });

  for (let i = 0; i < raw.length; i++) {
    const line = raw[i]!.text;
    const wasOpen = fences.open();
    if (fences.isCode(line)) {
      if (!wasOpen) fenceLine = i + 1;
      text(i);
      continue;
    }
    const region = REGION_START.exec(line)?.[1] as (typeof REGION_NAMES)[number] | undefined;
    if (region && REGION_NAMES.includes(region) && line === regionStart(region)) {
      // The nearest end marker, unless another start comes first (this one then lost its end to a hand edit).
      const end = raw.findIndex((l, j) => j > i && (l.text === regionEnd(region) || l.text === line));
      if (end !== -1 && raw[end]!.text !== line) {
        lines.push({
          kind: "region",
          name: region,
          lines: raw.slice(i + 1, end).map((l) => l.text),
          eols: raw.slice(i, end + 1).map((l) => l.eol),
        });
        i = end;
        continue;
      }
      problems.push({
        line: i + 1,
        message: `line ${i + 1}: learnloop's ${region} block has no end marker; kept as your text`,
      });
      text(i);
      continue;
    }
    const goal = line.includes("<!-- goal:") ? GOAL_LINE.exec(line) : null;
    if (goal && !ids.has(goal[5]!)) {
      ids.add(goal[5]!);
      lines.push({ kind: "goal", id: goal[5]!, done: goal[3] !== " ", text: line, eol: raw[i]!.eol });
      continue;
    }
    const stateJson = STATE_LINE.exec(line)?.[1];
    if (stateJson !== undefined && !stateSeen) {
      const decoded = decodeState(stateJson);
      if (decoded) {
        stateSeen = true;
        state = decoded;
        lines.push({ kind: "state", text: line, eol: raw[i]!.eol });
        continue;
      }
      problems.push({
        line: i + 1,
        message: `line ${i + 1}: learnloop's hidden state could not be read; your goals are kept, the history starts again`,
      });
    } else if (goal) {
      problems.push({
        line: i + 1,
        message: `line ${i + 1}: repeats goal ${goal[5]}; kept as your own line`,
      });
    } else if (MARKER_LIKE.test(line) && !KNOWN_COMMENTS.has(line.trim())) {
      problems.push({
        line: i + 1,
        message: `line ${i + 1}: looks like a learnloop marker changed by hand; kept as your text`,
      });
    }
    text(i);
  }
  if (fences.open())
    problems.push({
      line: fenceLine,
      message: `line ${fenceLine}: a code block opened here is never closed; everything after it is read as code`,
    });
  return { doc: { lines, state }, problems };
}

export function renderGoalsBody(doc: GoalsDoc): string {
  const parts: string[] = [];
  for (const line of doc.lines) {
    if (line.kind !== "region") {
      parts.push(line.text, line.eol);
      continue;
    }
    parts.push(regionStart(line.name), line.eols[0] ?? "\n");
    line.lines.forEach((l, i) => {
      parts.push(l, line.eols[i + 1] ?? "\n");
    });
    parts.push(regionEnd(line.name), line.eols[line.lines.length + 1] ?? "");
  }
  return parts.join("");
}
