// A quick, sound "no" before a costly regular expression. Every gate's expressions are read for the strings each
// of their matches must hold (regex-literals.ts); one pass over a file then finds which of all those strings it
// holds (the census), and a gate whose strings are missing says no with no run of its expressions. Most files of
// a large repo hold the strings of few rules, so most expressions never run on most files.

import type { SourceFile } from "../../snapshot/types.js";
import { gateQuery } from "./literal-queries.js";
import { type LiteralQuery, or } from "./literal-query.js";
import { perFileForReview } from "./memo.js";

/** Every literal asked for so far, by id (ids only grow: a census made earlier still answers for its ids). */
const literals: string[] = [];
const literalIds = new Map<string, number>();

function idOf(literal: string): number {
  let id = literalIds.get(literal);
  if (id === undefined) {
    id = literals.length;
    literals.push(literal);
    literalIds.set(literal, id);
  }
  return id;
}

/**
 * An Aho-Corasick automaton over every literal, as flat tables (typed arrays only: the scan is the hottest loop of
 * a review): for each state and character class, the next state's row (its index shifted left by `shift`, so the
 * scan adds a class to it with no multiplication), negative (`~row`) for states where some literal ends; and the
 * literals that end at each state.
 */
interface Automaton {
  /** How many literals it looks for (those with smaller ids). */
  covers: number;
  /** Character class of each UTF-16 code (ASCII letters folded to lower case; 0: in no literal). */
  classes: Uint8Array;
  /** A state's row is its index shifted left by this: rows are a power of two long, at least the class count. */
  shift: number;
  next: Int32Array;
  /** The literals ending at state s (its own and those of its suffixes): `endIds[endStart[s]..endStart[s + 1]]`. */
  endStart: Int32Array;
  endIds: Int32Array;
}

let automaton: Automaton | null = null;
let builds = 0;

function currentAutomaton(): Automaton {
  if (!automaton || automaton.covers !== literals.length) {
    adopt(buildAutomaton(literals));
    builds++;
  }
  return automaton!;
}

/** Makes `next` this thread's automaton (the censuses kept for sharing were counted with the one before). */
function adopt(next: Automaton): void {
  sameCensus.clear();
  automaton = next;
}

/**
 * How many times the automaton was built in this thread. Each build after the first has every file counted again
 * when next asked: a gate made in the middle of a review costs a pass over the repo (see the test of a review).
 */
export const automatonBuilds = (): number => builds;

function buildAutomaton(words: readonly string[]): Automaton {
  const classes = new Uint8Array(65536);
  let classCount = 1;
  let chars = 0;
  for (const word of words) {
    chars += word.length;
    for (let i = 0; i < word.length; i++) {
      const code = word.charCodeAt(i);
      if (classes[code] === 0) classes[code] = classCount++;
    }
  }
  for (let upper = 65; upper <= 90; upper++) classes[upper] = classes[upper + 32]!;
  // The trie, in typed arrays (it is built in every thread, before its first file is counted): edges[state *
  // classCount + class], -1 where it has no edge; at most one state per character of the words, and the root.
  const edges = new Int32Array((chars + 1) * classCount).fill(-1);
  const ends: number[][] = [[]];
  words.forEach((word, id) => {
    let state = 0;
    for (let i = 0; i < word.length; i++) {
      const at = state * classCount + classes[word.charCodeAt(i)]!;
      if (edges[at] === -1) {
        edges[at] = ends.length;
        ends.push([]);
      }
      state = edges[at]!;
    }
    ends[state]!.push(id);
  });
  // Breadth first: each state's failure link, its missing edges taken from the state its link points to.
  const states = ends.length;
  const fail = new Int32Array(states);
  const queue = new Int32Array(states);
  let tail = 0;
  for (let c = 0; c < classCount; c++) {
    const to = edges[c]!;
    if (to <= 0) edges[c] = 0;
    else queue[tail++] = to;
  }
  for (let head = 0; head < tail; head++) {
    const state = queue[head]!;
    const inherited = ends[fail[state]!]!;
    if (inherited.length > 0) ends[state]!.push(...inherited);
    const row = state * classCount;
    const fallbackRow = fail[state]! * classCount;
    for (let c = 0; c < classCount; c++) {
      const to = edges[row + c]!;
      const fallback = edges[fallbackRow + c]!;
      if (to === -1) edges[row + c] = fallback;
      else {
        fail[to] = fallback;
        queue[tail++] = to;
      }
    }
  }
  let shift = 0;
  while (1 << shift < classCount) shift++;
  const next = new Int32Array(states << shift);
  for (let state = 0; state < states; state++)
    for (let c = 0; c < classCount; c++) {
      const to = edges[state * classCount + c]!;
      next[(state << shift) + c] = ends[to]!.length > 0 ? ~(to << shift) : to << shift;
    }
  const endStart = new Int32Array(states + 1);
  ends.forEach((e, state) => {
    endStart[state + 1] = endStart[state]! + e.length;
  });
  return { covers: words.length, classes, shift, next, endStart, endIds: Int32Array.from(ends.flat()) };
}

