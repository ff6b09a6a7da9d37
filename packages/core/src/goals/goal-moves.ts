// How one review moves learnloop's goals: the learner's edits first, then ticks with evidence, then new goals.
import { DETECTORS } from "../detectors/registry.js";
import type { RuleMeta } from "../detectors/types.js";
import { AREA_TITLES, AREAS, type Area } from "../report/areas.js";
import type { Finding } from "../report/contract.js";
import {
  DONE_TITLE,
  dominantEol,
  goalLineText,
  insertInSection,
  PROGRESS_TITLE,
  tickedLine,
} from "./layout.js";
import type { MergeOptions } from "./merge.js";
import { areaOfId } from "./to-goals.js";
import type { DocLine, GoalRecord, GoalsState } from "./types.js";

const MAX_FILES = 20;
const STRENGTH_AREAS: ReadonlySet<Area> = new Set(
  DETECTORS.filter((d) => d.meta.level === "celebratory").map((d) => d.meta.area),
);

/** What the body says now wins over what learnloop remembers: deletions, ticks and unticks are the learner's. */
export function reconcile(lines: readonly DocLine[], state: GoalsState): void {
  const inBody = new Map<string, boolean>();
  for (const l of lines) if (l.kind === "goal") inBody.set(l.id, l.done);
  for (const [id, rec] of Object.entries(state.goals)) {
    const done = inBody.get(id);
    if (done === undefined) {
      rec.s = "x";
      continue;
    }
    if (rec.s === "x") rec.s = done ? "d" : "o";
    if (done && rec.s === "o") {
      rec.s = "d";
      delete rec.e;
      delete rec.h;
    } else if (!done && rec.s === "d") {
      rec.s = "o";
      delete rec.e;
      rec.h = 1;
    }
  }
  for (const [id, done] of inBody) {
    if (state.goals[id]) continue;
    const area = areaOfId(id) ?? "documentation";
    state.goals[id] = {
      a: area,
      r: areaOfId(id) ? [id.replace(/~\d+$/, "")] : [],
      f: [],
      s: done ? "d" : "o",
    };
  }
}

export function tickGoneGaps(
  lines: DocLine[],
  state: GoalsState,
  gaps: readonly Finding[],
  strengths: ReadonlySet<Area>,
  options: MergeOptions,
): Set<string> {
  const changed = new Set(options.changed ?? []);
  const strengthAreas = options.strengthAreas ?? STRENGTH_AREAS;
  const ticked = new Set<string>();
  for (const [id, rec] of Object.entries(state.goals)) {
    if (rec.s !== "o") continue;
    const seen = gaps.filter((f) => rec.r.includes(f.ruleId));
    // A partial review only speaks for the files it saw: where else the gap was seen stays remembered.
    const before = rec.f.length;
    const unseen = options.full ? [] : rec.f.filter((f) => f === null || !changed.has(f));
    rec.f = filesOf([...unseen, ...seen]);
    if (seen.length > 0) {
      if (rec.h === 1) rec.h = 2;
      continue;
    }
    const gone = options.full || (before > 0 && rec.f.length === 0);
    const shown = !strengthAreas.has(rec.a) || strengths.has(rec.a);
    if (!gone || !shown || rec.h === 1 || rec.r.length === 0) continue;
    rec.s = "d";
    rec.e = [options.evidence.pr, options.evidence.commit];
    delete rec.h;
    ticked.add(id);
  }
  if (ticked.size === 0) return ticked;
  // A copy of a goal line elsewhere (the learner's) would become the goal if this one moved below it: tick in place.
  const copied = new Set<string>();
  for (const l of lines)
    if (l.kind === "text" && l.text.includes("<!-- goal:"))
      for (const m of l.text.matchAll(/<!-- goal:(\S+) -->/g)) copied.add(m[1]!);
  const moved: DocLine[] = [];
  let kept = 0;
  for (const l of lines) {
    if (l.kind === "goal" && ticked.has(l.id)) {
      const done: DocLine = { ...l, done: true, text: tickedLine(l.text, options.evidence) };
      if (copied.has(l.id)) lines[kept++] = done;
      else moved.push({ ...done, eol: l.eol || "\n" });
    } else lines[kept++] = l;
  }
  lines.length = kept;
  if (moved.length > 0) insertInSection(lines, DONE_TITLE, moved, [PROGRESS_TITLE]);
  return ticked;
}

/** One open goal per area: a new gap in an area with an open goal joins it; a gap of a deleted goal is never re-added. */
export function addNewGoals(
  lines: DocLine[],
  state: GoalsState,
  gaps: readonly Finding[],
  metaOf: (id: string) => RuleMeta | undefined,
): Set<string> {
  const added = new Set<string>();
  const covered = new Set(Object.values(state.goals).flatMap((r) => r.r));
  for (const area of AREAS) {
    const inArea = gaps.filter((f) => f.area === area);
    const fresh = [...new Set(inArea.map((f) => f.ruleId))].filter((r) => !covered.has(r));
    if (fresh.length === 0) continue;
    const files = (rules: string[]) => [
      ...new Set(inArea.filter((f) => rules.includes(f.ruleId)).map((f) => f.file)),
    ];
    const open = Object.values(state.goals).find((r) => r.a === area && r.s === "o");
    if (open) {
      open.r.push(...fresh);
      open.f = filesOf([...open.f, ...files(fresh)]);
      continue;
    }
    const meta = metaOf(fresh[0]!);
    if (!meta) continue;
    let id = fresh[0]!;
    for (let n = 2; state.goals[id]; n++) id = `${fresh[0]}~${n}`;
    const record: GoalRecord = { a: area, r: fresh, f: filesOf(files(fresh)), s: "o" };
    state.goals[id] = record;
    const eol = dominantEol(lines);
    insertInSection(
      lines,
      AREA_TITLES[area],
      [{ kind: "goal", id, done: false, text: goalLineText(id, meta.goal), eol }],
      [DONE_TITLE, PROGRESS_TITLE],
    );
    added.add(id);
  }
  return added;
}

/** Where a gap was seen, in a stable order (whole-project first), capped to keep the state small. */
function filesOf(seen: readonly (Finding | string | null)[]): (string | null)[] {
  const files = new Set(seen.map((f) => (f !== null && typeof f === "object" ? f.file : f)));
  return [...files].sort((a, b) => (a ?? "").localeCompare(b ?? "")).slice(0, MAX_FILES);
}
