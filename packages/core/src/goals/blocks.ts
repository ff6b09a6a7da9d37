// learnloop's own blocks in the body, rewritten every run: coaching, the progress chart and the hidden state line.
import { appendLine, dominantEol, OUTCOME_LABEL, PROGRESS_TITLE, proseIndex } from "./layout.js";
import { GOALS_MARKER } from "./markers.js";
import { encodeState } from "./state.js";
import { hashText } from "./text-hash.js";
import type { DocLine, GoalsState, ParseProblem, RegionName } from "./types.js";

/** The outcome as the learner keeps it in the body, unless it is still the placeholder. */
export function statedOutcome(lines: readonly DocLine[]): string | undefined {
  const at = proseIndex(lines, (t) => t.startsWith(OUTCOME_LABEL));
  if (at === -1) return undefined;
  const text = (lines[at] as { text: string }).text.slice(OUTCOME_LABEL.length).trim();
  return text && !text.startsWith("(") ? text : undefined;
}

/**
 * Rewrites a learnloop block. If the learner edited inside it since learnloop wrote it, their lines are kept as
 * their own text just above the fresh block, so nothing they wrote is lost.
 */
export function setRegion(
  lines: DocLine[],
  state: GoalsState,
  name: RegionName,
  content: string[],
  wrote: string | undefined,
  problems: ParseProblem[],
): void {
  const eol = dominantEol(lines);
  const at = lines.findIndex((l) => l.kind === "region" && l.name === name);
  const region: DocLine = {
    kind: "region",
    name,
    lines: content,
    eols: [eol, ...content.map(() => eol), eol],
  };
  if (at === -1) {
    if (content.length === 0) return;
    if (name === "coach") {
      const outcome = proseIndex(lines, (t) => t.startsWith(OUTCOME_LABEL));
      const after = (outcome === -1 ? proseIndex(lines, (t) => t.includes(GOALS_MARKER)) : outcome) + 1;
      appendLine(lines, after, region);
      appendLine(lines, after, { kind: "text", text: "", eol });
    } else {
      const stateAt = lines.findIndex((l) => l.kind === "state");
      const before = stateAt === -1 ? lines.length : stateAt;
      const blank =
        lines[before - 1]?.kind === "text" && (lines[before - 1] as { text: string }).text.trim() === "";
      const heading: DocLine[] = [
        ...(blank ? [] : [{ kind: "text", text: "", eol } as DocLine]),
        { kind: "text", text: `### ${PROGRESS_TITLE}`, eol },
        { kind: "text", text: "", eol },
      ];
      for (const l of [...heading, region].reverse()) appendLine(lines, before, l);
    }
    state.reg[name] = hashText(content.join("\n"));
    return;
  }
  const old = lines[at] as Extract<DocLine, { kind: "region" }>;
  const kept: DocLine[] =
    wrote !== undefined && hashText(old.lines.join("\n")) !== wrote
      ? old.lines.map((text, i) => ({ kind: "text", text, eol: old.eols[i + 1] ?? eol }))
      : [];
  if (kept.length > 0)
    problems.push({
      line: null,
      message: `you edited learnloop's ${name} block: your lines are kept just above it`,
    });
  region.eols[region.eols.length - 1] = old.eols[old.eols.length - 1] ?? eol;
  lines.splice(at, 1, ...kept, region);
  state.reg[name] = hashText(content.join("\n"));
}

export function setState(lines: DocLine[], state: GoalsState): void {
  const at = lines.findIndex((l) => l.kind === "state");
  const eol = dominantEol(lines);
  if (at === -1) {
    appendLine(lines, lines.length, { kind: "text", text: "", eol });
    appendLine(lines, lines.length, { kind: "state", text: encodeState(state), eol });
  } else lines[at] = { kind: "state", text: encodeState(state), eol: (lines[at] as { eol: string }).eol };
}
