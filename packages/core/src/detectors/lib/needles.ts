// A quick, sound "no" before a costly regular expression: every match of the expression holds one of its needles,
// and looking for a plain string is much faster than trying an expression's alternatives at every position.

/** Whether `text` holds at least one of `needles`. */
export const holdsAny = (text: string, needles: readonly string[]): boolean =>
  needles.some((needle) => text.includes(needle));
