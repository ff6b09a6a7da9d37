// The learning-goals issue, found by label and marker: the goals model merges each review into it, losing no learner word.
import { type AgentOptions, type Evidence, GOALS_MARKER, type Report } from "@learnloop/core";
import { type MergeResult, mergeReview, parseGoalsBody, renderGoalsBody } from "@learnloop/core/goals";
import { writing } from "../errors.js";
import { type GitHub, statusOf } from "../github.js";

export const GOALS_LABEL = "learning-goals";
export const GOALS_TITLE = "My learning goals";
/** Reads and merges again when the body moved under us; after this many tries, the run says so and stops. */
export const MAX_ATTEMPTS = 4;
const SETTLE_MS = 1_000;

export interface GoalsIssueRun {
  github: GitHub;
  repo: { owner: string; repo: string };
  report: Report;
  evidence: Evidence;
  /** A whole-project review; otherwise only `changed` files were seen. */
  full: boolean;
  changed?: readonly string[];
  outcome?: string;
  reopen: boolean;
  /** The mentor's model, when configured: it may improve the coaching's rewrites (one call per run). */
  agent?: AgentOptions;
  log: (message: string) => void;
  warn: (message: string) => void;
  /** How long to wait after a write before checking it is still there (a racing run's write lands in that gap). */
  settleMs?: number;
}

export interface GoalsIssueResult {
  number: number;
  /** What this review moved (null when the issue was left alone: closed, or over the size limit). */
  merge: MergeResult | null;
}

const isGoalsIssue = (body: string | null | undefined) =>
  Boolean(body?.includes(GOALS_MARKER) || body?.includes("<!-- learnloop:state "));

export async function updateGoalsIssue(run: GoalsIssueRun): Promise<GoalsIssueResult> {
  const { github, repo } = run;
  const options = { evidence: run.evidence, full: run.full, changed: run.changed, outcome: run.outcome };
  const rewriter =
    run.agent &&
    (await import("@learnloop/core/llm")).coachingRewriter(run.report, run.agent, (why) =>
      run.log(`learning-goals coaching kept its own rewrites: ${why}`),
    );
  const merge = async (body: string): Promise<MergeResult> => {
    const parsed = parseGoalsBody(body);
    let result = mergeReview(parsed.doc, run.report, options);
    if (rewriter && result.coaching.length > 0) {
      // A fresh parse each time: the merge above must not leak into the one that uses the rewrites.
      const rewrites = await rewriter(parseGoalsBody(body).doc, result.coaching);
      result = mergeReview(parseGoalsBody(body).doc, run.report, { ...options, rewrites });
    }
    for (const p of [...parsed.problems, ...result.problems]) run.warn(`learning-goals issue: ${p.message}`);
    return result;
  };

  const issues = await github.paginate(github.rest.issues.listForRepo, {
    ...repo,
    labels: GOALS_LABEL,
    state: "all",
    per_page: 100,
  });
  const found = issues.find((i) => !i.pull_request && isGoalsIssue(i.body));
  if (!found) return createIssue(run, await merge(""));
  if (found.state === "closed" && !run.reopen) {
    run.log(`learning-goals issue #${found.number} is closed: left alone (goals-issue: reopen reopens it)`);
    return { number: found.number, merge: null };
  }

  // Re-read right before writing: another run (a second PR) or the learner may have edited it since. If it moved
  // between our read and our write (updated_at), merge onto the new body; a merge that changes nothing means our
  // review is already in, which also confirms a write a racing run might have overwritten.
  let read = await readIssue(run, found.number);
  for (let attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
    const result = await merge(read.body);
    const next = renderGoalsBody(result.doc);
    const reopen = run.reopen && read.state === "closed";
    if (next === read.body && !reopen) return { number: found.number, merge: result };
    if (!result.fits) {
      run.warn(
        `learning-goals issue #${found.number} is too long to update: ${result.problems.at(-1)?.message}`,
      );
      return { number: found.number, merge: null };
    }
    const check = await readIssue(run, found.number);
    if (check.updatedAt !== read.updatedAt || check.body !== read.body) {
      run.log(`learning-goals issue #${found.number} changed while merging: merging again`);
      read = check;
      continue;
    }
    await writing("update the learning-goals issue", "issues: write", () =>
      github.rest.issues.update({
        ...repo,
        issue_number: found.number,
        body: next,
        ...(reopen ? { state: "open" as const } : {}),
      }),
    );
    // GitHub has no conditional update for issues: two runs can both pass the check above and write one after the
    // other. Each looks again a moment after writing and merges its review back in if the other run's write won.
    await new Promise((resolve) => setTimeout(resolve, run.settleMs ?? SETTLE_MS));
    read = await readIssue(run, found.number);
    if (read.body === next) return { number: found.number, merge: result };
    run.log(`learning-goals issue #${found.number} was written by someone else just after us: merging again`);
  }
  run.warn(
    `learning-goals issue #${found.number} kept changing while learnloop merged; the next run will catch up`,
  );
  return { number: found.number, merge: null };
}

async function readIssue(run: GoalsIssueRun, number: number) {
  const { data } = await run.github.rest.issues.get({ ...run.repo, issue_number: number });
  return { body: data.body ?? "", updatedAt: data.updated_at, state: data.state };
}

async function createIssue(run: GoalsIssueRun, result: MergeResult): Promise<GoalsIssueResult> {
  const { github, repo } = run;
  await writing("create the learning-goals label", "issues: write", async () => {
    try {
      await github.rest.issues.createLabel({
        ...repo,
        name: GOALS_LABEL,
        color: "0e8a16",
        description: "Your learning goals, kept up to date by learnloop",
      });
    } catch (error) {
      // 422: the label exists already (the learner made it, or deleted the issue and kept the label).
      if (statusOf(error) !== 422) throw error;
    }
  });
  return writing("create the learning-goals issue", "issues: write", async () => {
    const { data } = await github.rest.issues.create({
      ...repo,
      title: GOALS_TITLE,
      labels: [GOALS_LABEL],
      body: renderGoalsBody(result.doc),
    });
    return { number: data.number, merge: result };
  });
}
