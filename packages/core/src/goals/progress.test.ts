import { describe, expect, it } from "vitest";
import type { Goal } from "../report/contract.js";
import { progressLines } from "./progress.js";
import { emptyState, type HistoryEntry } from "./types.js";

const goal = (status: "open" | "done"): Goal => ({
  id: `g-${status}`,
  area: "testing",
  text: "t",
  status,
  source: "learner",
  evidence: null,
});
const entry = (label: string, testing: number, data: number): HistoryEntry => [
  label,
  [testing, 0, 0, 0, 0, 0, data, 0, 0, 0, 0, 0],
  label,
];

describe("the progress picture", () => {
  it("charts open gaps at the last reviews as a Mermaid bar chart and says what moved per area", () => {
    const state = { ...emptyState(), hist: [entry("#1", 3, 1), entry("#2", 2, 1), entry("abc1234", 0, 1)] };
    const lines = progressLines(state, [goal("open"), goal("done")]);
    expect(lines.slice(0, 7)).toEqual([
      "```mermaid",
      "xychart-beta",
      '  title "Open gaps at each review"',
      '  x-axis ["#1", "#2", "abc1234"]',
      '  y-axis "open gaps" 0 --> 4',
      "  bar [4, 3, 1]",
      "```",
    ]);
    expect(lines[8]).toBe(
      "Goals done: **1 of 2**. Open gaps by area, first review → latest: Testing 3 → 0 · Data 1.",
    );
  });

  it("shows folded history as one earlier point, and only the last 12 reviews", () => {
    const hist = Array.from({ length: 12 }, (_, i) => entry(`#${i + 10}`, 1, 0));
    const chart = progressLines(
      { ...emptyState(), hist, old: [40, "#1", "#9", [2.5, 0, 0, 0, 0, 0, 1, 0, 0, 0, 0, 0]] },
      [],
    );
    expect(chart[3]).toBe(`  x-axis ["40 earlier", ${hist.map(([l]) => `"${l}"`).join(", ")}]`);
    expect(chart[5]).toBe(`  bar [3.5, ${hist.map(() => 1).join(", ")}]`);
    const longer = progressLines({ ...emptyState(), hist: [...hist, entry("#99", 0, 0)] }, []);
    expect(longer[3]).not.toContain('"#10"');
  });
});
