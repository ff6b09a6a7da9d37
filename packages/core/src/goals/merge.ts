// One review merged into the goals body: the learner's lines stay, gaps become goals, evidence ticks them, history grows.
import { DETECTORS } from "../detectors/registry.js";
import type { RuleMeta } from "../detectors/types.js";
import { AREA_TITLES, AREAS, type Area, type Finding, type Goal, type Report } from "../report/contract.js";
import { type Coaching, coach, coachingLines } from "./coach.js";
import {
  appendLine,
  DONE_TITLE,
  dominantEol,
  goalLineText,
  insertInSection,
  introLines,
  OUTCOME_LABEL,
  oneLine,
  openFence,
  PROGRESS_TITLE,
  proseIndex,
  tickedLine,
} from "./layout.js";
import { GOALS_MARKER } from "./markers.js";
import { renderGoalsBody } from "./parse-body.js";
import { progressLines } from "./progress.js";
import { encodeState, foldHistory, hashText } from "./state.js";
import { areaOfId, learnerGoals, toGoals } from "./to-goals.js";
import {
  type DocLine,
  type Evidence,
  emptyState,
  type GoalRecord,
  type GoalsDoc,
  type GoalsState,
  type ParseProblem,
  type RegionName,
} from "./types.js";

/** GitHub rejects issue bodies over 65,536 characters; keep a margin. */
export const MAX_BODY = 65_000;
/** Reviews kept one by one in the state before older ones are folded into a summary. */
export const HISTORY_KEPT = 50;
const MAX_FILES = 20;

const STRENGTH_AREAS: ReadonlySet<Area> = new Set(
  DETECTORS.filter((d) => d.meta.level === "celebratory").map((d) => d.meta.area),
);
const META = new Map(DETECTORS.map((d) => [d.meta.id, d.meta]));

export interface MergeOptions {
  /** The PR and commit this review is about: the link a tick carries. */
  evidence: Evidence;
  /** A review of the whole project; otherwise only the files in `changed` were seen. */
  full: boolean;
  /** Files a partial (PR) review saw: a gap counts as gone only if every file it was seen in is among them. */
  changed?: readonly string[];
  /** The learner's stated outcome (config `outcome`). */
  outcome?: string;
  /** History label; defaults to "#pr" or the short commit. */
  label?: string;
  metaOf?: (ruleId: string) => RuleMeta | undefined;
  /** Areas where a tick also needs a strength seen (default: areas that have a strength rule). */
  strengthAreas?: ReadonlySet<Area>;
}

export interface MergeResult {
  doc: GoalsDoc;
  /** Every goal of the body, in the JSON contract. */
  goals: Goal[];
  /** Goals this review ticked, and goals it added. */
  done: Goal[];
  added: Goal[];
  coaching: Coaching[];
  problems: ParseProblem[];
  /** False when even a compacted body is over GitHub's limit (the caller must not write it). */
  fits: boolean;
}

const GAP_LEVELS = new Set(["essential", "actionable", "informative"]);
const GOAL_LEVELS = new Set(["essential", "actionable"]);

