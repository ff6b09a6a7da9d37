// A quick, sound "no" before a costly regular expression: every match of the expression holds one of its needles,
// and looking for a plain string is much faster than trying an expression's alternatives at every position.

import type { SourceFile } from "../../snapshot/types.js";
import { perFileForReview } from "./memo.js";

/** Below this many characters a file gets no trigram filter. */
const FILTER_MIN_LENGTH = 4096;
/** Past this many needles a file's trigrams cannot rule out, one pass of the expression costs less than the scans. */
const MAX_SCANS = 3;

/**
 * Whether `source` (a text, or a file) may hold one of `needles`: false only when it holds none. For a file, its
 * trigram filter rules out most needles without a scan; when more than a few remain, true (run the expression).
 */
export function holdsAny(source: string | SourceFile, needles: readonly string[]): boolean {
  const text = typeof source === "string" ? source : source.text;
  // A small file is scanned faster than its filter is built (and a repo of many small files keeps no filters).
  if (typeof source === "string" || text.length < FILTER_MIN_LENGTH)
    return needles.some((n) => text.includes(n));
  const trigrams = trigramsOf(source);
  // The needles the filter cannot rule out, up to MAX_SCANS (no list is built: this runs for every file and gate).
  let first = -1;
  let count = 0;
  for (let i = 0; i < needles.length; i++) {
    if (!mayHold(trigrams, needles[i]!)) continue;
    if (++count > MAX_SCANS) return true;
    if (first === -1) first = i;
  }
  if (count === 0) return false;
  for (let i = first; i < needles.length; i++) {
    if (mayHold(trigrams, needles[i]!) && text.includes(needles[i]!)) return true;
  }
  return false;
}

/**
 * A Bloom filter of the text's trigrams (three characters in a row, each by its low 8 bits): a needle with a
 * trigram missing from it is missing from the text. One pass over the text, then any number of needles cost
 * next to nothing; sized to the text, at most 8 KB.
 */
export function trigramFilter(text: string): Uint32Array {
  let bits = 1 << 10;
  while (bits < text.length * 2 && bits < 1 << 16) bits <<= 1;
  const filter = new Uint32Array(bits >> 5);
  const shift = 32 - Math.log2(bits);
  let window = 0;
  for (let i = 0; i < text.length; i++) {
    window = ((window << 8) | (text.charCodeAt(i) & 0xff)) & 0xffffff;
    const bit = Math.imul(window, 0x9e3779b1) >>> shift;
    filter[bit >> 5]! |= 1 << (bit & 31);
  }
  return filter;
}

/** Each needle's trigram hashes, before the shift that fits them to a filter's size (needles are few and fixed). */
const needleHashes = new Map<string, Uint32Array>();

function hashesOf(needle: string): Uint32Array {
  let hashes = needleHashes.get(needle);
  if (!hashes) {
    hashes = new Uint32Array(Math.max(0, needle.length - 2));
    let window = 0;
    for (let i = 0; i < needle.length; i++) {
      window = ((window << 8) | (needle.charCodeAt(i) & 0xff)) & 0xffffff;
      if (i >= 2) hashes[i - 2] = Math.imul(window, 0x9e3779b1);
    }
    needleHashes.set(needle, hashes);
  }
  return hashes;
}

/** False only when the text behind `filter` cannot hold `needle` (needles under three characters: true). */
export function mayHold(filter: Uint32Array, needle: string): boolean {
  const shift = 32 - Math.log2(filter.length << 5);
  const hashes = hashesOf(needle);
  for (let i = 0; i < hashes.length; i++) {
    const bit = hashes[i]! >>> shift;
    if (!(filter[bit >> 5]! & (1 << (bit & 31)))) return false;
  }
  return true;
}

/** The file's trigram filter, built once per file when a needle is first looked for. */
export const trigramsOf = (file: SourceFile): Uint32Array =>
  perFileForReview(file, "trigrams", () => trigramFilter(file.text));

/** Expressions and the plain strings every match of them holds: a file without any of these cannot match. */
export interface NeedleGate {
  patterns: readonly RegExp[];
  needles: readonly string[];
  /** False only when no pattern can match the text (true says nothing: run the expression). */
  mayMatch(source: string | SourceFile): boolean;
}

const gates: NeedleGate[] = [];

/**
 * A hand-written needle list for costly expressions, registered so one test checks every list against every
 * file of the example and the corpora (a missing needle there means a finding silently lost).
 */
export function needleGate(patterns: RegExp | readonly RegExp[], needles: readonly string[]): NeedleGate {
  const gate = {
    patterns: Array.isArray(patterns) ? patterns : [patterns as RegExp],
    needles,
    mayMatch: (source: string | SourceFile) => holdsAny(source, needles),
  };
  gates.push(gate);
  return gate;
}

/** Every gate made so far (modules make theirs when loaded). */
export const needleGates = (): readonly NeedleGate[] => gates;

