// The operations the fake serves, keyed by GitHub's operationId. Requests reach a handler only after the
// route, parameters and body were checked against the OpenAPI description; handlers add GitHub's
// behaviour on top (404s, 422 rules such as "review comments must sit on diff lines", pagination).

import { type DiffLine, diffHunkFor, findLine, findPosition, parsePatch, type Side } from "./diff.js";
import {
  contentEntry,
  type RenderContext,
  renderCommit,
  renderContentFile,
  renderDiffFile,
  renderIssue,
  renderIssueComment,
  renderLabel,
  renderPull,
  renderRepo,
  renderReview,
  renderReviewComment,
  renderUser,
} from "./render.js";
import {
  associationOf,
  blobSha,
  type DiffFile,
  type GitHubState,
  type IssueState,
  type JsonObject,
  nodeId,
  type PullState,
  type RepoState,
  type ReviewCommentState,
  type ReviewState,
  type ReviewStateName,
  sha1,
  squashChanges,
  toDiffFiles,
  type User,
} from "./state.js";
import { makeTarball } from "./tarball.js";

export const BODY_LIMIT = 65_536;
/** Where this server plays codeload.github.com (archive downloads GitHub redirects to). */
export const CODELOAD_PREFIX = "/_codeload";
const DOCS = "https://docs.github.com/rest";

export interface HandlerRequest {
  state: GitHubState;
  ctx: RenderContext;
  /** Path and query parameters, coerced to their schema types, with schema defaults applied. */
  params: Record<string, unknown>;
  body: unknown;
  accept: string;
  /** The full request URL (for Link headers). */
  url: URL;
}

export interface HandlerResponse {
  status: number;
  body?: unknown;
  /** A non-JSON body (diffs, raw file content). */
  text?: string;
  /** A binary body (archives). */
  binary?: Buffer;
  contentType?: string;
  headers?: Record<string, string>;
}

export type Handler = (req: HandlerRequest) => HandlerResponse;

/** Thrown by handlers to answer with an error response. */
export class HttpError extends Error {
  constructor(readonly response: HandlerResponse) {
    super(String((response.body as { message?: unknown } | undefined)?.message ?? response.status));
  }
}

export function errorResponse(status: number, message: string, extra: JsonObject = {}): HandlerResponse {
  return { status, body: { message, ...extra, documentation_url: DOCS, status: String(status) } };
}

function notFound(message = "Not Found"): HttpError {
  return new HttpError(errorResponse(404, message));
}

function validationFailed(errors: JsonObject[]): HttpError {
  return new HttpError(errorResponse(422, "Validation Failed", { errors }));
}

function unprocessable(errors: string[]): HttpError {
  return new HttpError(errorResponse(422, "Unprocessable Entity", { errors }));
}

function tooLong(text: string | null | undefined): boolean {
  // GitHub counts characters (code points), not UTF-16 units or bytes.
  return typeof text === "string" && text.length > BODY_LIMIT && [...text].length > BODY_LIMIT;
}

// --- helpers ---------------------------------------------------------------------------------------------

type Body = Record<string, unknown>;

function bodyOf(req: HandlerRequest): Body {
  return req.body && typeof req.body === "object" && !Array.isArray(req.body) ? (req.body as Body) : {};
}

function str(params: Record<string, unknown>, name: string): string | undefined {
  const value = params[name];
  return value === undefined || value === null ? undefined : String(value);
}

function num(params: Record<string, unknown>, name: string): number {
  return Number(params[name]);
}

function repoOf(req: HandlerRequest): RepoState {
  const repo = req.state.repo(String(req.params.owner), String(req.params.repo));
  if (!repo) throw notFound();
  return repo;
}

function pullOf(req: HandlerRequest, repo: RepoState): PullState {
  const pull = repo.pulls.get(num(req.params, "pull_number"));
  if (!pull) throw notFound();
  return pull;
}

function issueOf(req: HandlerRequest, repo: RepoState): IssueState {
  const issue = repo.issues.get(num(req.params, "issue_number"));
  if (!issue) throw notFound();
  return issue;
}

function byCreated<T extends { created_at: string; id: number }>(a: T, b: T): number {
  return a.created_at.localeCompare(b.created_at) || a.id - b.id;
}

/** GitHub pagination: per_page (max 100, default 30), page, and a Link header with prev/next/last/first. */
function paginate<T>(
  req: HandlerRequest,
  items: T[],
  max = Number.POSITIVE_INFINITY,
): { page: T[]; headers: Record<string, string> } {
  const perPage = Math.min(100, Math.max(1, Number(req.params.per_page ?? 30) || 30));
  const page = Math.max(1, Number(req.params.page ?? 1) || 1);
  const all = items.slice(0, max);
  const last = Math.max(1, Math.ceil(all.length / perPage));
  const slice = all.slice((page - 1) * perPage, page * perPage);
  const link = (p: number, rel: string): string => {
    const url = new URL(req.url.href);
    url.searchParams.set("per_page", String(perPage));
    url.searchParams.set("page", String(p));
    return `<${url.href}>; rel="${rel}"`;
  };
  const links: string[] = [];
  if (page > 1) links.push(link(Math.min(page - 1, last), "prev"));
  if (page < last) links.push(link(page + 1, "next"), link(last, "last"));
  if (page > 1) links.push(link(1, "first"));
  return { page: slice, headers: links.length > 0 ? { link: links.join(", ") } : {} };
}

function list<T>(
  req: HandlerRequest,
  items: T[],
  render: (item: T) => unknown,
  max?: number,
): HandlerResponse {
  const { page, headers } = paginate(req, items, max);
  return { status: 200, body: page.map(render), headers };
}