export function mergeReview(doc: GoalsDoc, report: Report, options: MergeOptions): MergeResult {
  const metaOf = options.metaOf ?? ((id: string) => META.get(id));
  const state = cloneState(doc.state ?? emptyState());
  // A lone CR line ending (GitHub never stores one) could join two lines once a line between them moves.
  const eol = dominantEol(doc.lines);
  const lines: DocLine[] = doc.lines.map((l) =>
    l.kind === "region"
      ? { ...l, eols: l.eols.map((e) => (e === "\r" ? eol : e)) }
      : l.eol === "\r"
        ? { ...l, eol }
        : l,
  );
  if (proseIndex(lines, (t) => t.includes(GOALS_MARKER)) === -1)
    lines.unshift(...introLines(options.outcome, dominantEol(lines)));
  // A code block the learner left open would swallow what learnloop adds after it (its state included): close it.
  const fence = openFence(lines);
  if (fence) appendLine(lines, lines.length, { kind: "text", text: fence, eol: "" });

  reconcile(lines, state);
  const gaps = report.findings.filter((f) => GAP_LEVELS.has(f.level));
  const strengths = new Set(report.findings.filter((f) => f.level === "celebratory").map((f) => f.area));
  const doneIds = tickGoneGaps(lines, state, gaps, strengths, options);
  const addedIds = addNewGoals(
    lines,
    state,
    gaps.filter((f) => GOAL_LEVELS.has(f.level)),
    metaOf,
  );

  const label =
    options.label ??
    (options.evidence.pr !== null
      ? `#${options.evidence.pr}`
      : (options.evidence.commit?.slice(0, 7) ?? "local"));
  const open = AREAS.map((a) => gaps.filter((f) => f.area === a).length);
  // The same review merged again (a rerun, or a racing run merging back in) replaces its entry: merges stay idempotent.
  const key = `${options.evidence.pr ?? ""}@${options.evidence.commit?.slice(0, 7) ?? ""}`;
  const again = state.hist.findIndex((h) => h[2] === key);
  if (again !== -1) state.hist[again] = [label, open, key];
  else state.hist.push([label, open, key]);
  foldHistory(state, HISTORY_KEPT);

  const outcome = options.outcome ?? statedOutcome(lines);
  const coaching = coach(
    {
      outcome,
      goals: learnerGoals(lines)
        .filter((g) => !g.done)
        .map((g) => g.text),
    },
    report,
    metaOf,
  );
  const problems: ParseProblem[] = [];
  const wrote = { ...state.reg };
  // The goals do not change while the body is made to fit (only learnloop's blocks and state do): list them once.
  const goals = toGoals({ lines, state });
  const build = (compact: boolean): { doc: GoalsDoc; length: number } => {
    problems.length = 0;
    const out = lines.slice();
    const chart = compact
      ? ["The progress chart is left out to keep this issue under GitHub's size limit."]
      : progressLines(state, goals);
    setRegion(out, state, "coach", compact ? [] : coachingLines(coaching, oneLine), wrote.coach, problems);
    setRegion(out, state, "progress", chart, wrote.progress, problems);
    setState(out, state);
    const doc = { lines: out, state };
    return { doc, length: renderGoalsBody(doc).length };
  };

  // Too long: fold history, forget where finished goals were seen, then drop the chart. Never a goal or a learner line.
  // When the goals and the learner's lines alone are over the limit, no step can help: go straight to the smallest.
  let next = build(false);
  const floor = renderGoalsBody({
    lines: lines.filter((l) => l.kind === "text" || l.kind === "goal"),
    state,
  }).length;
  const steps =
    floor > MAX_BODY
      ? []
      : [() => foldHistory(state, 12), () => foldHistory(state, 0), () => forgetFiles(state)];
  for (const step of steps) {
    if (next.length <= MAX_BODY) break;
    step();
    next = build(false);
  }
  if (next.length > MAX_BODY) next = build(true);
  const fits = next.length <= MAX_BODY;
  if (!fits)
    problems.push({
      line: null,
      message: `the goals are ${next.length} characters, over GitHub's 65,536 limit even with learnloop's parts made small: move some notes elsewhere`,
    });
  return {
    doc: next.doc,
    goals,
    done: goals.filter((g) => doneIds.has(g.id)),
    added: goals.filter((g) => addedIds.has(g.id)),
    coaching,
    problems,
    fits,
  };
}

