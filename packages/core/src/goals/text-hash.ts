// A short, stable hash of a text (FNV-1a, base 36): names a learner's own goal and marks a region as written.
/** A short, stable hash (FNV-1a) of a region's text, to notice a hand edit there. */
export function hashText(text: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return (h >>> 0).toString(36);
}
