// The goals model: the issue body (or GOALS.md) as lines the learner owns, bot goal lines, bot regions and hidden state.
import type { Area } from "../report/areas.js";

/** One line of the body, with its own line ending ("" on a last line without one) so it renders back byte for byte. */
export type DocLine =
  /** Anything the bot does not own: the learner's words, headings, blank lines, their own task items. */
  | { kind: "text"; text: string; eol: string }
  /** A goal learnloop added, recognised by its hidden marker; the learner may tick, untick or reword it. */
  | { kind: "goal"; id: string; done: boolean; text: string; eol: string }
  /** The compact hidden state block (one line). */
  | { kind: "state"; text: string; eol: string }
  /** A block learnloop rewrites on every run (progress chart, coaching), between start and end markers. */
  | { kind: "region"; name: RegionName; lines: string[]; eols: string[] };

export const REGION_NAMES = ["coach", "progress"] as const;
export type RegionName = (typeof REGION_NAMES)[number];

export interface GoalsDoc {
  lines: DocLine[];
  /** Decoded from the state line; null when there is none (a new body) or it could not be read. */
  state: GoalsState | null;
}

export interface ParseProblem {
  /** 1-based line of the body, or null for the body as a whole. */
  line: number | null;
  message: string;
}

/** What learnloop remembers about one of its goals (compact keys: the state must stay small). */
export interface GoalRecord {
  /** Area. */
  a: Area;
  /** Rule ids whose gaps this goal covers: repeated gaps in an area merge into one goal. */
  r: string[];
  /** Files the gap was last seen in (null: the whole project), capped. */
  f: (string | null)[];
  /** open, done, or deleted by the learner (never re-added for the same gap). */
  s: "o" | "d" | "x";
  /** Evidence [pr, commit] when learnloop ticked it. */
  e?: [number | null, string | null];
  /** The learner unticked it: 1 = wait until a review sees the gap again, 2 = seen again, may tick once gone. */
  h?: 1 | 2;
}

/** One review in the history: its label, open gaps per area (in AREAS order), and what it reviewed (PR and commit). */
export type HistoryEntry = [label: string, openByArea: number[], key: string];

export interface GoalsState {
  v: 1;
  goals: Record<string, GoalRecord>;
  /** The most recent reviews, oldest first. */
  hist: HistoryEntry[];
  /** Older reviews folded into one: [count, first label, last label, mean open gaps per area]. */
  old: [number, string, string, number[]] | null;
  /** Hash of what learnloop last wrote in each region, to notice a hand edit there. */
  reg: Partial<Record<RegionName, string>>;
}

export interface Evidence {
  pr: number | null;
  commit: string | null;
}

export const emptyState = (): GoalsState => ({ v: 1, goals: {}, hist: [], old: null, reg: {} });