/** What the body says now wins over what learnloop remembers: deletions, ticks and unticks are the learner's. */
function reconcile(lines: readonly DocLine[], state: GoalsState): void {
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

function tickGoneGaps(
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
    if (seen.length > 0) {
      rec.f = filesOf(seen);
      if (rec.h === 1) rec.h = 2;
      continue;
    }
    const gone = options.full || (rec.f.length > 0 && rec.f.every((f) => f !== null && changed.has(f)));
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
function addNewGoals(
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

/** A copy the merge may change (the caller's doc stays as it was); history entries are replaced, never edited. */
function cloneState(state: GoalsState): GoalsState {
  const goals: Record<string, GoalRecord> = {};
  for (const [id, rec] of Object.entries(state.goals))
    goals[id] = { ...rec, r: [...rec.r], f: [...rec.f], ...(rec.e ? { e: [...rec.e] } : {}) };
  return { v: 1, goals, hist: [...state.hist], old: state.old, reg: { ...state.reg } };
}

function forgetFiles(state: GoalsState): void {
  for (const rec of Object.values(state.goals)) if (rec.s !== "o") rec.f = [];
}

/** The outcome as the learner keeps it in the body, unless it is still the placeholder. */
function statedOutcome(lines: readonly DocLine[]): string | undefined {
  const at = proseIndex(lines, (t) => t.startsWith(OUTCOME_LABEL));
  if (at === -1) return undefined;
  const text = (lines[at] as { text: string }).text.slice(OUTCOME_LABEL.length).trim();
  return text && !text.startsWith("(") ? text : undefined;
}

/**
 * Rewrites a learnloop block. If the learner edited inside it since learnloop wrote it, their lines are kept as
 * their own text just above the fresh block, so nothing they wrote is lost.
 */
function setRegion(
  lines: DocLine[],
  state: GoalsState,
  name: RegionName,
  content: string[],
  wrote: string | undefined,
  problems: ParseProblem[],
): void {
  const eol = dominantEol(lines);
  const at = lines.findIndex((l) => l.kind === "region" && l.name === name);
  const region: DocLine = {
    kind: "region",
    name,
    lines: content,
    eols: [eol, ...content.map(() => eol), eol],
  };
  if (at === -1) {
    if (content.length === 0) return;
    if (name === "coach") {
      const outcome = proseIndex(lines, (t) => t.startsWith(OUTCOME_LABEL));
      const after = (outcome === -1 ? proseIndex(lines, (t) => t.includes(GOALS_MARKER)) : outcome) + 1;
      appendLine(lines, after, region);
      appendLine(lines, after, { kind: "text", text: "", eol });
    } else {
      const stateAt = lines.findIndex((l) => l.kind === "state");
      const before = stateAt === -1 ? lines.length : stateAt;
      const blank =
        lines[before - 1]?.kind === "text" && (lines[before - 1] as { text: string }).text.trim() === "";
      const heading: DocLine[] = [
        ...(blank ? [] : [{ kind: "text", text: "", eol } as DocLine]),
        { kind: "text", text: `### ${PROGRESS_TITLE}`, eol },
        { kind: "text", text: "", eol },
      ];
      for (const l of [...heading, region].reverse()) appendLine(lines, before, l);
    }
    state.reg[name] = hashText(content.join("\n"));
    return;
  }
  const old = lines[at] as Extract<DocLine, { kind: "region" }>;
  const kept: DocLine[] =
    wrote !== undefined && hashText(old.lines.join("\n")) !== wrote
      ? old.lines.map((text, i) => ({ kind: "text", text, eol: old.eols[i + 1] ?? eol }))
      : [];
  if (kept.length > 0)
    problems.push({
      line: null,
      message: `you edited learnloop's ${name} block: your lines are kept just above it`,
    });
  region.eols[region.eols.length - 1] = old.eols[old.eols.length - 1] ?? eol;
  lines.splice(at, 1, ...kept, region);
  state.reg[name] = hashText(content.join("\n"));
}

function setState(lines: DocLine[], state: GoalsState): void {
  const at = lines.findIndex((l) => l.kind === "state");
  const eol = dominantEol(lines);
  if (at === -1) {
    appendLine(lines, lines.length, { kind: "text", text: "", eol });
    appendLine(lines, lines.length, { kind: "state", text: encodeState(state), eol });
  } else lines[at] = { kind: "state", text: encodeState(state), eol: (lines[at] as { eol: string }).eol };
}
