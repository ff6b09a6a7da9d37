// The progress picture GitHub renders: a Mermaid chart of open gaps over the last reviews, and one line on where things stand.

import { AREA_TITLES, AREAS } from "../report/areas.js";
import type { Goal } from "../report/contract.js";
import type { GoalsState } from "./types.js";

/** Reviews shown in the chart; older ones stay in the state (folded) but would crowd the axis. */
export const CHART_REVIEWS = 12;

const sum = (xs: readonly number[]) => Math.round(xs.reduce((a, b) => a + b, 0) * 10) / 10;
const label = (s: string) => JSON.stringify(s.replace(/["\\]/g, "").slice(0, 20));

export function progressLines(state: GoalsState, goals: readonly Goal[]): string[] {
  const done = goals.filter((g) => g.status === "done").length;
  const tally = `Goals done: **${done} of ${goals.length}**.`;
  const shown = state.hist.slice(-CHART_REVIEWS);
  if (shown.length === 0) return [tally];
  const points: [string, number][] = shown.map(([name, open]) => [name, sum(open)]);
  if (state.old && state.hist.length <= CHART_REVIEWS)
    points.unshift([`${state.old[0]} earlier`, sum(state.old[3])]);
  const top = Math.max(1, ...points.map(([, n]) => Math.ceil(n)));
  const latest = shown[shown.length - 1]![1];
  const first = (state.old ? state.old[3] : shown[0]![1]) ?? [];
  const byArea = AREAS.flatMap((area, i) => {
    const now = latest[i] ?? 0;
    const then = Math.round(first[i] ?? 0);
    return now > 0 || then > 0 ? [`${AREA_TITLES[area]} ${then === now ? now : `${then} → ${now}`}`] : [];
  });
  return [
    "```mermaid",
    "xychart-beta",
    '  title "Open gaps at each review"',
    `  x-axis [${points.map(([name]) => label(name)).join(", ")}]`,
    `  y-axis "open gaps" 0 --> ${top}`,
    `  bar [${points.map(([, n]) => n).join(", ")}]`,
    "```",
    "",
    `${tally} Open gaps by area, first review → latest: ${byArea.length > 0 ? byArea.join(" · ") : "none 🎉"}.`,
    "<sub>A pull request's review counts what it changed; a push to the default branch counts the whole project.</sub>",
  ];
}
