// A pull request run: review what the PR changed, post one review with inline comments, keep one summary.
import {
  type AgentOptions,
  type ChangedFile,
  changedFilesFromDiff,
  type LearnloopConfig,
  type Report,
  review,
} from "@learnloop/core";
import { writing } from "./errors.js";
import { type GitHub, statusOf } from "./github.js";
import { asUnifiedDiff, commentableLines } from "./pr/commentable-lines.js";
import { inlineCommentBody, planInline } from "./publish/inline-comments.js";
import { fingerprintOf, readState, SUMMARY_MARKER } from "./publish/markers.js";
import { renderSummary, type SummaryGoals } from "./publish/summary.js";
import { loadSnapshot } from "./snapshot-source.js";

/** Beyond this many files, the least relevant are left out (and named in the summary). */
export const MAX_REVIEWED_FILES = 300;

export interface PullRequestRun {
  github: GitHub;
  repo: { owner: string; repo: string };
  number: number;
  head: string;
  workspace: string | null;
  config: LearnloopConfig;
  maxInline: number;
  /** false on a fork's read-only token: review, but write nothing to the PR. */
  canWrite: boolean;
  log: (message: string) => void;
  /** The LLM mentor, when a key or base URL is configured. */
  agent?: AgentOptions;
  /** Merges the review into the goals issue before the summary is written, so the summary can say what moved. */
  goals?: (report: Report, changed: readonly string[]) => Promise<SummaryGoals | null>;
}

export interface PullRequestResult {
  report: Report;
  summaryUrl: string | null;
  summaryBody: string;
  inlinePosted: number;
  source: "checkout" | "api";
}

interface PrFile {
  filename: string;
  status: string;
  patch?: string;
  changes: number;
}

/** Code first, then by size of change: what a mentor would read first. */
function relevance(file: PrFile): number {
  const code = /\.(py|ipynb|[cm]?[jt]sx?)$/.test(file.filename) ? 0 : 1;
  return code * 1e9 - file.changes;
}

export async function reviewPullRequest(run: PullRequestRun): Promise<PullRequestResult> {
  const { github, repo, number } = run;
  const prFiles = (await github.paginate(github.rest.pulls.listFiles, {
    ...repo,
    pull_number: number,
    per_page: 100,
  })) as PrFile[];
  const present = prFiles.filter((f) => f.status !== "removed");
  const ranked = [...present].sort((a, b) => relevance(a) - relevance(b));
  const reviewed = ranked.slice(0, MAX_REVIEWED_FILES);
  const leftOut = ranked.slice(MAX_REVIEWED_FILES).map((f) => f.filename);

  const changes: ChangedFile[] = reviewed.flatMap((f) =>
    f.patch
      ? changedFilesFromDiff(asUnifiedDiff(f.filename, f.patch, f.status))
      : [
          {
            path: f.filename,
            status: f.status === "added" ? "added" : "modified",
            addedLines: new Set<number>(),
          },
        ],
  );
  const commentable = new Map(reviewed.map((f) => [f.filename, commentableLines(f.patch)]));

  // What earlier runs left: the summary (with its state) and the fingerprints of inline comments.
  const [issueComments, reviewComments] = await Promise.all([
    github.paginate(github.rest.issues.listComments, { ...repo, issue_number: number, per_page: 100 }),
    github.paginate(github.rest.pulls.listReviewComments, { ...repo, pull_number: number, per_page: 100 }),
  ]);
  const summaryComment = issueComments.find((c) => c.body?.startsWith(SUMMARY_MARKER));
  const previous = readState(summaryComment?.body);
  const posted = new Set(
    reviewComments.map((c) => fingerprintOf(c.body)).filter((fp): fp is string => fp !== null),
  );

  const loaded = await loadSnapshot({
    github,
    repo,
    sha: run.head,
    workspace: run.workspace,
    changed: new Set(changes.map((c) => c.path)),
    config: run.config,
    name: `${repo.owner}/${repo.repo}#${number}`,
  });
  loaded.snapshot.changes = changes;
  const report = await review(loaded.snapshot, { config: run.config, agent: run.agent });

  // After a new push, only lines changed since the last reviewed head get new inline comments;
  // after a force-push (the old head is no longer an ancestor) the whole PR is in scope again.
  const since =
    previous && previous.head !== run.head
      ? await linesChangedSince(github, repo, previous.head, run.head)
      : null;
  const inScope = since ? intersect(commentable, since) : commentable;
  const plan = planInline(report.findings, inScope, posted, run.maxInline);

  let inlinePosted = 0;
  const notInline = [...plan.summaryOnly];
  if (run.canWrite && plan.inline.length > 0) {
    const result = await postInline(run, plan.inline);
    inlinePosted = result.posted;
    notInline.push(...result.failed);
  } else if (!run.canWrite) notInline.push(...plan.inline);

  const goals = run.canWrite && run.goals ? await run.goals(report, [...commentable.keys()]) : null;
  const summary = renderSummary({
    goals,
    report,
    head: run.head,
    previous,
    notInline,
    inlineCount: inlinePosted,
    outcome: run.config.outcome,
    tone: run.config.tone,
    leftOut,
  });
  let summaryUrl: string | null = null;
  if (run.canWrite) {
    summaryUrl = await writing("write the summary comment", "pull-requests: write", async () => {
      const { data } = summaryComment
        ? await github.rest.issues.updateComment({
            ...repo,
            comment_id: summaryComment.id,
            body: summary.body,
          })
        : await github.rest.issues.createComment({ ...repo, issue_number: number, body: summary.body });
      return data.html_url;
    });
  }
  return { report, summaryUrl, summaryBody: summary.body, inlinePosted, source: loaded.source };
}

