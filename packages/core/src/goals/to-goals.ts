// The goals of a body in the public JSON contract (DESIGN.md): learnloop's goals and the learner's own task items.

import { AREAS, type Area } from "../report/areas.js";
import type { Goal } from "../report/contract.js";
import { areasByLine } from "./layout.js";
import { EVIDENCE_SUFFIX, fenceTracker, GOAL_LINE, TASK_LINE } from "./markers.js";
import { hashText } from "./text-hash.js";
import type { DocLine, GoalsDoc } from "./types.js";

/** Words that place a learner's goal in an area when no area heading does. */
const AREA_WORDS: [Area, RegExp][] = [
  ["evaluation", /\b(evals?|evaluat\w*|accuracy|metrics?|benchmark\w*|golden set)\b/i],
  ["testing", /\b(tests?|testing|pytest|vitest|jest|ci)\b/i],
  ["llm-reliability", /\b(retr(y|ies)|timeouts?|backoff|structured output|max[_ ]tokens)\b/i],
  ["llm-mechanics", /\b(tokens?|embeddings?|chunk\w*|context window|temperature|tokeni[sz]\w*)\b/i],
  ["security", /\b(secrets?|injection|security|api keys?|sanitiz\w*|saniti[sz]\w*)\b/i],
  [
    "ml-methodology",
    /\b(ml|machine learning|split|leakage|baselines?|seeds?|cross[- ]validat\w*|overfit\w*)\b/i,
  ],
  ["data", /\b(data|datasets?|csv|schema|validat\w*)\b/i],
  ["reproducibility", /\b(pin\w*|lockfile|docker\w*|reproduc\w*|requirements)\b/i],
  ["observability", /\b(log\w*|monitor\w*|trac\w*|cost)\b/i],
  ["code-quality", /\b(refactor\w*|modules?|types?|typing|clean)\b/i],
  ["system-design", /\b(cach\w*|config\w*|rate limit\w*|batch\w*|deploy\w*|api)\b/i],
  ["documentation", /\b(readme|docs?|document\w*)\b/i],
];

export function guessArea(text: string): Area {
  return AREA_WORDS.find(([, re]) => re.test(text))?.[0] ?? "documentation";
}

export interface LearnerGoal {
  index: number;
  text: string;
  done: boolean;
}

/** The learner's own task items (outside code blocks and learnloop's blocks). */
export function learnerGoals(lines: readonly DocLine[]): LearnerGoal[] {
  const out: LearnerGoal[] = [];
  const fences = fenceTracker();
  lines.forEach((l, index) => {
    if (l.kind !== "text" || fences.isCode(l.text)) return;
    const m = TASK_LINE.exec(l.text);
    if (!m) return;
    const text = m[2]!.replace(/\s*<!--.*?-->\s*/g, " ").trim();
    if (text) out.push({ index, text, done: m[1] !== " " });
  });
  return out;
}

export function toGoals(doc: GoalsDoc): Goal[] {
  const goals: Goal[] = [];
  const learnerIds = new Map<string, number>();
  const learner = new Map(learnerGoals(doc.lines).map((g) => [g.index, g]));
  const areas = areasByLine(doc.lines);
  doc.lines.forEach((line, index) => {
    if (line.kind === "goal") {
      const m = GOAL_LINE.exec(line.text)!;
      const record = doc.state?.goals[line.id];
      const area = record?.a ?? areaOfId(line.id) ?? areas[index] ?? guessArea(m[4]!);
      const evidence =
        line.done && record?.s === "d" && record.e ? { pr: record.e[0], commit: record.e[1] } : null;
      goals.push({
        id: line.id,
        area,
        text: m[4]!.replace(EVIDENCE_SUFFIX, "").trim() || line.id,
        status: line.done ? "done" : "open",
        source: record?.r[0] ?? (areaOfId(line.id) ? line.id.replace(/~\d+$/, "") : "learnloop"),
        evidence,
      });
      return;
    }
    const own = learner.get(index);
    if (!own) return;
    // Same text twice gets a suffix so ids stay unique and stable in order.
    const base = `learner-${hashText(own.text.toLowerCase())}`;
    const n = (learnerIds.get(base) ?? 0) + 1;
    learnerIds.set(base, n);
    goals.push({
      id: n === 1 ? base : `${base}-${n}`,
      area: areas[index] ?? guessArea(own.text),
      text: own.text,
      status: own.done ? "done" : "open",
      source: "learner",
      evidence: null,
    });
  });
  return goals;
}

/** Goal ids learnloop makes start with the rule id, whose first part is the area. */
export function areaOfId(id: string): Area | null {
  const area = id.split("/")[0] as Area;
  return AREAS.includes(area) && id.includes("/") ? area : null;
}
