// The literal query of every gate's expression, worked out when the rules change rather than at each start: reading
// fifty expressions with regexpp costs each thread of a review about 25 ms of cold code before its first file, and
// loading regexpp itself more. The table is generated (`pnpm --filter @learnloop/core literal-queries`, see
// literal-query-table.ts) and a test keeps it in sync. An expression missing from it (a gate made on the fly) is
// read with regexpp once `loadExpressionReader` has loaded it; before that, its query is `any`: the gate then runs
// the expression on every text, which is slower and never wrong.

import { PRECOMPUTED_QUERIES } from "./literal-queries.generated.js";
import { ANY, type LiteralQuery } from "./literal-query.js";

let fallbacks = 0;
/** `literalQuery` of regex-literals.ts, once loaded. */
let reader: ((pattern: RegExp) => LiteralQuery) | null = null;

/** Loads the expression reader (regexpp's parser), for gates made from expressions the table lacks. */
export async function loadExpressionReader(): Promise<void> {
  reader ??= (await import("./regex-literals.js")).literalQuery;
}

/** `literalQuery(pattern)`, from the generated table when it holds the expression (else see above). */
export function gateQuery(pattern: RegExp): LiteralQuery {
  const known = PRECOMPUTED_QUERIES.get(String(pattern));
  if (known) return known;
  fallbacks++;
  return reader ? reader(pattern) : ANY;
}

/** How many expressions this thread found missing from the table (for the test of a review). */
export const gateQueryFallbacks = (): number => fallbacks;