/** One review holding every inline comment; if GitHub rejects the batch, one comment at a time. */
async function postInline(run: PullRequestRun, findings: PullRequestResult["report"]["findings"]) {
  const { github, repo, number } = run;
  const comments = findings.map((f) => ({
    path: f.file!,
    line: f.line!,
    side: "RIGHT" as const,
    body: inlineCommentBody(f, run.config.tone),
  }));
  try {
    await writing("post a pull request review", "pull-requests: write", () =>
      github.rest.pulls.createReview({
        ...repo,
        pull_number: number,
        commit_id: run.head,
        event: "COMMENT",
        body: `learnloop left ${comments.length} comment${comments.length === 1 ? "" : "s"} on the changed lines; the summary comment has the whole review.`,
        comments,
      }),
    );
    return { posted: comments.length, failed: [] };
  } catch (error) {
    if (statusOf(error) !== 422) throw error;
    run.log(`GitHub rejected the review batch (422); posting the ${comments.length} comments one by one`);
  }
  let posted = 0;
  const failed: typeof findings = [];
  for (const [i, comment] of comments.entries()) {
    try {
      await writing("post a review comment", "pull-requests: write", () =>
        github.rest.pulls.createReviewComment({
          ...repo,
          pull_number: number,
          commit_id: run.head,
          ...comment,
        }),
      );
      posted += 1;
    } catch (error) {
      if (statusOf(error) !== 422) throw error;
      failed.push(findings[i]!);
    }
  }
  return { posted, failed };
}

/** New-side lines changed between two commits, or null when `from` is not an ancestor of `to` (force-push). */
async function linesChangedSince(
  github: GitHub,
  repo: { owner: string; repo: string },
  from: string,
  to: string,
): Promise<Map<string, Set<number>> | null> {
  try {
    const { data } = await github.rest.repos.compareCommitsWithBasehead({
      ...repo,
      basehead: `${from}...${to}`,
    });
    if (data.status !== "ahead") return null;
    return new Map((data.files ?? []).map((f) => [f.filename, commentableLines(f.patch)]));
  } catch (error) {
    if (statusOf(error) === 404) return null;
    throw error;
  }
}

function intersect(
  all: ReadonlyMap<string, ReadonlySet<number>>,
  since: ReadonlyMap<string, ReadonlySet<number>>,
) {
  const out = new Map<string, Set<number>>();
  for (const [file, lines] of all) {
    const recent = since.get(file);
    if (recent) out.set(file, new Set([...lines].filter((l) => recent.has(l))));
  }
  return out;
}
