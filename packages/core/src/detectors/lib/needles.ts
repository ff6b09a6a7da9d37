// A quick, sound "no" before a costly regular expression: every match of the expression holds one of its needles,
// and looking for a plain string is much faster than trying an expression's alternatives at every position.

/** Whether `text` holds at least one of `needles`. */
export const holdsAny = (text: string, needles: readonly string[]): boolean =>
  needles.some((needle) => text.includes(needle));

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