function since(req: HandlerRequest): string | undefined {
  const value = str(req.params, "since");
  return value ? new Date(value).toISOString().replace(/\.\d{3}Z$/, "Z") : undefined;
}

// --- diffs ---------------------------------------------------------------------------------------------

function renderUnifiedDiff(files: DiffFile[]): string {
  return files
    .map((file) => {
      const from = file.previous_filename ?? file.filename;
      const head = [`diff --git a/${from} b/${file.filename}`];
      if (file.status === "added") head.push("new file mode 100644");
      if (file.status === "removed") head.push("deleted file mode 100644");
      if (file.status === "renamed") head.push(`rename from ${from}`, `rename to ${file.filename}`);
      head.push(
        `index ${sha1(`${from}:old`).slice(0, 7)}..${file.sha.slice(0, 7)}${file.status === "modified" ? " 100644" : ""}`,
      );
      if (file.patch === undefined)
        return `${head.join("\n")}\nBinary files a/${from} and b/${file.filename} differ\n`;
      head.push(file.status === "added" ? "--- /dev/null" : `--- a/${from}`);
      head.push(file.status === "removed" ? "+++ /dev/null" : `+++ b/${file.filename}`);
      return `${head.join("\n")}\n${file.patch}\n`;
    })
    .join("");
}

function wantsDiff(accept: string): "diff" | "patch" | undefined {
  if (/application\/vnd\.github(?:\.v3)?\.diff/.test(accept)) return "diff";
  if (/application\/vnd\.github(?:\.v3)?\.patch/.test(accept)) return "patch";
  return undefined;
}

// --- review comment anchoring --------------------------------------------------------------------------

interface CommentTarget {
  path: string;
  line?: number | undefined;
  side?: string | undefined;
  start_line?: number | undefined;
  start_side?: string | undefined;
  position?: number | undefined;
  subject_type?: string | undefined;
}

type Anchor = Pick<
  ReviewCommentState,
  "path" | "diff_hunk" | "position" | "line" | "side" | "start_line" | "start_side" | "subject_type"
>;

type AnchorFailure = "path" | "line" | "start-hunk" | "start-order";

/** Resolves a comment's location against the pull request's diff, following GitHub's rules. */
export function resolveAnchor(pull: PullState, target: CommentTarget): Anchor | AnchorFailure {
  const file = pull.files.find((f) => f.filename === target.path);
  if (!file) return "path";
  if (target.subject_type === "file") {
    return {
      path: file.filename,
      diff_hunk: file.patch ? (parsePatch(file.patch).hunks[0]?.header ?? "") : "",
      position: null,
      line: null,
      side: "RIGHT",
      start_line: null,
      start_side: null,
      subject_type: "file",
    };
  }
  if (!file.patch) return "line";
  const parsed = parsePatch(file.patch);
  let side: Side;
  let end: DiffLine | undefined;
  if (target.line !== undefined) {
    if (target.side !== undefined && target.side !== "LEFT" && target.side !== "RIGHT") return "line";
    side = (target.side as Side | undefined) ?? "RIGHT";
    end = findLine(parsed, target.line, side);
  } else if (target.position !== undefined) {
    end = findPosition(parsed, target.position);
    side = end?.kind === "del" ? "LEFT" : "RIGHT";
  } else {
    return "line";
  }
  if (!end) return "line";
  let startLine: number | null = null;
  let startSide: Side | null = null;
  if (target.start_line !== undefined) {
    const requested =
      target.start_side === undefined || target.start_side === "side" ? side : target.start_side;
    if (requested !== "LEFT" && requested !== "RIGHT") return "start-hunk";
    const start = findLine(parsed, target.start_line, requested);
    if (!start || start.hunk !== end.hunk) return "start-hunk";
    if (start.position >= end.position) return "start-order";
    startLine = target.start_line;
    startSide = requested;
  }
  return {
    path: file.filename,
    diff_hunk: diffHunkFor(parsed, end),
    position: end.position,
    line: side === "RIGHT" ? end.newLine! : end.oldLine!,
    side,
    start_line: startLine,
    start_side: startSide,
    subject_type: "line",
  };
}

const REVIEW_ANCHOR_ERRORS: Record<AnchorFailure, string> = {
  path: "Path could not be resolved",
  line: "Line could not be resolved",
  "start-hunk": "Pull request review thread start line must be part of the same hunk as the line.",
  "start-order": "Pull request review thread start line must precede the end line.",
};

const COMMENT_ANCHOR_ERRORS: Record<AnchorFailure, JsonObject> = {
  path: {
    resource: "PullRequestReviewComment",
    code: "custom",
    field: "pull_request_review_thread.path",
    message: "pull_request_review_thread.path must be part of the diff",
  },
  line: {
    resource: "PullRequestReviewComment",
    code: "custom",
    field: "pull_request_review_thread.line",
    message: "pull_request_review_thread.line must be part of the diff",
  },
  "start-hunk": {
    resource: "PullRequestReviewComment",
    code: "custom",
    field: "pull_request_review_thread.start_line",
    message: "pull_request_review_thread.start_line must be part of the same hunk as the line.",
  },
  "start-order": {
    resource: "PullRequestReviewComment",
    code: "custom",
    field: "pull_request_review_thread.start_line",
    message: "pull_request_review_thread.start_line must precede the end line.",
  },
};

function isPullCommit(repo: RepoState, pull: PullState, sha: string): boolean {
  return repo.commitsBetween(pull.baseSha, pull.headSha).some((c) => c.sha === sha);
}

