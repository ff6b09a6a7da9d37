// Reads a README for what the project promises: vague learning goals, and specific, measurable outcomes.
// Shared by documentation/vague-outcome and documentation/measurable-outcome.

/** The README's lines with code (fenced, indented, inline), HTML comments and link targets blanked; numbering kept. */
export function proseLines(lines: readonly string[]): string[] {
  let fence: string | null = null;
  let comment = false;
  return lines.map((raw) => {
    const line = raw.replace(/\r$/, "");
    const marker = /^\s*(```|~~~)/.exec(line)?.[1];
    if (fence) {
      if (marker === fence) fence = null;
      return "";
    }
    if (marker) {
      fence = marker;
      return "";
    }
    if (comment) {
      if (line.includes("-->")) comment = false;
      return "";
    }
    if (line.includes("<!--") && !line.includes("-->")) {
      comment = true;
      return line.slice(0, line.indexOf("<!--"));
    }
    if (/^( {4}|\t)\S/.test(line)) return "";
    return line
      .replace(/<!--.*?-->/g, "")
      .replace(/`[^`]*`/g, "")
      .replace(/!?\[([^\]]*)\]\([^)]*\)/g, "$1")
      .replace(/https?:\/\/\S+/g, "");
  });
}

const ML_LEARNING =
  /(machine|deep|reinforcement|transfer|federated|active|supervised|unsupervised|self-supervised|semi-supervised|contrastive|representation|in-context|few-shot|zero-shot|online|meta|multi-task|curriculum|statistical|e|ensemble|imitation|metric)[\s-]$/i;

