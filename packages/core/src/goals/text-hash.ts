// A short, stable hash of a text (FNV-1a, base 36): names a learner's own goal, and marks what a region held when
// learnloop wrote it, to notice a hand edit there. Apart from the state block's schema, which a review never loads.
export function hashText(text: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return (h >>> 0).toString(36);
}
