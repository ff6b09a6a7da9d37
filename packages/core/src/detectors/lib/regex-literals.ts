// What every match of a regular expression must hold, read from its syntax tree (regexpp's parser): the strings a
// text has to contain for the expression to have a chance. A text without them is ruled out with no run of the
// expression. The method is the one of code search engines (Russ Cox, "Regular Expression Matching with a Trigram
// Index", 2012): each part of the expression is either a small set of exact strings or a query of strings, and
// the query of the whole is what the file census answers (see needles.ts).

import { type AST, RegExpParser } from "@eslint-community/regexpp";
import { ANY, and, type LiteralQuery, or } from "./literal-query.js";

/** Shorter strings are in nearly every text and ask for nothing worth the look. */
const MIN_LITERAL = 2;
/** Past this many exact strings, a part is kept as a query (a cross product of alternatives grows fast). */
const MAX_EXACT = 16;
/** Brackets of up to this many characters are read as alternatives (`["']`, `[Tt]`). */
const MAX_CLASS = 4;

/** A part of an expression: the exact strings it matches (when few and known), else what each match holds. */
interface Info {
  exact: ReadonlySet<string> | null;
  query: LiteralQuery;
}

const inexact = (query: LiteralQuery): Info => ({ exact: null, query });
const exactly = (...strings: string[]): Info => ({ exact: new Set(strings), query: ANY });
const EMPTY = exactly("");

const parser = new RegExpParser({ ecmaVersion: 2025 });

/**
 * What a text must hold for `pattern` to match it: what every match holds, and what its lookarounds must see
 * (`any` when the expression says nothing sure: then only running it tells).
 */
export function literalQuery(pattern: RegExp): LiteralQuery {
  // With `i` and `u` (or `v`), Unicode case folding matches `ſ` to `s` and the Kelvin sign to `k`: not ASCII.
  const unicodeSets = pattern.flags.includes("v");
  if (pattern.ignoreCase && (pattern.unicode || unicodeSets)) return ANY;
  const ast = parser.parsePattern(pattern.source, 0, pattern.source.length, {
    unicode: pattern.unicode,
    unicodeSets,
  });
  return queryOf(alternation(ast.alternatives));
}

function alternation(alternatives: readonly AST.Alternative[]): Info {
  const infos = alternatives.map(concatenation);
  if (infos.every((i) => i.exact)) {
    const union = new Set(infos.flatMap((i) => [...i.exact!]));
    if (union.size <= MAX_EXACT) return { exact: union, query: ANY };
  }
  return inexact(or(infos.map(queryOf)));
}

function concatenation(alternative: AST.Alternative): Info {
  let exact: Set<string> | null = new Set([""]);
  const parts: LiteralQuery[] = [];
  for (const element of alternative.elements) {
    // A lookahead or lookbehind takes no characters of the match, but what it must see is in the text: its query
    // joins the others, and the run of exact strings goes on across it.
    if (element.type === "Assertion" && (element.kind === "lookahead" || element.kind === "lookbehind")) {
      if (!element.negate) parts.push(queryOf(alternation(element.alternatives)));
      continue;
    }
    const info = elementInfo(element);
    if (exact && info.exact && exact.size * info.exact.size <= MAX_EXACT) {
      exact = cross(exact, info.exact);
      continue;
    }
    // The run of exact strings ends here: what it holds joins the query, and a new run starts after.
    if (exact) parts.push(queryOf({ exact, query: ANY }));
    if (info.exact) exact = new Set(info.exact);
    else {
      parts.push(info.query);
      exact = new Set([""]);
    }
  }
  if (parts.length === 0) return { exact, query: ANY };
  parts.push(queryOf({ exact, query: ANY }));
  return inexact(and(parts));
}

function cross(left: ReadonlySet<string>, right: ReadonlySet<string>): Set<string> {
  const out = new Set<string>();
  for (const a of left) for (const b of right) out.add(a + b);
  return out;
}

function elementInfo(element: AST.Element): Info {
  switch (element.type) {
    case "Character":
      return characterInfo(element.value);
    case "CharacterClass":
      return classInfo(element);
    case "Assertion":
      // `^`, `$` and `\b` take no characters (lookarounds are read by `concatenation`; under a quantifier, nothing).
      return EMPTY;
    case "Group":
    case "CapturingGroup":
      return alternation(element.alternatives);
    case "Quantifier":
      return quantifierInfo(element);
    default:
      // Sets like `\w` and `.`, backreferences, `v`-mode class expressions: any character, nothing known.
      return inexact(ANY);
  }
}

/** One character: lower case; outside ASCII it is not looked for (the census reads ASCII). */
function characterInfo(code: number): Info {
  return code < 128 ? exactly(String.fromCharCode(code).toLowerCase()) : inexact(ANY);
}

function classInfo(cls: AST.CharacterClass): Info {
  if (cls.negate) return inexact(ANY);
  const chars = new Set<string>();
  for (const member of cls.elements) {
    if (member.type === "Character") {
      if (member.value >= 128) return inexact(ANY);
      chars.add(String.fromCharCode(member.value).toLowerCase());
    } else if (member.type === "CharacterClassRange") {
      if (member.max.value >= 128 || member.max.value - member.min.value >= MAX_CLASS) return inexact(ANY);
      for (let c = member.min.value; c <= member.max.value; c++)
        chars.add(String.fromCharCode(c).toLowerCase());
    } else return inexact(ANY);
    if (chars.size > MAX_CLASS) return inexact(ANY);
  }
  return chars.size === 0 ? inexact(ANY) : exactly(...chars);
}

function quantifierInfo(q: AST.Quantifier): Info {
  const inner = elementInfo(q.element);
  if (q.min === 0) {
    // `x?`: the strings of x, or nothing. `x*`: any number of copies, so nothing known.
    if (q.max === 1 && inner.exact && inner.exact.size < MAX_EXACT) return exactly("", ...inner.exact);
    return inexact(ANY);
  }
  if (q.max === 1) return inner;
  // At least one copy: what one copy holds.
  return inexact(queryOf(inner));
}

/** A part's query: its exact strings as alternatives (any when one is too short to look for). */
function queryOf(info: Info): LiteralQuery {
  if (!info.exact) return info.query;
  const strings = [...info.exact];
  if (strings.some((s) => s.length < MIN_LITERAL)) return ANY;
  return or(strings.map((text) => ({ kind: "literal", text })));
}
