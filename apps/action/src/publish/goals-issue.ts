// The learning-goals issue, kept by label and marker: learnloop owns one block in it, the learner owns the rest.
import { AREA_TITLES, type Goal } from "@learnloop/core";
import { writing } from "../errors.js";
import type { GitHub } from "../github.js";
import { plainText } from "./safe-markdown.js";

export const GOALS_LABEL = "learning-goals";
export const GOALS_MARKER = "<!-- learnloop:goals -->";
const START = "<!-- learnloop:goals:start -->";
const END = "<!-- learnloop:goals:end -->";
const GOAL_LINE = /^- \[( |x|X)\] (.*?) <!-- goal:([^ ]+) -->$/;

interface BlockGoal {
  id: string;
  done: boolean;
  line: string;
}

/** Goals in learnloop's block as they stand now (with the learner's ticks). */
function readBlock(body: string): BlockGoal[] {
  const start = body.indexOf(START);
  const end = body.indexOf(END);
  if (start === -1 || end < start) return [];
  return body
    .slice(start, end)
    .split(/\r?\n/)
    .flatMap((line) => {
      const m = GOAL_LINE.exec(line.trim());
      return m ? [{ id: m[3]!, done: m[1] !== " ", line: line.trim() }] : [];
    });
}

export interface GoalsEvidence {
  /** Where the run happened, e.g. "#12" or a short commit, used when a goal's gap is gone. */
  label: string;
}

/**
 * The new block: open goals from this review; a goal the learner ticked stays ticked; a goal whose gap
 * this full review no longer sees is ticked with evidence. Only `full` reviews may tick (a PR sees part of the repo).
 */
export function renderBlock(
  previous: BlockGoal[],
  goals: readonly Goal[],
  full: boolean,
  evidence: GoalsEvidence,
): string {
  const current = new Map(goals.map((g) => [g.id, g]));
  const lines: string[] = [];
  for (const g of goals) {
    const before = previous.find((p) => p.id === g.id);
    lines.push(
      `- [${before?.done ? "x" : " "}] ${plainText(g.text)} (${AREA_TITLES[g.area]}) <!-- goal:${g.id} -->`,
    );
  }
  for (const p of previous) {
    if (current.has(p.id)) continue;
    if (p.done || !full) lines.push(p.line);
    else
      lines.push(
        p.line.replace(/^- \[ \] (.*?) <!-- goal:/, `- [x] $1 · shown in ${evidence.label} <!-- goal:`),
      );
  }
  return [
    START,
    ...(lines.length > 0 ? lines : ["- [ ] No gaps found yet: add your own goals below."]),
    END,
  ].join("\n");
}

export function initialBody(block: string, outcome: string | undefined): string {
  return [
    GOALS_MARKER,
    "## 🎯 My learning goals",
    "",
    outcome
      ? `**What I am building:** ${plainText(outcome)}`
      : "**What I am building:** (write one specific, measurable sentence here)",
    "",
    "learnloop keeps the list between the markers up to date from its reviews and ticks a goal when a review shows the skill. Everything outside it is yours: add your own goals, notes and links anywhere.",
    "",
    block,
    "",
    "### My own goals",
    "",
    "- [ ] ",
  ].join("\n");
}

/** Replaces only learnloop's block; a body whose markers were removed by hand gets the block appended. */
export function mergeBody(body: string, block: string): string {
  const start = body.indexOf(START);
  const end = body.indexOf(END);
  if (start === -1 || end < start) return `${body.replace(/\s*$/, "")}\n\n${block}\n`;
  return body.slice(0, start) + block + body.slice(end + END.length);
}

export interface GoalsIssueRun {
  github: GitHub;
  repo: { owner: string; repo: string };
  goals: readonly Goal[];
  full: boolean;
  evidence: GoalsEvidence;
  outcome?: string;
  reopen: boolean;
}

export async function updateGoalsIssue(run: GoalsIssueRun): Promise<number | null> {
  const { github, repo } = run;
  const issues = await github.paginate(github.rest.issues.listForRepo, {
    ...repo,
    labels: GOALS_LABEL,
    state: "all",
    per_page: 100,
  });
  const issue = issues.find((i) => !i.pull_request && i.body?.includes(GOALS_MARKER));
  if (!issue) {
    const block = renderBlock([], run.goals, run.full, run.evidence);
    // GitHub creates a label named on a new issue if the repository lacks it: no separate request.
    return writing("create the learning-goals issue", "issues: write", async () => {
      const { data } = await github.rest.issues.create({
        ...repo,
        title: "My learning goals",
        labels: [GOALS_LABEL],
        body: initialBody(block, run.outcome),
      });
      return data.number;
    });
  }
  if (issue.state === "closed" && !run.reopen) return issue.number;
  // Re-read right before writing: another run (a second PR) or the learner may have edited it since the list.
  const { data: fresh } = await github.rest.issues.get({ ...repo, issue_number: issue.number });
  const body = fresh.body ?? "";
  const next = mergeBody(body, renderBlock(readBlock(body), run.goals, run.full, run.evidence));
  if (next === body && fresh.state === "open") return issue.number;
  await writing("update the learning-goals issue", "issues: write", () =>
    github.rest.issues.update({
      ...repo,
      issue_number: issue.number,
      body: next,
      ...(run.reopen ? { state: "open" as const } : {}),
    }),
  );
  return issue.number;
}
