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
export const MARKER_LIKE = /<!--\s*(learnloop|goal)\b|\blearnloop:(state|progress|coach)\b|<!--\s*goal:/i;
/** A fenced code block opener or closer (``` or ~~~, up to 3 spaces, or deeper inside a list). */
export const FENCE = /^\s*(`{3,}|~{3,})/;
/** The evidence a tick carries, kept apart from the goal's text. */
export const EVIDENCE_SUFFIX = / · shown in [^<]*$/;