/** Which literals a text holds, one bit per literal id: `bits[at..]` (a shared table holds many files' bits). */
interface Census {
  covers: number;
  bits: Uint32Array;
  at: number;
}

/**
 * Censuses alike are one object: many files hold the same few literals (a repo of 100,000 small files kept 36 MB
 * of copies). Keyed by the automaton they came from and their bits.
 */
const sameCensus = new Map<string, Census>();
const MAX_SHARED_CENSUSES = 4096;

const wordsFor = (covers: number): number => (covers + 31) >>> 5;

function takeCensus(text: string): Census {
  const current = currentAutomaton();
  const bits = new Uint32Array(wordsFor(current.covers));
  scan(text, current, bits, 0);
  return { covers: current.covers, bits, at: 0 };
}

/** A file's census, shared with the files counted before it that hold the same literals. */
function sharedCensus(text: string): Census {
  const taken = takeCensus(text);
  const key = `${taken.covers}:${taken.bits.join()}`;
  let census = sameCensus.get(key);
  if (!census) {
    census = taken;
    // A large repo has many censuses met once: only the first few kinds are kept for sharing.
    if (sameCensus.size < MAX_SHARED_CENSUSES) sameCensus.set(key, census);
  }
  return census;
}

/** Sets the bit of each literal the text holds, in `bits[at..]`. Nothing else happens here: the loop is all of it. */
function scan(
  text: string,
  { classes, shift, next, endStart, endIds }: Automaton,
  bits: Uint32Array,
  at: number,
): void {
  let row = 0;
  for (let i = 0; i < text.length; i++) {
    const to = next[row + classes[text.charCodeAt(i)]!]!;
    if (to >= 0) {
      row = to;
      continue;
    }
    row = ~to;
    const state = row >>> shift;
    for (let k = endStart[state]!; k < endStart[state + 1]!; k++) {
      const id = endIds[k]!;
      bits[at + (id >>> 5)]! |= 1 << (id & 31);
    }
  }
}

const censuses = new WeakMap<SourceFile, Census>();

/** The file's census, taken once (again only if literals were added since). */
function censusOf(source: string | SourceFile): Census {
  if (typeof source === "string") return takeCensus(source);
  let census = censuses.get(source);
  if (!census || census.covers !== literals.length) {
    census = sharedCensus(source.text);
    censuses.set(source, census);
  }
  return census;
}

/**
 * The censuses of a snapshot's files, taken by several threads at once into one shared table: each file is counted
 * by the first thread to claim it (the calling thread from the front, a worker from the back), so none is counted
 * twice and a worker that starts late counts none.
 */
export interface SharedCensuses {
  /** The literals the bits stand for, by id: a thread whose own ids differ leaves the table alone. */
  literals: readonly string[];
  /** Each file's state (`FREE`, `COUNTING` or `COUNTED`), then how many files were taken from the front, and from the back. */
  claims: Int32Array;
  bits: Uint32Array;
  /** The calling thread's automaton over those literals: a worker with the same ids uses it rather than build its own. */
  automaton: Automaton;
}

const FREE = 0;
const COUNTING = 1;
const COUNTED = 2;

/** An empty table for `fileCount` files, over every literal asked for so far (make the gates first). */
export function sharedCensuses(fileCount: number): SharedCensuses {
  return {
    literals: [...literals],
    claims: new Int32Array(new SharedArrayBuffer(4 * (fileCount + 2))),
    bits: new Uint32Array(new SharedArrayBuffer(4 * wordsFor(literals.length) * fileCount)),
    automaton: currentAutomaton(),
  };
}

/**
 * Whether this thread's literal ids are the table's: a thread whose literals are the first of the table's (the
 * same rules, loaded in the same order) takes the rest of the table's as its next ids, and the table's automaton
 * when it has none over them yet.
 */
