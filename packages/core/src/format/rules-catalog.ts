// The rule catalog as Markdown (docs/rules.md), generated from each rule's meta so docs never drift from code.
import type { RuleMeta } from "../detectors/types.js";
import { AREA_TITLES, AREAS } from "../report/areas.js";

const LEVEL_WORD: Record<RuleMeta["level"], string> = {
  essential: "essential",
  actionable: "actionable",
  informative: "informative",
  celebratory: "strength (celebratory)",
};

const fence = (language: string, code: string) => {
  const ticks = code.includes("```") ? "````" : "```";
  return `${ticks}${language}\n${code}\n${ticks}`;
};

export function renderRulesCatalog(rules: readonly RuleMeta[]): string {
  const out = [
    "# learnloop rules",
    "",
    "<!-- Generated from the rules' meta by `pnpm --filter @learnloop/core rules-doc`; a test fails when it is stale. -->",
    "",
    `${rules.length} rules in ${new Set(rules.map((r) => r.area)).size} areas. Each names what it sees, why it matters, one thing to try, and a goal to write down.`,
    "",
  ];
  for (const area of AREAS) {
    const inArea = rules.filter((r) => r.area === area);
    if (inArea.length === 0) continue;
    out.push(
      `- **${AREA_TITLES[area]}**: ${inArea.map((r) => `[\`${r.id}\`](#${anchor(r.id)})`).join(", ")}`,
    );
  }
  out.push("");
  for (const area of AREAS) {
    const inArea = rules.filter((r) => r.area === area);
    if (inArea.length === 0) continue;
    out.push(`## ${AREA_TITLES[area]}`, "");
    for (const rule of inArea) {
      out.push(
        `### ${rule.id}`,
        "",
        `**${rule.title}** · level: ${LEVEL_WORD[rule.level]}`,
        "",
        `**Why it matters.** ${rule.why}`,
        "",
        `**Try this.** ${rule.tryThis}`,
        "",
        `**A goal to write down.** ${rule.goal}`,
        "",
        `**Example** (\`${rule.example.file}\`): ${rule.level === "celebratory" ? "before" : "what it flags"}`,
        "",
        fence(rule.example.language, rule.example.bad),
        "",
        rule.level === "celebratory" ? "and what it celebrates:" : "and a better version:",
        "",
        fence(rule.example.language, rule.example.good),
        "",
        `**Learn more:** ${rule.learnMore.map((u) => `<${u}>`).join(", ")}`,
        "",
      );
    }
  }
  return out.join("\n");
}

/** GitHub's heading anchor for a rule id heading (`### area/name`). */
const anchor = (id: string) => id.replace(/[^a-z0-9 -]/g, "").replace(/ /g, "-");
