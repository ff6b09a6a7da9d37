// Goal coaching: notices a vague outcome or goal ("learn AI") and offers one specific rewrite built from what the repo does.
import { mentionsMeasure } from "../detectors/lib/readme-outcome.js";
import type { RuleMeta } from "../detectors/types.js";
import type { Area } from "../report/areas.js";
import type { Finding, Report } from "../report/contract.js";
import { guessArea } from "./to-goals.js";

export interface Coaching {
  subject: "outcome" | "goal";
  /** The learner's words, as they wrote them. */
  quote: string;
  /** One specific rewrite to consider. */
  rewrite: string;
}

const BROAD =
  /\b(ai|a\.i\.|ml|machine learning|deep learning|llms?|gen ?ai|generative ai|data science|nlp|python|coding|programming|rag|langchain|agents?|neural networks?|transformers?|prompt engineering|ai engineering|everything|stuff|things|more)\b/i;
const VAGUE_VERB =
  /^(i want to\s+|to\s+)?(learn|understand|get (better|good) at|improve|master|study|know|be (better|good) at|explore|play (around )?with|dive (into|deeper)|get into|practi[cs]e|grasp|figure out)\b/i;

/** Vague: a broad subject with no object or measure, or too few words to be checked off. */
export function isVague(text: string): boolean {
  const t = text.replace(/[*_`]/g, "").trim();
  if (t === "" || /\d/.test(t) || mentionsMeasure([t])) return false;
  const words = t.split(/\s+/);
  if (VAGUE_VERB.test(t) && (BROAD.test(t) || words.length <= 4)) return true;
  if (words.length <= 2) return true;
  return words.every((w) => BROAD.test(w) || /^(and|or|the|a|an|to|of|in|with|about|some|all)$/i.test(w));
}

type Kind = "rag" | "llm" | "ml" | "code";

function kindOf(findings: readonly Finding[]): Kind {
  const says = (re: RegExp) =>
    findings.some((f) => re.test(f.ruleId) || (f.file !== null && re.test(f.file)));
  if (says(/rag|retriev|embed|chunk|vector/i)) return "rag";
  if (
    findings.some((f) => f.area === "llm-reliability" || f.area === "llm-mechanics") ||
    says(/llm|prompt|openai/i)
  )
    return "llm";
  if (findings.some((f) => f.area === "ml-methodology")) return "ml";
  return "code";
}

/** The code file most findings point at: where the project's work happens. */
function mainFile(findings: readonly Finding[]): string | null {
  const counts = new Map<string, number>();
  for (const f of findings)
    if (f.file && /\.(py|ipynb|[cm]?[jt]sx?)$/.test(f.file))
      counts.set(f.file, (counts.get(f.file) ?? 0) + 1);
  return [...counts].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))[0]?.[0] ?? null;
}

function outcomeRewrite(kind: Kind, file: string | null): string {
  const where = file ? ` (${file})` : "";
  switch (kind) {
    case "rag":
      return `A question-answering bot over my documents${where} that answers 18 of 20 test questions correctly and cites the source`;
    case "llm":
      return `An LLM app${where} that gives valid, correct answers for 45 of 50 test inputs, each in under 3 seconds`;
    case "ml":
      return `A model${where} that beats a simple baseline by 5 points of accuracy on a held-out test set`;
    case "code":
      return `A tool${where} that does one job well, checked by 10 tests that run on every push`;
  }
}

function goalRewrite(text: string, report: Report, metaOf: (id: string) => RuleMeta | undefined): string {
  const gaps = report.findings.filter((f) => f.level === "essential" || f.level === "actionable");
  const area: Area = guessArea(text);
  const pick = gaps.find((f) => f.area === area) ?? gaps[0];
  const meta = pick ? metaOf(pick.ruleId) : undefined;
  if (pick && meta) return pick.file ? `${meta.goal} (start with ${pick.file})` : meta.goal;
  const file = mainFile(report.findings);
  return kindOf(report.findings) === "code"
    ? `Write 5 tests for ${file ?? "the main module"} that check what it returns, and run them on every push`
    : `Add an eval set of 20 questions with expected answers for ${file ?? "the app"} and report answer accuracy`;
}

export interface CoachInput {
  outcome?: string | null;
  /** The learner's own goals, as they wrote them. */
  goals: readonly string[];
}

/** At most one rewrite for the outcome and two for goals: a few kind words, not a lecture. */
export function coach(
  input: CoachInput,
  report: Report,
  metaOf: (id: string) => RuleMeta | undefined,
): Coaching[] {
  const out: Coaching[] = [];
  if (input.outcome && isVague(input.outcome)) {
    out.push({
      subject: "outcome",
      quote: input.outcome,
      rewrite: outcomeRewrite(kindOf(report.findings), mainFile(report.findings)),
    });
  }
  for (const goal of input.goals.filter(isVague).slice(0, 2))
    out.push({ subject: "goal", quote: goal, rewrite: goalRewrite(goal, report, metaOf) });
  return out;
}

/**
 * One paragraph per coaching, recommendation first, then why: the one wording the issue, the PR summary and the
 * terminal share. `quote` makes the learner's and the rewrite's words safe where they go; `strong` marks the rewrite
 * (bold in Markdown, quotes in a terminal).
 */
export function coachingLines(
  coaching: readonly Coaching[],
  quote: (s: string) => string,
  strong: (s: string) => string = (s) => `**${s}**`,
): string[] {
  return coaching.map((c) =>
    c.subject === "outcome"
      ? `💡 Try an outcome you can check, like: ${strong(quote(c.rewrite))}. "${quote(c.quote)}" is a fine direction; a number tells you when you are done and what to build next.`
      : `💡 Your goal "${quote(c.quote)}" could become: ${strong(quote(c.rewrite))}. A specific goal is one you can finish and tick.`,
  );
}
