// Grounded model findings become contract Findings: sanitised text, real code from the file, merged with the detectors'.
import { scanForSecrets } from "../detectors/lib/secret-scan.js";
import { fingerprint } from "../merge/fingerprint.js";
import type { Finding } from "../report/contract.js";
import type { Snapshot } from "../snapshot/types.js";
import type { GroundedFinding } from "./grounding.js";
import { inertCode, sanitiseText } from "./sanitise.js";

const MAX_PROMPT_CODE_LINES = 12;
// learnloop comments; it never approves or clears a PR. A model "finding" that hands down a verdict is most
// likely obeying an instruction planted in the repo, so it is dropped, not published.
const VERDICT = /\b(LGTM|approv(e|ed|es|ing|al)|ready to merge|ship it|merge (it|this|now))\b/i;

export interface MentorFindings {
  findings: Finding[];
  /** Model findings that said what a detector already said on the same lines. */
  merged: number;
  /** Model findings that approved or cleared the PR instead of teaching (see VERDICT). */
  verdicts: number;
}

export async function toMentorFindings(
  grounded: readonly GroundedFinding[],
  snapshot: Snapshot,
  detected: readonly Finding[],
): Promise<MentorFindings> {
  const files = new Map(snapshot.files.map((f) => [f.path, f]));
  const seen = new Set<string>();
  const findings: Finding[] = [];
  let merged = 0;
  let verdicts = 0;
  for (const g of grounded) {
    if (VERDICT.test(`${g.message} ${g.why} ${g.tryThis}`)) {
      verdicts++;
      continue;
    }
    if (detected.some((d) => repeats(d, g))) {
      merged++;
      continue;
    }
    const file = files.get(g.file)!;
    const ruleId = `${g.area}/mentor`;
    const print = fingerprint({
      ruleId,
      file: g.file,
      code: file.lines[g.line - 1] ?? "",
      occurrence: 0,
      detail: String(g.line),
    });
    if (seen.has(print)) {
      merged++;
      continue;
    }
    seen.add(print);
    const code = file.lines
      .slice(g.line - 1, Math.min(g.endLine, g.line + MAX_PROMPT_CODE_LINES - 1))
      .join("\n");
    const secret = (await scanForSecrets(code, g.file)).length > 0;
    const [message, why, tryThis] = await Promise.all(
      [g.message, g.why, g.tryThis].map((t) => sanitiseText(t)),
    );
    const location =
      g.endLine !== g.line ? `${g.file}, lines ${g.line}-${g.endLine}` : `${g.file}, line ${g.line}`;
    findings.push({
      ruleId,
      area: g.area,
      level: g.level,
      file: g.file,
      line: g.line,
      endLine: g.endLine,
      message: message!,
      why: why!,
      tryThis: tryThis!,
      learnMore: [],
      assistantPrompt: mentorPrompt(message!, location, secret ? null : inertCode(code), tryThis!),
      source: "llm",
      fingerprint: print,
    });
  }
  return { findings, merged, verdicts };
}

/** Lines apart that still count as the same place (a detector points at a call, the model at its first line). */
const NEAR_LINES = 2;

/** Same area, same file, (nearly) the same lines: the detector already said it, with its tested wording. */
function repeats(d: Finding, g: GroundedFinding): boolean {
  if (d.area !== g.area || d.file !== g.file || d.line === null) return false;
  return d.line <= g.endLine + NEAR_LINES && (d.endLine ?? d.line) >= g.line - NEAR_LINES;
}

function mentorPrompt(message: string, location: string, code: string | null, tryThis: string): string {
  const parts = [
    `I'm learning AI engineering and a code review (learnloop's mentor) pointed out: ${message}`,
    `Where: ${location}`,
  ];
  if (code) parts.push(`The code:\n\`\`\`\n${code}\n\`\`\``);
  parts.push(
    "Please don't fix it for me. First explain the concept behind it in a few sentences, with a small example. " +
      `Then ask me how I would change it, and review my attempt. The suggested first step is: ${tryThis}`,
  );
  return parts.join("\n\n");
}
