// Literal queries: what a text must hold for an expression to match it (regex-literals.ts reads them from
// expressions, with regexpp), and how they combine. Kept apart from that reader, so a review that finds every
// expression in the generated table (literal-queries.ts) never loads it.

/**
 * What a text must hold for an expression to match it. Literals are lower case: a text is searched without
 * regard to ASCII case, which only ever says yes more often (a case-sensitive expression gives up nothing).
 */
export type LiteralQuery =
  | { kind: "any" }
  | { kind: "literal"; text: string }
  | { kind: "and"; of: LiteralQuery[] }
  | { kind: "or"; of: LiteralQuery[] };

export const ANY: LiteralQuery = { kind: "any" };

/** What a text holds when it must hold each part (`any` parts ask for nothing). */
export function and(parts: readonly LiteralQuery[]): LiteralQuery {
  const of = parts.flatMap((p) => (p.kind === "and" ? p.of : p.kind === "any" ? [] : [p]));
  return of.length === 0 ? ANY : of.length === 1 ? of[0]! : { kind: "and", of };
}

/**
 * What a text holds when it must hold some part, or may match any of several expressions (`any` when one part
 * says nothing sure).
 */
export function or(parts: readonly LiteralQuery[]): LiteralQuery {
  if (parts.some((p) => p.kind === "any")) return ANY;
  const of = parts.flatMap((p) => (p.kind === "or" ? p.of : [p]));
  // A literal that holds another is implied by it: `acc` answers for `accuracy`.
  const implied = (p: LiteralQuery, i: number) =>
    p.kind === "literal" &&
    of.some(
      (other, j) =>
        j !== i &&
        other.kind === "literal" &&
        p.text.includes(other.text) &&
        (other.text !== p.text || j < i),
    );
  const kept = of.filter((p, i) => !implied(p, i));
  return kept.length === 1 ? kept[0]! : { kind: "or", of: kept };
}

/** The query as text, for tests and for reading: `"a" & ("b" | "c")`. */
export function showQuery(query: LiteralQuery): string {
  switch (query.kind) {
    case "any":
      return "*";
    case "literal":
      return JSON.stringify(query.text);
    case "and":
      return query.of.map((q) => (q.kind === "or" ? `(${showQuery(q)})` : showQuery(q))).join(" & ");
    case "or":
      return query.of.map((q) => (q.kind === "and" ? `(${showQuery(q)})` : showQuery(q))).join(" | ");
  }
}