/** Phrases that set learning (not a result) as the project's purpose. */
const VAGUE_GOALS: RegExp[] = [
  // "My project to learn AI", "this repo is for practising RAG", "a small experiment to learn LangChain"
  /\b(my|our|this|a|an)\s+(\w+\s+){0,3}(project|repo|repository|attempt|exercise|experiment|playground|sandbox|journey)\s+(is\s+)?(\w+\s+){0,2}(to|for)\s+(learn|learning|practi[cs]e|practi[cs]ing)\b(?!\s+more\b)/i,
  // "I built this to learn RAG", "I made it as a way to learn"
  /\b(I|we)\s+(\w+\s+){0,2}(built|made|created|wrote|started|am building|'m building)\s+(this|it|this project|the project|this repo|this app)\s+(as\s+(a\s+)?(way|means)\s+|in\s+order\s+|mainly\s+|mostly\s+|purely\s+)?(to|for)\s+(learn|learning|practi[cs]e|practi[cs]ing)\b(?!\s+more\b)/i,
  // "for learning purposes", "a learning project", "part of my learning journey"
  /\b(learning)\s+(project|exercise|purposes?|journey|experience)\b/i,
  /\b(toy|practice|pet|hobby|weekend|side|homework|bootcamp|course|class|school)\s+project\b/i,
  /\b(just|purely|mainly)\s+for\s+(fun|practice|learning)\b/i,
  // "my project for week 4 of the AI engineering course"
  /\b(my|our|this|a)\s+(\w+\s+){0,2}(project|repo|assignment)\s+for\s+(week|day|module|lesson|part|chapter|the|a|my)\b[^.]{0,40}\b(course|class|bootcamp|tutorial|program|programme|curriculum|challenge)\b/i,
  // "I'm learning AI engineering and ...", "built while learning about RAG"
  /\b(I'm|I am|I'm currently|I am currently)\s+learning\b/i,
  /\bwhile\s+(I\s+was\s+|I'm\s+|I\s+am\s+)?learning\b/i,
];

export interface VagueGoal {
  /** 1-based line of the README. */
  line: number;
  /** The phrase, extended to the end of its sentence. */
  quote: string;
}

/** The first phrase of the README that makes learning the goal, or null. */
export function vagueGoal(prose: readonly string[]): VagueGoal | null {
  for (let i = 0; i < prose.length; i++) {
    const line = prose[i]!.replace(/^\s*(#+|[-*+>]|\d+\.)\s*/, "");
    for (const pattern of VAGUE_GOALS) {
      const m = pattern.exec(line);
      if (!m) continue;
      if (/^learning/i.test(m[0]) && ML_LEARNING.test(line.slice(0, m.index))) continue;
      const start = line.lastIndexOf(". ", m.index) + 1;
      const sentence = line
        .slice(start)
        .trim()
        .split(/(?<=[.!?])\s/)[0]!
        .replace(/[*_]/g, "")
        .trim();
      const trimmed = sentence.replace(/^[^\w"'(]+/, "");
      const quote = trimmed.length > 80 ? `${trimmed.slice(0, 77)}...` : trimmed;
      return { line: i + 1, quote };
    }
  }
  return null;
}

const METRIC = String.raw`accuracy|precision|recall|f1([- ]score)?|auc|roc[- ]auc|rmse|mae|mse|r2|r²|bleu|rouge(-\w+)?|latency|p50|p90|p95|p99|hit rate|hit@\d+|recall@\d+|mrr|ndcg|faithfulness|relevancy|error rate|wer|perplexity|exact match|pass rate|success rate`;
/** A metric next to a number: "accuracy of 0.87", "F1: 91%", "0.62 MRR", "p95 latency 1.2 s". */
const METRIC_NUMBER = new RegExp(
  String.raw`\b(${METRIC})\b(\s*@\s*\d+)?[\s:=~≈]*((of|is|was|at|reaches|reached|around|about|above|over|improved to|went up to|from \S+ to)\s+)?\d|\b\d+(\.\d+)?\s?%?\s+(\w+\s+)?\b(${METRIC})\b`,
  "i",
);
/** A count against a total: "18 of 20", "45/50", "17 of my 20", "21 out of the 25". */
const RATIO = String.raw`\d+\s*(?:\/|out of|of)\s*(?:(?:the|my|our|their|its|these|those|all)\s+)?\d+`;
/** A result counted against a total: "18 of 20 questions answered correctly", "passes 45/50 test cases". */
const COUNTED_RESULT = new RegExp(
  String.raw`\b${RATIO}\s+(\w+\s+){0,3}(questions?|answers?|cases|tests?|queries|examples|prompts|samples)\b|\b(correct|right|accurate|answered|passe?s?d?)\b[^.\n]{0,30}\b${RATIO}\b|\b\d+\s*(\/|out of)\s*\d+\s+(correct|right|pass(ed)?)\b`,
  "i",
);
/** A percentage tied to an outcome word in the same sentence. */
const OUTCOME_PERCENT =
  /\b(correct|right|accura\w*|answer\w*|pass\w*|success\w*|reduc\w*|improv\w*|faster|cheaper|fewer|less|more|hit|match\w*|retriev\w*|found)\b[^.\n]{0,40}\b\d+(\.\d+)?\s?%|\b\d+(\.\d+)?\s?%[^.\n]{0,40}\b(correct|right|accura\w*|of (the )?(questions|answers|cases|queries)|pass\w*|success\w*|faster|cheaper|fewer|less|hit|match\w*)\b/i;
/** A time or cost target: "answers in under 2 seconds", "costs $0.01 per question". */
const TIME_OR_COST =
  /\b(under|below|within|less than|at most)\s+\d+(\.\d+)?\s?(ms|milliseconds?|s|secs?|seconds?|minutes?)\b|\$\s?\d+(\.\d+)?\s*(per|\/|a)\s*\w+|\b\d+(\.\d+)?\s?(cents?|usd)\s*(per|\/|a)\s*\w+/i;

/** The first line of the text that states a specific, measurable outcome, or null. */
export function measurableOutcome(lines: readonly string[]): { line: number; text: string } | null {
  for (let i = 0; i < lines.length; i++) {
    const line = withNextLine(lines, i);
    if (
      METRIC_NUMBER.test(line) ||
      COUNTED_RESULT.test(line) ||
      OUTCOME_PERCENT.test(line) ||
      TIME_OR_COST.test(line)
    ) {
      return {
        line: i + 1,
        text: line
          .trim()
          .replace(/^(#+|[-*+>]|\d+\.)\s+/, "")
          .replace(/\*\*|__/g, "")
          .replace(/^[^\w"'($]+/, ""),
      };
    }
  }
  return null;
}

/** Looser than `measurableOutcome`, to decide when to say nothing: any percentage, ratio, metric with a number, time, cost or multiple. */
const ANY_MEASURE = new RegExp(
  [
    String.raw`\d\s?%`,
    String.raw`\b\d+\s*(\/|out of)\s*\d+\b`,
    String.raw`\b(${METRIC}|score|error|loss)\b[^\n]*\d|\d[^\n]*\b(${METRIC})\b`,
    String.raw`\b\d+(\.\d+)?\s?(ms|milliseconds?|s|secs?|seconds?|minutes?|hours?|tokens?|x|×)(?!\w)`,
    String.raw`\$\s?\d|\b\d+(\.\d+)?\s?(cents?|usd|eur)\b`,
    String.raw`\b(half|twice|double[sd]?|triple[sd]?|\d+\s*times)\b`,
  ].join("|"),
  "i",
);

/** Whether the text says anything measurable at all (generous: used to stay quiet). */
export const mentionsMeasure = (lines: readonly string[]): boolean =>
  measurableOutcome(lines) !== null || lines.some((_, i) => ANY_MEASURE.test(withNextLine(lines, i)));

/**
 * The line, joined with the next when a paragraph wraps onto it ("17 of" / "my 20 questions right"): Markdown
 * paragraphs are often wrapped at 100 columns, and a result can straddle the break.
 */
function withNextLine(lines: readonly string[], i: number): string {
  const line = lines[i]!;
  const next = lines[i + 1];
  if (line.trim() === "" || next === undefined || /^\s*($|#|[-*+>|]\s|\d+\.\s)/.test(next)) return line;
  return `${line} ${next.trim()}`;
}

export const isRootReadme = (path: string): boolean => /^readme(\.(md|markdown|rst|txt))?$/i.test(path);