function sameIds(table: SharedCensuses): boolean {
  if (literals.length > table.literals.length) return false;
  for (let id = 0; id < literals.length; id++) if (literals[id] !== table.literals[id]) return false;
  for (const literal of table.literals.slice(literals.length)) idOf(literal);
  // Built from the same literals, it is the automaton this thread would build (about 17 ms of cold code).
  if (automaton?.covers !== literals.length && table.automaton.covers === literals.length)
    adopt(table.automaton);
  return true;
}

/**
 * Counts the table's files (`files` in the table's order) that no thread has claimed yet, from the front or the
 * back (threads on the same side take turns), until the two sides meet.
 */
export function countShared(
  files: readonly SourceFile[],
  table: SharedCensuses,
  from: "front" | "back",
): void {
  if (!sameIds(table)) return;
  const automaton = currentAutomaton();
  const words = wordsFor(automaton.covers);
  const taken = files.length + (from === "front" ? 0 : 1);
  for (;;) {
    const k = Atomics.add(table.claims, taken, 1);
    if (k >= files.length) return;
    const i = from === "front" ? k : files.length - 1 - k;
    // Claimed from the other side: so are all the files this side has still to take.
    if (Atomics.compareExchange(table.claims, i, FREE, COUNTING) !== FREE) return;
    scan(files[i]!.text, automaton, table.bits, i * words);
    Atomics.store(table.claims, i, COUNTED);
    Atomics.notify(table.claims, i);
  }
}

/**
 * Gives each file the census the table holds for it, waiting up to `waitMs` in all for those another thread is
 * still counting. A file the table does not have (a thread that stopped) is counted here when asked, as any other.
 */
export function readShared(files: readonly SourceFile[], table: SharedCensuses, waitMs: number): void {
  if (!sameIds(table)) return;
  const covers = table.literals.length;
  const words = wordsFor(covers);
  const until = performance.now() + waitMs;
  for (let i = 0; i < files.length; i++) {
    while (Atomics.load(table.claims, i) === COUNTING) {
      const left = until - performance.now();
      if (left <= 0) break;
      Atomics.wait(table.claims, i, COUNTING, left);
    }
    if (Atomics.load(table.claims, i) === COUNTED)
      censuses.set(files[i]!, { covers, bits: table.bits, at: i * words });
  }
}

type Test = (bits: Uint32Array, at: number) => boolean;

function compile(query: LiteralQuery): Test {
  switch (query.kind) {
    case "any":
      return () => true;
    case "literal": {
      const id = idOf(query.text);
      const word = id >>> 5;
      const mask = 1 << (id & 31);
      return (bits, at) => (bits[at + word]! & mask) !== 0;
    }
    case "and": {
      const parts = query.of.map(compile);
      return (bits, at) => {
        for (const part of parts) if (!part(bits, at)) return false;
        return true;
      };
    }
    case "or": {
      // Its literals as masks of the words they sit in (a gate is asked for every file and every rule): the
      // literals of one word are one test.
      const byWord = new Map<number, number>();
      const parts: Test[] = [];
      for (const q of query.of) {
        if (q.kind !== "literal") parts.push(compile(q));
        else {
          const id = idOf(q.text);
          byWord.set(id >>> 5, (byWord.get(id >>> 5) ?? 0) | (1 << (id & 31)));
        }
      }
      const words = Int32Array.from(byWord.keys());
      const masks = Int32Array.from(byWord.values());
      return (bits, at) => {
        for (let i = 0; i < words.length; i++) if ((bits[at + words[i]!]! & masks[i]!) !== 0) return true;
        for (const part of parts) if (part(bits, at)) return true;
        return false;
      };
    }
  }
}

/** Expressions, and what a text must hold for any of them to match it. */
export class LiteralGate {
  readonly patterns: readonly RegExp[];
  readonly query: LiteralQuery;
  private readonly holds: Test;

  constructor(patterns: readonly RegExp[]) {
    this.patterns = patterns;
    this.query = or(patterns.map(gateQuery));
    this.holds = compile(this.query);
  }

  /** False only when no pattern can match the text (true says nothing: run the expressions). */
  mayMatch(source: string | SourceFile): boolean {
    if (this.query.kind === "any") return true;
    const census = censusOf(source);
    return this.holds(census.bits, census.at);
  }

