// The hidden markers learnloop writes into the body, and how it recognises them (and hand-edited ones).

export const GOALS_MARKER = "<!-- learnloop:goals -->";
export const STATE_PREFIX = "<!-- learnloop:state ";
export const regionStart = (name: string) => `<!-- learnloop:${name}:start -->`;
export const regionEnd = (name: string) => `<!-- learnloop:${name}:end -->`;
export const goalMarker = (id: string) => `<!-- goal:${id} -->`;

/** A task-list item ending in a goal marker: indent, bullet, box, text, marker. */
export const GOAL_LINE = /^(\s*)([-*+])\s+\[([ xX])\]\s+(.*?)\s*<!-- goal:([A-Za-z0-9._/~-]+) -->\s*$/;
/** Any task-list item (the learner's own goals). */
export const TASK_LINE = /^\s*(?:[-*+]|\d+[.)])\s+\[([ xX])\]\s+(\S.*)$/;
export const STATE_LINE = /^<!-- learnloop:state (.*) -->\s*$/;
export const REGION_START = /^\s*<!-- learnloop:([a-z]+):start -->\s*$/;
export const REGION_END = /^\s*<!-- learnloop:([a-z]+):end -->\s*$/;
/** Something that was a learnloop marker before a hand edit: worth a problem line, never a dropped line. */
export const MARKER_LIKE = /\blearnloop:[a-z]|<!-{0,2}\s*goal\b|\bgoal:[a-z-]+\/[a-z0-9-]+/i;
/** A fenced code block opener or closer (``` or ~~~, up to 3 spaces, or deeper inside a list). */
export const FENCE = /^\s*(`{3,}|~{3,})/;
/** The evidence a tick carries, kept apart from the goal's text. */
export const EVIDENCE_SUFFIX = / · shown in [^<]*$/;

/** Walks a body's lines in order and tells which are code: a fence, or inside one. */
export function fenceTracker(): { isCode(text: string): boolean; open(): string | null } {
  let fence: string | null = null;
  return {
    isCode(text) {
      const f = FENCE.exec(text)?.[1];
      if (fence) {
        if (f && f[0] === fence[0] && f.length >= fence.length) fence = null;
        return true;
      }
      if (f) fence = f;
      return f !== undefined;
    },
    open: () => fence,
  };
}
