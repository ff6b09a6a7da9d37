// `learnloop rules [id]`: the catalog in the terminal (one line per rule), or one rule's full text.
import { AREA_TITLES, AREAS, DETECTORS, fail, ok, type Result, type RuleMeta } from "@learnloop/core";

export type RulesFormat = "text" | "json";

export function rulesCommand(id: string | undefined, format: RulesFormat): Result<string> {
  const rules = DETECTORS.map((d) => d.meta);
  if (id === undefined) {
    if (format === "json") {
      return ok(
        `${JSON.stringify(
          rules.map(({ id, area, level, title }) => ({ id, area, level, title })),
          null,
          2,
        )}\n`,
      );
    }
    const width = Math.max(...rules.map((r) => r.id.length));
    const lines: string[] = [];
    for (const area of AREAS) {
      for (const r of rules.filter((rule) => rule.area === area)) {
        lines.push(`${r.id.padEnd(width)}  ${r.level.padEnd(11)}  ${r.title}`);
      }
    }
    return ok(`${lines.join("\n")}\n`);
  }

  const rule = rules.find((r) => r.id === id);
  if (!rule) {
    const near = closest(
      id,
      rules.map((r) => r.id),
    );
    return fail(
      "unknown-rule",
      `no rule '${id}'${near ? ` (did you mean ${near}?)` : ""}; \`learnloop rules\` lists them all`,
    );
  }
  return ok(format === "json" ? `${JSON.stringify(rule, null, 2)}\n` : describe(rule));
}

function describe(rule: RuleMeta): string {
  return [
    `${rule.id} (${AREA_TITLES[rule.area]}, ${rule.level})`,
    "",
    rule.title,
    "",
    `Why it matters: ${rule.why}`,
    "",
    `Try this: ${rule.tryThis}`,
    "",
    `A goal to write down: ${rule.goal}`,
    "",
    `Example, ${rule.example.file}:`,
    indent(rule.example.bad),
    "",
    rule.level === "celebratory" ? "What it celebrates:" : "Better:",
    indent(rule.example.good),
    "",
    `Learn more: ${rule.learnMore.join(" ")}`,
    "",
  ].join("\n");
}

const indent = (code: string) =>
  code
    .split("\n")
    .map((l) => `    ${l}`)
    .join("\n");

/** The id with the smallest edit distance, when it is close enough to be a typo; matches a bare name too. */
function closest(input: string, ids: readonly string[]): string | null {
  const byName = ids.filter((i) => i.endsWith(`/${input}`));
  if (byName.length === 1) return byName[0]!;
  let best: string | null = null;
  let bestDistance = Number.POSITIVE_INFINITY;
  for (const candidate of ids) {
    const d = distance(input, candidate);
    if (d < bestDistance) [best, bestDistance] = [candidate, d];
  }
  return bestDistance <= Math.max(2, Math.floor(input.length / 4)) ? best : null;
}

function distance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    let previous = row[0]!;
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const current = row[j]!;
      row[j] = Math.min(row[j]! + 1, row[j - 1]! + 1, previous + (a[i - 1] === b[j - 1] ? 0 : 1));
      previous = current;
    }
  }
  return row[b.length]!;
}