function newReviewComment(
  req: HandlerRequest,
  repo: RepoState,
  pull: PullState,
  review: ReviewState,
  anchor: Anchor,
  body: string,
  inReplyTo?: number,
): ReviewCommentState {
  const id = req.state.nextId();
  const now = req.state.clock.tick();
  return {
    id,
    node_id: nodeId("PRRC", id),
    reviewId: review.id,
    pullNumber: pull.number,
    user: req.state.viewer,
    author_association: associationOf(repo, req.state.viewer),
    body,
    ...anchor,
    commit_id: review.commit_id,
    original_commit_id: review.commit_id,
    original_position: anchor.position,
    original_line: anchor.line,
    original_start_line: anchor.start_line,
    in_reply_to_id: inReplyTo,
    created_at: now,
    updated_at: now,
  };
}

function newReview(
  req: HandlerRequest,
  repo: RepoState,
  pull: PullState,
  state: ReviewStateName,
  body: string,
  commitId: string,
): ReviewState {
  const id = req.state.nextId();
  const now = req.state.clock.tick();
  return {
    id,
    node_id: nodeId("PRR", id),
    pullNumber: pull.number,
    user: req.state.viewer,
    author_association: associationOf(repo, req.state.viewer),
    body,
    state,
    commit_id: commitId,
    submitted_at: state === "PENDING" ? undefined : now,
    created_at: now,
    updated_at: now,
  };
}

const EVENT_STATE: Record<string, ReviewStateName> = {
  APPROVE: "APPROVED",
  REQUEST_CHANGES: "CHANGES_REQUESTED",
  COMMENT: "COMMENTED",
};

function checkReviewEvent(
  req: HandlerRequest,
  pull: PullState,
  event: string | undefined,
  body: string,
  hasComments: boolean,
): void {
  const own = pull.user.login.toLowerCase() === req.state.viewer.login.toLowerCase();
  if (event === "APPROVE" && own) throw unprocessable(["Can not approve your own pull request"]);
  if (event === "REQUEST_CHANGES" && own)
    throw unprocessable(["Can not request changes on your own pull request"]);
  if ((event === "REQUEST_CHANGES" || event === "COMMENT") && body.trim() === "" && !hasComments) {
    throw unprocessable([`Body is required when using ${event}`]);
  }
}

// --- issues --------------------------------------------------------------------------------------------

function labelNames(input: unknown): string[] {
  if (!Array.isArray(input)) return [];
  return input
    .map((l) =>
      typeof l === "string" ? l : l && typeof l === "object" ? (l as { name?: unknown }).name : undefined,
    )
    .filter((n): n is string => typeof n === "string" && n.trim() !== "");
}

function assigneesOf(req: HandlerRequest, body: Body): User[] | undefined {
  const logins: string[] = [];
  if (typeof body.assignee === "string" && body.assignee !== "") logins.push(body.assignee);
  if (Array.isArray(body.assignees)) {
    for (const a of body.assignees) {
      if (typeof a === "string") logins.push(a);
      else if (a && typeof a === "object" && typeof (a as { login?: unknown }).login === "string") {
        logins.push((a as { login: string }).login);
      }
    }
  }
  if (body.assignee === undefined && body.assignees === undefined) return undefined;
  return [...new Set(logins.map((l) => l.toLowerCase()))].map((l) => req.state.user(l));
}

function checkIssueBody(body: Body): void {
  if (tooLong(body.body as string | undefined)) {
    throw validationFailed([
      {
        resource: "Issue",
        code: "custom",
        field: "body",
        message: "body is too long (maximum is 65536 characters)",
      },
    ]);
  }
  if (body.milestone !== undefined && body.milestone !== null) {
    throw validationFailed([
      { value: body.milestone, resource: "Issue", field: "milestone", code: "invalid" },
    ]);
  }
}

function checkIssueCommentBody(body: unknown): string {
  const text = String(body ?? "");
  if (text.trim() === "") {
    throw validationFailed([{ resource: "IssueComment", code: "missing_field", field: "body" }]);
  }
  if (tooLong(text)) {
    throw validationFailed([
      {
        resource: "IssueComment",
        code: "unprocessable",
        field: "data",
        message: "Body is too long (maximum is 65536 characters)",
      },
    ]);
  }
  return text;
}

function checkReviewCommentBody(text: string): void {
  if (tooLong(text)) {
    throw validationFailed([
      {
        resource: "PullRequestReviewComment",
        code: "custom",
        field: "body",
        message: "body is too long (maximum is 65536 characters)",
      },
    ]);
  }
}

const LABEL_COLOR = /^[0-9a-fA-F]{6}$/;

// --- the operations ------------------------------------------------------------------------------------