const sticky = new WeakMap<RegExp, RegExp>();

/**
 * The same matches as `text.matchAll(pattern)` for a line-anchored expression (it starts with `^` and has the `m`
 * flag) every match of which holds `needle` on the line it starts on: only the lines holding the needle are
 * tried, from their start, instead of every position of the text.
 */
export function* lineMatches(text: string, pattern: RegExp, needle: string): Generator<RegExpExecArray> {
  let atLineStart = sticky.get(pattern);
  if (!atLineStart) {
    if (!pattern.source.startsWith("^") || !pattern.multiline)
      throw new Error(`not line-anchored: ${pattern}`);
    atLineStart = new RegExp(pattern.source.slice(1), `${pattern.flags.replace("g", "")}y`);
    sticky.set(pattern, atLineStart);
  }
  // matchAll tries no position before the end of its last match (a match may run on past its first line).
  let floor = 0;
  for (let at = text.indexOf(needle); at !== -1; ) {
    const lineStart = text.lastIndexOf("\n", at - 1) + 1;
    const lineEnd = text.indexOf("\n", at);
    let next = lineEnd === -1 ? text.length : lineEnd + 1;
    if (lineStart >= floor) {
      atLineStart.lastIndex = lineStart;
      const m = atLineStart.exec(text);
      if (m) {
        yield m;
        floor = m.index + m[0].length;
        next = Math.max(next, floor);
      }
    }
    if (next >= text.length) break;
    at = text.indexOf(needle, next);
  }
}

const META = new Set(["\\", "^", "$", ".", "|", "?", "*", "+", "(", ")", "[", "]", "{", "}"]);
const QUANTIFIER = /^[?*{]/;

/** The run of plain characters a branch starts with (after any `\b`), before anything that is not plain. */
function leadingLiteral(branch: string): string {
  let i = branch.startsWith("\\b") ? 2 : 0;
  let out = "";
  while (i < branch.length) {
    const ch = branch[i]!;
    let literal: string;
    let width: number;
    if (ch === "\\" && i + 1 < branch.length && /[^\w\s]/.test(branch[i + 1]!)) {
      literal = branch[i + 1]!;
      width = 2;
    } else if (!META.has(ch)) {
      literal = ch;
      width = 1;
    } else break;
    // `s?` or `s*`: that character may be missing from a match.
    if (QUANTIFIER.test(branch.slice(i + width))) break;
    out += literal;
    i += width;
  }
  return out;
}

/** The source's top-level alternatives, or null when a bracket or group makes the split unsure. */
function topLevelBranches(source: string): string[] | null {
  const branches: string[] = [];
  let depth = 0;
  let start = 0;
  for (let i = 0; i < source.length; i++) {
    const ch = source[i];
    if (ch === "\\") i++;
    else if (ch === "[") return null;
    else if (ch === "(") depth++;
    else if (ch === ")" && --depth < 0) return null;
    else if (ch === "|" && depth === 0) {
      branches.push(source.slice(start, i));
      start = i + 1;
    }
  }
  branches.push(source.slice(start));
  return branches;
}

/**
 * The inside of the group a one-branch source starts with (after any `\b`), when every match starts with one of its
 * alternatives: the group is not optional or repeated, and no `|` outside it splits the source. Else null.
 */
function leadingGroup(source: string): string | null {
  const start = source.startsWith("\\b") ? 2 : 0;
  if (source[start] !== "(" || (source[start + 1] === "?" && source[start + 2] !== ":")) return null;
  const innerStart = source[start + 1] === "?" ? start + 3 : start + 1;
  let depth = 0;
  let close = -1;
  let inClass = false;
  for (let i = start; i < source.length; i++) {
    const ch = source[i];
    if (ch === "\\") i++;
    else if (inClass) inClass = ch !== "]";
    else if (ch === "[") inClass = true;
    else if (ch === "(") depth++;
    else if (ch === ")" && --depth === 0 && close === -1) close = i;
    else if (ch === "|" && depth === 0) return null;
  }
  if (close === -1 || /[?*+{]/.test(source[close + 1] ?? "")) return null;
  return source.slice(innerStart, close);
}

/**
 * Strings of which every match of `pattern` holds at least one (each branch's leading plain text), or null when
 * some branch starts with no plain text or the expression ignores case: then only the expression can tell.
 * `\b(a|b)\b` and `(a|b)[^.]*c` are read as their group's branches.
 */
export function requiredNeedles(pattern: RegExp): string[] | null {
  if (pattern.ignoreCase) return null;
  const group = leadingGroup(pattern.source);
  const branches = topLevelBranches(group !== null && topLevelBranches(group) ? group : pattern.source);
  if (!branches) return null;
  const needles = branches.map(leadingLiteral);
  return needles.every((n) => n.length >= 2) ? needles : null;
}
