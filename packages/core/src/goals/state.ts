// The hidden state block: encoded as one HTML comment line, validated on the way in, kept small by folding old history.
import { z } from "zod";
import { AREAS } from "../report/areas.js";
import { areaSchema } from "../report/contract.js";
import { STATE_PREFIX } from "./markers.js";
import type { GoalRecord, GoalsState } from "./types.js";

const counts = z.array(z.number().nonnegative()).max(AREAS.length);
const stateSchema = z.object({
  v: z.literal(1),
  goals: z.record(
    z.string().min(1),
    z.object({
      a: areaSchema,
      r: z.array(z.string()).optional(),
      f: z.array(z.string().nullable()).optional(),
      s: z.enum(["o", "d", "x"]),
      e: z.tuple([z.number().int().nullable(), z.string().nullable()]).optional(),
      h: z.union([z.literal(1), z.literal(2)]).optional(),
    }),
  ),
  hist: z.array(z.tuple([z.string(), counts, z.string()])),
  old: z.tuple([z.number().int().positive(), z.string(), z.string(), counts]).nullable(),
  reg: z.object({ coach: z.string().optional(), progress: z.string().optional() }),
});

/** The rule a goal id was made from ("testing/missing-tests~2" → "testing/missing-tests"). */
const ruleOfId = (id: string) => id.replace(/~\d+$/, "");

/**
 * The state as a line; `<` and `>` are escaped so no text inside can close the comment early. A goal's rules
 * are left out when they are the rule its id names, and its files when there are none: most goals cost ~30 characters.
 */
export function encodeState(state: GoalsState): string {
  const goals: Record<string, Partial<GoalRecord>> = {};
  for (const [id, rec] of Object.entries(state.goals)) {
    const { r, f, ...rest } = rec;
    goals[id] = {
      ...rest,
      ...(r.length === 1 && r[0] === ruleOfId(id) ? {} : { r }),
      ...(f.length === 0 ? {} : { f }),
    };
  }
  const json = JSON.stringify({ ...state, goals })
    .replace(/</g, "\\u003c")
    .replace(/>/g, "\\u003e");
  return `${STATE_PREFIX}${json} -->`;
}

export function decodeState(json: string): GoalsState | null {
  try {
    const parsed = stateSchema.safeParse(JSON.parse(json));
    if (!parsed.success) return null;
    const goals: Record<string, GoalRecord> = {};
    for (const [id, rec] of Object.entries(parsed.data.goals))
      goals[id] = { ...rec, r: rec.r ?? [ruleOfId(id)], f: rec.f ?? [] } as GoalRecord;
    return { ...(parsed.data as GoalsState), goals };
  } catch {
    return null;
  }
}

/** Folds the oldest reviews into one summary entry until `keep` detailed entries remain (the goals are never touched). */
export function foldHistory(state: GoalsState, keep: number): void {
  const folded = state.hist.splice(0, Math.max(0, state.hist.length - keep));
  if (folded.length === 0) return;
  const [n, first, , mean] = state.old ?? [0, folded[0]![0], "", AREAS.map(() => 0)];
  const total = n + folded.length;
  const sums = AREAS.map(
    (_, i) => (mean[i] ?? 0) * n + folded.reduce((sum, [, open]) => sum + (open[i] ?? 0), 0),
  );
  state.old = [
    total,
    first,
    folded[folded.length - 1]![0],
    sums.map((x) => Math.round((x / total) * 10) / 10),
  ];
}

/** A copy the merge may change (the caller's doc stays as it was); history entries are replaced, never edited. */
export function cloneState(state: GoalsState): GoalsState {
  const goals: Record<string, GoalRecord> = {};
  for (const [id, rec] of Object.entries(state.goals))
    goals[id] = { ...rec, r: [...rec.r], f: [...rec.f], ...(rec.e ? { e: [...rec.e] } : {}) };
  return { v: 1, goals, hist: [...state.hist], old: state.old, reg: { ...state.reg } };
}

/** Forgets where finished goals were seen: only open goals need it (to tell a fixed gap in a PR). */
export function forgetFiles(state: GoalsState): void {
  for (const rec of Object.values(state.goals)) if (rec.s !== "o") rec.f = [];
}