export const HANDLERS: Record<string, Handler> = {
  "users/get-authenticated": (req) => {
    // Installation tokens (GITHUB_TOKEN) cannot read /user.
    if (req.state.viewer.type === "Bot")
      throw new HttpError(errorResponse(403, "Resource not accessible by integration"));
    return { status: 200, body: renderUser(req.ctx, req.state.viewer) };
  },

  "repos/get": (req) => ({ status: 200, body: renderRepo(req.ctx, repoOf(req), true) }),

  "repos/get-commit": (req) => {
    const repo = repoOf(req);
    const sha = repo.resolveRef(String(req.params.ref));
    const commit = sha ? repo.commits.get(sha) : undefined;
    if (!commit) throw new HttpError(errorResponse(422, `No commit found for SHA: ${req.params.ref}`));
    return { status: 200, body: renderCommit(req.ctx, repo, commit, true) };
  },

  // GitHub documents both spellings; the legacy one has separate {base} and {head} path parameters.
  "repos/compare-commits": (req) =>
    HANDLERS["repos/compare-commits-with-basehead"]!({
      ...req,
      params: { ...req.params, basehead: `${req.params.base}...${req.params.head}` },
    }),

  "repos/compare-commits-with-basehead": (req) => {
    const repo = repoOf(req);
    const basehead = String(req.params.basehead);
    const parts = basehead.includes("...") ? basehead.split("...") : basehead.split("..");
    if (parts.length !== 2) throw notFound();
    const [base, head] = parts.map((part) => {
      const colon = part.indexOf(":");
      if (colon >= 0 && part.slice(0, colon).toLowerCase() !== repo.owner.login.toLowerCase())
        return undefined;
      return repo.resolveRef(colon >= 0 ? part.slice(colon + 1) : part);
    });
    if (!base || !head) throw notFound();
    const ahead = repo.commitsBetween(base, head);
    const behind = repo.commitsBetween(head, base);
    const mergeBase = repo.mergeBase(base, head);
    const status =
      ahead.length === 0 && behind.length === 0
        ? "identical"
        : behind.length === 0
          ? "ahead"
          : ahead.length === 0
            ? "behind"
            : "diverged";
    const files = toDiffFiles(squashChanges(ahead.map((c) => c.seeds)));
    const diff = wantsDiff(req.accept);
    if (diff)
      return {
        status: 200,
        text: renderUnifiedDiff(files),
        contentType: `application/vnd.github.${diff}; charset=utf-8`,
      };
    const paginated = req.url.searchParams.has("page") || req.url.searchParams.has("per_page");
    const { page, headers } = paginated ? paginate(req, ahead) : { page: ahead.slice(0, 250), headers: {} };
    const baseUrl = `${req.ctx.api}/repos/${repo.fullName}`;
    const html = `https://github.com/${repo.fullName}/compare/${basehead}`;
    return {
      status: 200,
      headers,
      body: {
        url: `${baseUrl}/compare/${basehead}`,
        html_url: html,
        permalink_url: `https://github.com/${repo.fullName}/compare/${repo.owner.login}:${base.slice(0, 7)}...${repo.owner.login}:${head.slice(0, 7)}`,
        diff_url: `${html}.diff`,
        patch_url: `${html}.patch`,
        base_commit: renderCommit(req.ctx, repo, repo.commits.get(base)!),
        merge_base_commit: mergeBase ? renderCommit(req.ctx, repo, repo.commits.get(mergeBase)!) : null,
        status,
        ahead_by: ahead.length,
        behind_by: behind.length,
        total_commits: ahead.length,
        commits: page.map((c) => renderCommit(req.ctx, repo, c)),
        ...(req.url.searchParams.get("page") && req.url.searchParams.get("page") !== "1"
          ? {}
          : { files: files.map((f) => renderDiffFile(req.ctx, repo, f, head)) }),
      },
    };
  },

  // GitHub answers with a redirect to codeload; here codeload is a path of this server (see server.ts).
  "repos/download-tarball-archive": (req) => {
    const repo = repoOf(req);
    const ref = String(req.params.ref);
    const sha = repo.resolveRef(ref);
    if (!sha) throw notFound();
    return {
      status: 302,
      headers: { location: `${req.ctx.api}${CODELOAD_PREFIX}/${repo.fullName}/legacy.tar.gz/${sha}` },
    };
  },

  "repos/get-content": (req) => {
    const repo = repoOf(req);
    const ref = str(req.params, "ref") ?? repo.defaultBranch;
    const sha = repo.resolveRef(ref);
    if (!sha) throw notFound(`No commit found for the ref ${ref}`);
    const tree = repo.trees.get(sha) ?? new Map<string, string>();
    const path = String(req.params.path).replace(/^\/+|\/+$/g, "");
    const content = tree.get(path);
    if (content !== undefined) {
      if (/application\/vnd\.github(?:\.v3)?\.raw/.test(req.accept)) {
        return { status: 200, text: content, contentType: "application/vnd.github.raw; charset=utf-8" };
      }
      return { status: 200, body: renderContentFile(req.ctx, repo, path, ref, content, blobSha(content)) };
    }
    const prefix = `${path}/`;
    const children = new Map<string, { type: "file" | "dir"; size: number; sha: string }>();
    for (const [file, text] of tree) {
      if (!file.startsWith(prefix)) continue;
      const [name, ...rest] = file.slice(prefix.length).split("/");
      const child = `${prefix}${name}`;
      if (rest.length === 0)
        children.set(child, { type: "file", size: Buffer.byteLength(text), sha: blobSha(text) });
      else if (!children.has(child))
        children.set(child, { type: "dir", size: 0, sha: sha1(`tree:${sha}:${child}`) });
    }
    if (children.size === 0) throw notFound();
    const entries = [...children.entries()].sort(([a], [b]) => a.localeCompare(b));
    return {
      status: 200,
      body: entries.map(([child, e]) => contentEntry(req.ctx, repo, child, ref, e.type, e.sha, e.size)),
    };
  },

  "pulls/list": (req) => {
    const repo = repoOf(req);
    const state = str(req.params, "state") ?? "open";
    const head = str(req.params, "head");
    const base = str(req.params, "base");
    const pulls = [...repo.pulls.values()]
      .filter((p) => state === "all" || p.state === state)
      .filter((p) => !head || `${repo.owner.login}:${p.headRef}`.toLowerCase() === head.toLowerCase())
      .filter((p) => !base || p.baseRef === base)
      .sort((a, b) => b.number - a.number);
    if (req.params.direction === "asc") pulls.reverse();
    return list(req, pulls, (p) => renderPull(req.ctx, repo, p));
  },

  "pulls/get": (req) => {
    const repo = repoOf(req);
    const pull = pullOf(req, repo);
    const diff = wantsDiff(req.accept);
    if (diff)
      return {
        status: 200,
        text: renderUnifiedDiff(pull.files),
        contentType: `application/vnd.github.${diff}; charset=utf-8`,
      };
    return { status: 200, body: renderPull(req.ctx, repo, pull) };
  },

  "pulls/list-files": (req) => {
    const repo = repoOf(req);
    const pull = pullOf(req, repo);
    return list(req, pull.files, (f) => renderDiffFile(req.ctx, repo, f, pull.headSha), 3000);
  },

  "pulls/list-commits": (req) => {
    const repo = repoOf(req);
    const pull = pullOf(req, repo);
    const commits = repo.commitsBetween(pull.baseSha, pull.headSha);
    return list(req, commits, (c) => renderCommit(req.ctx, repo, c), 250);
  },

  "pulls/list-reviews": (req) => {
    const repo = repoOf(req);
    const pull = pullOf(req, repo);
    const viewer = req.state.viewer.login.toLowerCase();
    const reviews = repo
      .reviewsOf(pull.number)
      .filter((r) => r.state !== "PENDING" || r.user.login.toLowerCase() === viewer)
      .sort((a, b) => a.id - b.id);
    return list(req, reviews, (r) => renderReview(req.ctx, repo, r));
  },

  "pulls/get-review": (req) => {
    const repo = repoOf(req);
    const pull = pullOf(req, repo);
    const review = repo.reviews.get(num(req.params, "review_id"));
    if (!review || review.pullNumber !== pull.number) throw notFound();
    return { status: 200, body: renderReview(req.ctx, repo, review) };
  },

  "pulls/update-review": (req) => {
    const repo = repoOf(req);
    const pull = pullOf(req, repo);
    const review = repo.reviews.get(num(req.params, "review_id"));
    if (!review || review.pullNumber !== pull.number) throw notFound();
    const text = String(bodyOf(req).body ?? "");
    if (tooLong(text)) throw unprocessable(["Body is too long (maximum is 65536 characters)"]);
    review.body = text;
    review.updated_at = req.state.clock.tick();
    return { status: 200, body: renderReview(req.ctx, repo, review) };
  },

  "pulls/list-comments-for-review": (req) => {
    const repo = repoOf(req);
    const pull = pullOf(req, repo);
    const review = repo.reviews.get(num(req.params, "review_id"));
    if (!review || review.pullNumber !== pull.number) throw notFound();
    const comments = repo
      .reviewCommentsOf(pull.number)
      .filter((c) => c.reviewId === review.id)
      .sort(byCreated);
    return list(req, comments, (c) => renderReviewComment(req.ctx, repo, c));
  },

  "pulls/create-review": (req) => {
    const repo = repoOf(req);
    const pull = pullOf(req, repo);
    const body = bodyOf(req);
    const text = typeof body.body === "string" ? body.body : "";
    const event = typeof body.event === "string" ? body.event : undefined;
    const comments = Array.isArray(body.comments) ? (body.comments as Array<Body>) : [];
    const commitId = typeof body.commit_id === "string" ? body.commit_id : pull.headSha;
    if (!isPullCommit(repo, pull, commitId)) throw unprocessable(["Commit could not be resolved"]);
    if (tooLong(text)) throw unprocessable(["Body is too long (maximum is 65536 characters)"]);
    checkReviewEvent(req, pull, event, text, comments.length > 0);
    const viewer = req.state.viewer.login.toLowerCase();
    if (
      event === undefined &&
      repo.reviewsOf(pull.number).some((r) => r.state === "PENDING" && r.user.login.toLowerCase() === viewer)
    ) {
      throw unprocessable(["User can only have one pending review per pull request"]);
    }
    // GitHub resolves every comment first: one bad comment rejects the whole review.
    const errors = new Set<string>();
    const anchors: Anchor[] = [];
    for (const comment of comments) {
      const anchor = resolveAnchor(pull, comment as unknown as CommentTarget);
      if (typeof anchor === "string") errors.add(REVIEW_ANCHOR_ERRORS[anchor]);
      else anchors.push(anchor);
      if (tooLong(comment.body as string)) errors.add("Body is too long (maximum is 65536 characters)");
    }
    if (errors.size > 0) throw unprocessable([...errors]);
    const review = newReview(req, repo, pull, event ? EVENT_STATE[event]! : "PENDING", text, commitId);
    repo.reviews.set(review.id, review);
    anchors.forEach((anchor, i) => {
      const comment = newReviewComment(req, repo, pull, review, anchor, String(comments[i]!.body));
      repo.reviewComments.set(comment.id, comment);
    });
    if (review.state !== "PENDING") pull.updated_at = req.state.clock.tick();
    return { status: 200, body: renderReview(req.ctx, repo, review) };
  },

  "pulls/submit-review": (req) => {
    const repo = repoOf(req);
    const pull = pullOf(req, repo);
    const review = repo.reviews.get(num(req.params, "review_id"));
    if (!review || review.pullNumber !== pull.number) throw notFound();
    if (review.state !== "PENDING") throw unprocessable(["Can not submit a non-pending review"]);
    const body = bodyOf(req);
    const text = typeof body.body === "string" ? body.body : review.body;
    if (tooLong(text)) throw unprocessable(["Body is too long (maximum is 65536 characters)"]);
    const event = String(body.event);
    const hasComments = repo.reviewCommentsOf(pull.number).some((c) => c.reviewId === review.id);
    checkReviewEvent(req, pull, event, text, hasComments);
    review.body = text;
    review.state = EVENT_STATE[event]!;
    review.submitted_at = req.state.clock.tick();
    review.updated_at = review.submitted_at;
    pull.updated_at = review.submitted_at;
    return { status: 200, body: renderReview(req.ctx, repo, review) };
  },

  "pulls/delete-pending-review": (req) => {
    const repo = repoOf(req);
    const pull = pullOf(req, repo);
    const review = repo.reviews.get(num(req.params, "review_id"));
    if (!review || review.pullNumber !== pull.number) throw notFound();
    if (review.state !== "PENDING") throw unprocessable(["Can not delete a non-pending pull request review"]);
    repo.reviews.delete(review.id);
    for (const c of repo.reviewCommentsOf(pull.number))
      if (c.reviewId === review.id) repo.reviewComments.delete(c.id);
    return { status: 200, body: renderReview(req.ctx, repo, review) };
  },

  "pulls/list-review-comments": (req) => {
    const repo = repoOf(req);
    const pull = pullOf(req, repo);
    const from = since(req);
    const sort = str(req.params, "sort") ?? "created";
    const comments = repo
      .reviewCommentsOf(pull.number)
      .filter((c) => repo.reviews.get(c.reviewId)?.state !== "PENDING")
      .filter((c) => !from || c.updated_at >= from)
      .sort(
        sort === "updated" ? (a, b) => a.updated_at.localeCompare(b.updated_at) || a.id - b.id : byCreated,
      );
    if (req.params.direction === "desc") comments.reverse();
    return list(req, comments, (c) => renderReviewComment(req.ctx, repo, c));
  },

  "pulls/create-review-comment": (req) => {
    const repo = repoOf(req);
    const pull = pullOf(req, repo);
    const body = bodyOf(req);
    const text = String(body.body ?? "");
    checkReviewCommentBody(text);
    let anchor: Anchor;
    let inReplyTo: number | undefined;
    if (typeof body.in_reply_to === "number") {
      const parent = repo.reviewComments.get(body.in_reply_to);
      if (!parent || parent.pullNumber !== pull.number) throw notFound();
      inReplyTo = parent.in_reply_to_id ?? parent.id;
      anchor = parent;
    } else {
      if (!isPullCommit(repo, pull, String(body.commit_id))) {
        throw validationFailed([
          {
            resource: "PullRequestReviewComment",
            code: "custom",
            field: "commit_id",
            message: "commit_id is not part of the pull request",
          },
        ]);
      }
      const resolved = resolveAnchor(pull, body as unknown as CommentTarget);
      if (typeof resolved === "string") throw validationFailed([COMMENT_ANCHOR_ERRORS[resolved]]);
      anchor = resolved;
    }
    const commitId = typeof body.commit_id === "string" ? body.commit_id : pull.headSha;
    const review = newReview(req, repo, pull, "COMMENTED", "", commitId);
    repo.reviews.set(review.id, review);
    const comment = newReviewComment(req, repo, pull, review, anchorFields(anchor), text, inReplyTo);
    repo.reviewComments.set(comment.id, comment);
    pull.updated_at = comment.created_at;
    return { status: 201, body: renderReviewComment(req.ctx, repo, comment) };
  },

  "pulls/create-reply-for-review-comment": (req) => {
    const repo = repoOf(req);
    const pull = pullOf(req, repo);
    const parent = repo.reviewComments.get(num(req.params, "comment_id"));
    if (!parent || parent.pullNumber !== pull.number) throw notFound();
    const text = String(bodyOf(req).body ?? "");
    checkReviewCommentBody(text);
    const review = newReview(req, repo, pull, "COMMENTED", "", pull.headSha);
    repo.reviews.set(review.id, review);
    const comment = newReviewComment(
      req,
      repo,
      pull,
      review,
      anchorFields(parent),
      text,
      parent.in_reply_to_id ?? parent.id,
    );
    repo.reviewComments.set(comment.id, comment);
    return { status: 201, body: renderReviewComment(req.ctx, repo, comment) };
  },

  "pulls/get-review-comment": (req) => {
    const repo = repoOf(req);
    const comment = repo.reviewComments.get(num(req.params, "comment_id"));
    if (!comment) throw notFound();
    return { status: 200, body: renderReviewComment(req.ctx, repo, comment) };
  },

  "pulls/update-review-comment": (req) => {
    const repo = repoOf(req);
    const comment = repo.reviewComments.get(num(req.params, "comment_id"));
    if (!comment) throw notFound();
    const text = String(bodyOf(req).body ?? "");
    checkReviewCommentBody(text);
    comment.body = text;
    comment.updated_at = req.state.clock.tick();
    return { status: 200, body: renderReviewComment(req.ctx, repo, comment) };
  },

  "pulls/delete-review-comment": (req) => {
    const repo = repoOf(req);
    if (!repo.reviewComments.delete(num(req.params, "comment_id"))) throw notFound();
    return { status: 204 };
  },

  "issues/list-for-repo": (req) => {
    const repo = repoOf(req);
    const state = str(req.params, "state") ?? "open";
    const labels = (str(req.params, "labels") ?? "")
      .split(",")
      .map((l) => l.trim().toLowerCase())
      .filter((l) => l !== "");
    const creator = str(req.params, "creator")?.toLowerCase();
    const assignee = str(req.params, "assignee")?.toLowerCase();
    const mentioned = str(req.params, "mentioned")?.toLowerCase();
    const milestone = str(req.params, "milestone");
    const from = since(req);
    const sort = str(req.params, "sort") ?? "created";
    const direction = str(req.params, "direction") ?? "desc";
    const key = (i: IssueState): string | number =>
      sort === "updated"
        ? i.updated_at
        : sort === "comments"
          ? repo.issueCommentsOf(i.number).length
          : i.created_at;
    const issues = [...repo.issues.values()]
      .filter((i) => state === "all" || i.state === state)
      .filter((i) => labels.every((l) => i.labels.some((name) => name.toLowerCase() === l)))
      .filter((i) => !creator || i.user.login.toLowerCase() === creator)
      .filter((i) =>
        !assignee
          ? true
          : assignee === "none"
            ? i.assignees.length === 0
            : assignee === "*"
              ? i.assignees.length > 0
              : i.assignees.some((u) => u.login.toLowerCase() === assignee),
      )
      .filter((i) => !mentioned || (i.body ?? "").toLowerCase().includes(`@${mentioned}`))
      // No milestones exist here: "none" (or no filter) keeps every issue, "*" or a number keeps none.
      .filter(() => milestone === undefined || milestone === "none")
      .filter((i) => !from || i.updated_at >= from)
      .sort((a, b) => {
        const ka = key(a);
        const kb = key(b);
        const order = ka < kb ? -1 : ka > kb ? 1 : a.number - b.number;
        return direction === "asc" ? order : -order;
      });
    return list(req, issues, (i) => renderIssue(req.ctx, repo, i));
  },

  "issues/create": (req) => {
    const repo = repoOf(req);
    const body = bodyOf(req);
    const title = String(body.title ?? "");
    if (title.trim() === "")
      throw validationFailed([{ resource: "Issue", code: "missing_field", field: "title" }]);
    checkIssueBody(body);
    const issue = req.state.addIssue(repo, {
      title,
      body: typeof body.body === "string" ? body.body : null,
      user: req.state.viewer,
      labels: labelNames(body.labels),
    });
    issue.assignees = assigneesOf(req, body) ?? [];
    return { status: 201, body: renderIssue(req.ctx, repo, issue) };
  },

  "issues/get": (req) => {
    const repo = repoOf(req);
    return { status: 200, body: renderIssue(req.ctx, repo, issueOf(req, repo)) };
  },

  "issues/update": (req) => {
    const repo = repoOf(req);
    const issue = issueOf(req, repo);
    const body = bodyOf(req);
    checkIssueBody(body);
    if (body.title !== undefined && body.title !== null) {
      const title = String(body.title);
      if (title.trim() === "")
        throw validationFailed([{ resource: "Issue", code: "missing_field", field: "title" }]);
      issue.title = title;
    }
    if (body.body !== undefined) issue.body = body.body === null ? null : String(body.body);
    if (body.labels !== undefined) issue.labels = req.state.ensureLabels(repo, labelNames(body.labels));
    const assignees = assigneesOf(req, body);
    if (assignees) issue.assignees = assignees;
    const now = req.state.clock.tick();
    if (body.state === "closed" && issue.state === "open") {
      issue.state = "closed";
      issue.closed_at = now;
      issue.closed_by = req.state.viewer;
      issue.state_reason = typeof body.state_reason === "string" ? body.state_reason : "completed";
    } else if (body.state === "open" && issue.state === "closed") {
      issue.state = "open";
      issue.closed_at = null;
      issue.closed_by = null;
      issue.state_reason = "reopened";
    } else if (typeof body.state_reason === "string" && issue.state === "closed") {
      issue.state_reason = body.state_reason;
    }
    issue.updated_at = now;
    const pull = repo.pulls.get(issue.number);
    if (pull) {
      Object.assign(pull, { title: issue.title, body: issue.body, state: issue.state, updated_at: now });
      pull.closed_at = issue.closed_at;
    }
    return { status: 200, body: renderIssue(req.ctx, repo, issue) };
  },

  "issues/add-labels": (req) => {
    const repo = repoOf(req);
    const issue = issueOf(req, repo);
    const body = req.body;
    const names = Array.isArray(body)
      ? labelNames(body)
      : labelNames(
          (body as Body | undefined)?.labels ??
            ((body as Body | undefined)?.name ? [(body as Body).name] : []),
        );
    const added = req.state.ensureLabels(repo, names);
    for (const name of added) {
      if (!issue.labels.some((l) => l.toLowerCase() === name.toLowerCase())) issue.labels.push(name);
    }
    issue.updated_at = req.state.clock.tick();
    return { status: 200, body: issue.labels.map((n) => renderLabel(req.ctx, repo, repo.label(n)!)) };
  },

  "issues/remove-label": (req) => {
    const repo = repoOf(req);
    const issue = issueOf(req, repo);
    const name = String(req.params.name).toLowerCase();
    if (!issue.labels.some((l) => l.toLowerCase() === name)) throw notFound("Label does not exist");
    issue.labels = issue.labels.filter((l) => l.toLowerCase() !== name);
    issue.updated_at = req.state.clock.tick();
    return { status: 200, body: issue.labels.map((n) => renderLabel(req.ctx, repo, repo.label(n)!)) };
  },

  "issues/list-comments": (req) => {
    const repo = repoOf(req);
    const issue = issueOf(req, repo);
    const from = since(req);
    const comments = repo
      .issueCommentsOf(issue.number)
      .filter((c) => !from || c.updated_at >= from)
      .sort(byCreated);
    return list(req, comments, (c) => renderIssueComment(req.ctx, repo, c));
  },

  "issues/create-comment": (req) => {
    const repo = repoOf(req);
    const issue = issueOf(req, repo);
    if (issue.locked)
      throw new HttpError(errorResponse(403, "Unable to create comment because issue is locked."));
    const text = checkIssueCommentBody(bodyOf(req).body);
    const comment = req.state.addIssueComment(repo, issue.number, text);
    return { status: 201, body: renderIssueComment(req.ctx, repo, comment) };
  },

  "issues/get-comment": (req) => {
    const repo = repoOf(req);
    const comment = repo.issueComments.get(num(req.params, "comment_id"));
    if (!comment) throw notFound();
    return { status: 200, body: renderIssueComment(req.ctx, repo, comment) };
  },

  "issues/update-comment": (req) => {
    const repo = repoOf(req);
    const comment = repo.issueComments.get(num(req.params, "comment_id"));
    if (!comment) throw notFound();
    comment.body = checkIssueCommentBody(bodyOf(req).body);
    comment.updated_at = req.state.clock.tick();
    return { status: 200, body: renderIssueComment(req.ctx, repo, comment) };
  },

  "issues/delete-comment": (req) => {
    const repo = repoOf(req);
    if (!repo.issueComments.delete(num(req.params, "comment_id"))) throw notFound();
    return { status: 204 };
  },

  "issues/list-labels-for-repo": (req) => {
    const repo = repoOf(req);
    const labels = [...repo.labels.values()].sort((a, b) => a.id - b.id);
    return list(req, labels, (l) => renderLabel(req.ctx, repo, l));
  },

  "issues/get-label": (req) => {
    const repo = repoOf(req);
    const label = repo.label(String(req.params.name));
    if (!label) throw notFound();
    return { status: 200, body: renderLabel(req.ctx, repo, label) };
  },

  "issues/create-label": (req) => {
    const repo = repoOf(req);
    const body = bodyOf(req);
    const name = String(body.name ?? "").trim();
    if (name === "") throw validationFailed([{ resource: "Label", code: "missing_field", field: "name" }]);
    const color = typeof body.color === "string" ? body.color.replace(/^#/, "") : undefined;
    if (color !== undefined && !LABEL_COLOR.test(color)) {
      throw validationFailed([{ resource: "Label", code: "invalid", field: "color" }]);
    }
    if (repo.label(name))
      throw validationFailed([{ resource: "Label", code: "already_exists", field: "name" }]);
    const label = req.state.addLabel(repo, {
      name,
      ...(color ? { color } : {}),
      description: typeof body.description === "string" ? body.description : null,
    });
    return { status: 201, body: renderLabel(req.ctx, repo, label) };
  },

  "issues/update-label": (req) => {
    const repo = repoOf(req);
    const label = repo.label(String(req.params.name));
    if (!label) throw notFound();
    const body = bodyOf(req);
    if (typeof body.color === "string") {
      const color = body.color.replace(/^#/, "");
      if (!LABEL_COLOR.test(color))
        throw validationFailed([{ resource: "Label", code: "invalid", field: "color" }]);
      label.color = color.toLowerCase();
    }
    if (typeof body.description === "string") label.description = body.description;
    if (typeof body.new_name === "string" && body.new_name !== label.name) {
      if (repo.label(body.new_name) && body.new_name.toLowerCase() !== label.name.toLowerCase()) {
        throw validationFailed([{ resource: "Label", code: "already_exists", field: "name" }]);
      }
      repo.labels.delete(label.name.toLowerCase());
      for (const issue of repo.issues.values()) {
        issue.labels = issue.labels.map((l) =>
          l.toLowerCase() === label.name.toLowerCase() ? String(body.new_name) : l,
        );
      }
      label.name = body.new_name;
      repo.labels.set(label.name.toLowerCase(), label);
    }
    return { status: 200, body: renderLabel(req.ctx, repo, label) };
  },

  "rate-limit/get": () => {
    const reset = Math.floor(Date.now() / 1000) + 3600;
    const core = { limit: 5000, used: 0, remaining: 5000, reset };
    return {
      status: 200,
      body: { resources: { core, search: { ...core, limit: 30, remaining: 30 } }, rate: core },
    };
  },
};

function anchorFields(source: Anchor): Anchor {
  return {
    path: source.path,
    diff_hunk: source.diff_hunk,
    position: source.position,
    line: source.line,
    side: source.side,
    start_line: source.start_line,
    start_side: source.start_side,
    subject_type: source.subject_type,
  };
}

/** The archive behind the codeload redirect: GET /_codeload/{owner}/{repo}/legacy.tar.gz/{sha}. */
export function serveCodeload(state: GitHubState, path: string): HandlerResponse {
  const m = /^\/_codeload\/([^/]+)\/([^/]+)\/legacy\.tar\.gz\/([0-9a-f]{40})$/.exec(path);
  const repo = m ? state.repo(decodeURIComponent(m[1]!), decodeURIComponent(m[2]!)) : undefined;
  const commit = m && repo ? repo.commits.get(m[3]!) : undefined;
  if (!m || !repo || !commit)
    return { status: 404, text: "404: Not Found", contentType: "text/plain; charset=utf-8" };
  const root = `${repo.owner.login}-${repo.name}-${commit.sha.slice(0, 7)}`;
  return {
    status: 200,
    binary: makeTarball(root, repo.trees.get(commit.sha) ?? new Map(), commit.sha, commit.author.date),
    contentType: "application/x-gzip",
    headers: { "content-disposition": `attachment; filename=${root}.tar.gz` },
  };
}
