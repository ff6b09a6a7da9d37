// One review merged into the goals body: the learner's lines stay, gaps become goals, evidence ticks them, history grows.
import { DETECTORS } from "../detectors/registry.js";
import type { RuleMeta } from "../detectors/types.js";
import { AREAS, type Area } from "../report/areas.js";
import type { Goal, Report } from "../report/contract.js";
import { setRegion, setState, statedOutcome } from "./blocks.js";
import { type Coaching, coach, coachingLines } from "./coach.js";
import { addNewGoals, reconcile, tickGoneGaps } from "./goal-moves.js";
import { appendLine, dominantEol, introLines, openFence, proseIndex, quotedText } from "./layout.js";
import { GOALS_MARKER } from "./markers.js";
import { renderGoalsBody } from "./parse-body.js";
import { progressLines } from "./progress.js";
import { cloneState, foldHistory, forgetFiles } from "./state.js";
import { learnerGoals, toGoals } from "./to-goals.js";
import { type DocLine, type Evidence, emptyState, type GoalsDoc, type ParseProblem } from "./types.js";

/** GitHub rejects issue bodies over 65,536 characters; keep a margin. */
export const MAX_BODY = 65_000;
/** Reviews kept one by one in the state before older ones are folded into a summary. */
export const HISTORY_KEPT = 50;
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
  /** Better rewrites (refineCoaching): one with the same subject and quote replaces the deterministic rewrite. */
  rewrites?: readonly Coaching[];
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
  ).map((c) => {
    const better = options.rewrites?.find((r) => r.subject === c.subject && r.quote === c.quote);
    return better ? { ...c, rewrite: better.rewrite } : c;
  });
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
    setRegion(out, state, "coach", compact ? [] : coachingLines(coaching, quotedText), wrote.coach, problems);
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
