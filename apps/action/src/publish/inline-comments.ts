// Which findings become inline review comments (on lines GitHub accepts, not posted before) and their text.
import { AREA_TITLES, type Finding } from "@learnloop/core";
import { fingerprintMarker } from "./markers.js";
import { codeBlock, messageText } from "./safe-markdown.js";

export const LEVEL_BADGE: Record<Finding["level"], string> = {
  essential: "🔴 essential",
  actionable: "🟠 actionable",
  informative: "🔵 informative",
  celebratory: "🌟 strength",
};

export interface InlinePlan {
  /** New inline comments, most important first, within the limit. */
  inline: Finding[];
  /** Gaps that could not go inline: off the diff, over the limit, or without a line. */
  summaryOnly: Finding[];
  /** Gaps already commented on in an earlier run. */
  alreadyPosted: Finding[];
}

export function planInline(
  ranked: readonly Finding[],
  commentable: ReadonlyMap<string, ReadonlySet<number>>,
  posted: ReadonlySet<string>,
  maxInline: number,
): InlinePlan {
  const plan: InlinePlan = { inline: [], summaryOnly: [], alreadyPosted: [] };
  for (const finding of ranked) {
    if (finding.level === "celebratory") continue;
    if (posted.has(finding.fingerprint)) plan.alreadyPosted.push(finding);
    else if (
      finding.file !== null &&
      finding.line !== null &&
      // A notebook finding's line counts lines of the flattened code, not of the .ipynb JSON the diff shows.
      !finding.file.endsWith(".ipynb") &&
      commentable.get(finding.file)?.has(finding.line) &&
      plan.inline.length < maxInline
    ) {
      plan.inline.push(finding);
    } else plan.summaryOnly.push(finding);
  }
  return plan;
}

export function inlineCommentBody(finding: Finding, tone: "encouraging" | "concise"): string {
  const lines = [
    `**${LEVEL_BADGE[finding.level]} · ${AREA_TITLES[finding.area]}** · \`${finding.ruleId}\``,
    "",
    messageText(finding.message),
    "",
  ];
  if (tone !== "concise") lines.push(`**Why it matters:** ${messageText(finding.why)}`, "");
  lines.push(`**Try this:** ${messageText(finding.tryThis)}`, "");
  if (finding.learnMore.length > 0)
    lines.push(`Learn more: ${finding.learnMore.map((u) => `<${u}>`).join(" · ")}`, "");
  lines.push(
    "<details><summary>Pair on it with your AI assistant (paste this prompt)</summary>",
    "",
    codeBlock(finding.assistantPrompt),
    "",
    "</details>",
    "",
    fingerprintMarker(finding.fingerprint),
  );
  return lines.join("\n");
}