  /** Whether some pattern matches the text: `pattern.test`, after the census said it may. */
  test(source: string | SourceFile): boolean {
    if (!this.mayMatch(source)) return false;
    const text = typeof source === "string" ? source : source.text;
    return this.patterns.some((p) => {
      p.lastIndex = 0;
      const found = p.test(text);
      p.lastIndex = 0;
      return found;
    });
  }
}

const gates = new WeakMap<RegExp, LiteralGate>();
const allGates: LiteralGate[] = [];

/**
 * The gate of one expression (or of several: a text may match when it may match any), made once. Make gates at
 * module load where possible: a literal added after files were counted has them counted again.
 */
export function literalGate(patterns: RegExp | readonly RegExp[]): LiteralGate {
  const list: readonly RegExp[] = patterns instanceof RegExp ? [patterns] : patterns;
  if (list.length === 1) {
    const known = gates.get(list[0]!);
    if (known) return known;
  }
  const gate = new LiteralGate(list);
  if (list.length === 1) gates.set(list[0]!, gate);
  allGates.push(gate);
  return gate;
}

/** Every gate made so far (for the test that checks each against real files). */
export const literalGates = (): readonly LiteralGate[] => allGates;

/**
 * Which of `words` a text may hold: a word it holds is in the answer, and so may be one it holds only in another
 * ASCII case. Make the set at module load, as gates are: files are then counted once.
 */
export function literalSet(words: readonly string[]): (source: string | SourceFile) => string[] {
  const entries = words.map((word) => ({
    word,
    test: compile({ kind: "literal", text: asciiLowerCase(word) }),
  }));
  return (source) => {
    const { bits, at } = censusOf(source);
    return entries.filter((e) => e.test(bits, at)).map((e) => e.word);
  };
}

/**
 * Whether a text may hold one of `words`: false only when it holds none of them (in any ASCII case). Make the test
 * at module load, as gates are: files are then counted once.
 */
export function literalAny(words: readonly string[]): (source: string | SourceFile) => boolean {
  const holds = compile({
    kind: "or",
    of: words.map((word) => ({ kind: "literal", text: asciiLowerCase(word) })),
  });
  return (source) => {
    const { bits, at } = censusOf(source);
    return holds(bits, at);
  };
}

/** ASCII letters in lower case, other characters as they are (the census folds only ASCII). */
const asciiLowerCase = (word: string): string => word.replace(/[A-Z]/g, (c) => c.toLowerCase());

const sticky = new WeakMap<RegExp, RegExp>();

/** Files shorter than this have the lines holding a needle found again when asked (see `lineMatches`). */
const KEEP_LINES_FROM = 4096;

/** Where each line of `text` that holds `needle` starts, in order. */
function linesHolding(text: string, needle: string): number[] {
  const starts: number[] = [];
  for (let at = text.indexOf(needle); at !== -1; ) {
    starts.push(text.lastIndexOf("\n", at - 1) + 1);
    const lineEnd = text.indexOf("\n", at);
    if (lineEnd === -1) break;
    at = text.indexOf(needle, lineEnd + 1);
  }
  return starts;
}

/**
 * The same matches as `text.matchAll(pattern)` for a line-anchored expression (it starts with `^` and has the `m`
 * flag) every match of which holds `needle` on the line it starts on: only the lines holding the needle are
 * tried, from their start, instead of every position of the text. For a file, those lines are found once per
 * review (several rules read a file's `import` lines).
 */
export function* lineMatches(
  source: string | SourceFile,
  pattern: RegExp,
  needle: string,
): Generator<RegExpExecArray> {
  let atLineStart = sticky.get(pattern);
  if (!atLineStart) {
    if (!pattern.source.startsWith("^") || !pattern.multiline)
      throw new Error(`not line-anchored: ${pattern}`);
    atLineStart = new RegExp(pattern.source.slice(1), `${pattern.flags.replace("g", "")}y`);
    sticky.set(pattern, atLineStart);
  }
  const text = typeof source === "string" ? source : source.text;
  // A small file is searched again faster than an answer is kept for it (a repo of many small files keeps none).
  const starts =
    typeof source === "string" || text.length < KEEP_LINES_FROM
      ? linesHolding(text, needle)
      : perFileForReview(source, `lines-holding:${needle}`, () => linesHolding(text, needle));
  // matchAll tries no position before the end of its last match (a match may run on past its first line).
  let floor = 0;
  for (const lineStart of starts) {
    if (lineStart < floor) continue;
    atLineStart.lastIndex = lineStart;
    const m = atLineStart.exec(text);
    if (m) {
      yield m;
      floor = m.index + m[0].length;
    }
  }
}
