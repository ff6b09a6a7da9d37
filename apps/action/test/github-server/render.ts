// GitHub-shaped JSON for the state objects. API URLs point at the fake server itself (so a client that
// follows a `url` field stays local); html URLs point at github.com, like the real thing.

import type {
  CommitState,
  DiffFile,
  IssueCommentState,
  IssueState,
  JsonObject,
  LabelState,
  PullState,
  RepoState,
  ReviewCommentState,
  ReviewState,
  User,
} from "./state.js";

export const HTML_URL = "https://github.com";

export interface RenderContext {
  /** Base URL of the REST API, without a trailing slash. */
  api: string;
}

function encodePath(path: string): string {
  return path.split("/").map(encodeURIComponent).join("/");
}

export function renderUser(ctx: RenderContext, user: User): JsonObject {
  const url = `${ctx.api}/users/${encodeURIComponent(user.login)}`;
  const isBot = user.type === "Bot";
  return {
    login: user.login,
    id: user.id,
    node_id: user.node_id,
    avatar_url: isBot
      ? `https://avatars.githubusercontent.com/in/${user.id === 41898282 ? 15368 : user.id % 100_000}?v=4`
      : `https://avatars.githubusercontent.com/u/${user.id}?v=4`,
    gravatar_id: "",
    url,
    html_url: isBot ? `${HTML_URL}/apps/${user.login.replace(/\[bot\]$/, "")}` : `${HTML_URL}/${user.login}`,
    followers_url: `${url}/followers`,
    following_url: `${url}/following{/other_user}`,
    gists_url: `${url}/gists{/gist_id}`,
    starred_url: `${url}/starred{/owner}{/repo}`,
    subscriptions_url: `${url}/subscriptions`,
    organizations_url: `${url}/orgs`,
    repos_url: `${url}/repos`,
    events_url: `${url}/events{/privacy}`,
    received_events_url: `${url}/received_events`,
    type: user.type,
    user_view_type: "public",
    site_admin: user.site_admin,
  };
}

export function repoApiUrl(ctx: RenderContext, repo: RepoState): string {
  return `${ctx.api}/repos/${repo.fullName}`;
}

function repoHtmlUrl(repo: RepoState): string {
  return `${HTML_URL}/${repo.fullName}`;
}

/** A repository: the `repository` schema, or `full-repository` (GET /repos/{owner}/{repo}) when `full`. */
export function renderRepo(ctx: RenderContext, repo: RepoState, full = false): JsonObject {
  const base = repoApiUrl(ctx, repo);
  const html = repoHtmlUrl(repo);
  const openIssues = [...repo.issues.values()].filter((i) => i.state === "open").length;
  const pushedAt =
    [...repo.commits.values()]
      .map((c) => c.author.date)
      .sort()
      .at(-1) ?? repo.created_at;
  const rendered: JsonObject = {
    id: repo.id,
    node_id: repo.node_id,
    name: repo.name,
    full_name: repo.fullName,
    private: repo.isPrivate,
    owner: renderUser(ctx, repo.owner),
    html_url: html,
    description: null,
    fork: false,
    url: base,
    archive_url: `${base}/{archive_format}{/ref}`,
    assignees_url: `${base}/assignees{/user}`,
    blobs_url: `${base}/git/blobs{/sha}`,
    branches_url: `${base}/branches{/branch}`,
    collaborators_url: `${base}/collaborators{/collaborator}`,
    comments_url: `${base}/comments{/number}`,
    commits_url: `${base}/commits{/sha}`,
    compare_url: `${base}/compare/{base}...{head}`,
    contents_url: `${base}/contents/{+path}`,
    contributors_url: `${base}/contributors`,
    deployments_url: `${base}/deployments`,
    downloads_url: `${base}/downloads`,
    events_url: `${base}/events`,
    forks_url: `${base}/forks`,
    git_commits_url: `${base}/git/commits{/sha}`,
    git_refs_url: `${base}/git/refs{/sha}`,
    git_tags_url: `${base}/git/tags{/sha}`,
    git_url: `git://github.com/${repo.fullName}.git`,
    issue_comment_url: `${base}/issues/comments{/number}`,
    issue_events_url: `${base}/issues/events{/number}`,
    issues_url: `${base}/issues{/number}`,
    keys_url: `${base}/keys{/key_id}`,
    labels_url: `${base}/labels{/name}`,
    languages_url: `${base}/languages`,
    merges_url: `${base}/merges`,
    milestones_url: `${base}/milestones{/number}`,
    notifications_url: `${base}/notifications{?since,all,participating}`,
    pulls_url: `${base}/pulls{/number}`,
    releases_url: `${base}/releases{/id}`,
    ssh_url: `git@github.com:${repo.fullName}.git`,
    stargazers_url: `${base}/stargazers`,
    statuses_url: `${base}/statuses/{sha}`,
    subscribers_url: `${base}/subscribers`,
    subscription_url: `${base}/subscription`,
    tags_url: `${base}/tags`,
    teams_url: `${base}/teams`,
    trees_url: `${base}/git/trees{/sha}`,
    clone_url: `${html}.git`,
    mirror_url: null,
    hooks_url: `${base}/hooks`,
    svn_url: html,
    homepage: null,
    language: null,
    forks_count: 0,
    stargazers_count: 0,
    watchers_count: 0,
    size: 0,
    default_branch: repo.defaultBranch,
    open_issues_count: openIssues,
    is_template: false,
    topics: [],
    has_issues: true,
    has_projects: true,
    has_wiki: true,
    has_pages: false,
    has_downloads: true,
    has_discussions: false,
    archived: false,
    disabled: false,
    visibility: repo.isPrivate ? "private" : "public",
    pushed_at: pushedAt,
    created_at: repo.created_at,
    updated_at: pushedAt,
    permissions: { admin: false, maintain: false, push: true, triage: true, pull: true },
    allow_rebase_merge: true,
    allow_squash_merge: true,
    allow_merge_commit: true,
    allow_auto_merge: false,
    delete_branch_on_merge: false,
    allow_forking: true,
    license: null,
    forks: 0,
    open_issues: openIssues,
    watchers: 0,
  };
  if (full) {
    rendered.network_count = 0;
    rendered.subscribers_count = 0;
  }
  return { ...stripForeignKeys(repo.template), ...rendered };
}

/** Webhook-only keys that REST objects do not carry. */
function stripForeignKeys(template: JsonObject): JsonObject {
  const { installation: _i, organization: _o, ...rest } = template;
  return rest;
}

export function renderLabel(ctx: RenderContext, repo: RepoState, label: LabelState): JsonObject {
  return {
    id: label.id,
    node_id: label.node_id,
    url: `${repoApiUrl(ctx, repo)}/labels/${encodeURIComponent(label.name)}`,
    name: label.name,
    color: label.color,
    default: label.default,
    description: label.description,
  };
}

function emptyReactions(url: string): JsonObject {
  return {
    url,
    total_count: 0,
    "+1": 0,
    "-1": 0,
    laugh: 0,
    hooray: 0,
    confused: 0,
    heart: 0,
    rocket: 0,
    eyes: 0,
  };
}

function labelsOf(ctx: RenderContext, repo: RepoState, names: string[]): JsonObject[] {
  return names
    .map((name) => repo.label(name))
    .filter((l): l is LabelState => l !== undefined)
    .map((l) => renderLabel(ctx, repo, l));
}

export function renderIssue(ctx: RenderContext, repo: RepoState, issue: IssueState): JsonObject {
  const base = repoApiUrl(ctx, repo);
  const url = `${base}/issues/${issue.number}`;
  const html = `${repoHtmlUrl(repo)}/${issue.isPullRequest ? "pull" : "issues"}/${issue.number}`;
  const pull = issue.isPullRequest ? repo.pulls.get(issue.number) : undefined;
  return {
    url,
    repository_url: base,
    labels_url: `${url}/labels{/name}`,
    comments_url: `${url}/comments`,
    events_url: `${url}/events`,
    html_url: html,
    id: issue.id,
    node_id: issue.node_id,
    number: issue.number,
    title: issue.title,
    user: renderUser(ctx, issue.user),
    labels: labelsOf(ctx, repo, issue.labels),
    state: issue.state,
    locked: issue.locked,
    assignee: issue.assignees[0] ? renderUser(ctx, issue.assignees[0]) : null,
    assignees: issue.assignees.map((u) => renderUser(ctx, u)),
    milestone: null,
    comments: repo.issueCommentsOf(issue.number).length,
    created_at: issue.created_at,
    updated_at: issue.updated_at,
    closed_at: issue.closed_at,
    author_association: issue.author_association,
    type: null,
    active_lock_reason: null,
    ...(issue.isPullRequest
      ? {
          draft: pull?.draft ?? false,
          pull_request: {
            url: `${base}/pulls/${issue.number}`,
            html_url: html,
            diff_url: `${html}.diff`,
            patch_url: `${html}.patch`,
            merged_at: pull?.merged_at ?? null,
          },
        }
      : {}),
    body: issue.body,
    closed_by: issue.closed_by ? renderUser(ctx, issue.closed_by) : null,
    reactions: emptyReactions(`${url}/reactions`),
    timeline_url: `${url}/timeline`,
    performed_via_github_app: null,
    state_reason: issue.state_reason,
  };
}

export function renderIssueComment(
  ctx: RenderContext,
  repo: RepoState,
  comment: IssueCommentState,
): JsonObject {
  const base = repoApiUrl(ctx, repo);
  const isPull = repo.pulls.has(comment.issueNumber);
  const url = `${base}/issues/comments/${comment.id}`;
  return {
    id: comment.id,
    node_id: comment.node_id,
    url,
    html_url: `${repoHtmlUrl(repo)}/${isPull ? "pull" : "issues"}/${comment.issueNumber}#issuecomment-${comment.id}`,
    body: comment.body,
    user: renderUser(ctx, comment.user),
    created_at: comment.created_at,
    updated_at: comment.updated_at,
    issue_url: `${base}/issues/${comment.issueNumber}`,
    author_association: comment.author_association,
    performed_via_github_app: null,
    reactions: emptyReactions(`${url}/reactions`),
  };
}

export function renderPull(ctx: RenderContext, repo: RepoState, pull: PullState): JsonObject {
  const base = repoApiUrl(ctx, repo);
  const url = `${base}/pulls/${pull.number}`;
  const html = `${repoHtmlUrl(repo)}/pull/${pull.number}`;
  const issue = repo.issues.get(pull.number);
  const commits = repo.commitsBetween(pull.baseSha, pull.headSha);
  const additions = pull.files.reduce((sum, f) => sum + f.additions, 0);
  const deletions = pull.files.reduce((sum, f) => sum + f.deletions, 0);
  const submittedComments = repo
    .reviewCommentsOf(pull.number)
    .filter((c) => repo.reviews.get(c.reviewId)?.state !== "PENDING");
  const assignees = issue?.assignees ?? [];
  const repoJson = renderRepo(ctx, repo);
  const links = {
    self: { href: url },
    html: { href: html },
    issue: { href: `${base}/issues/${pull.number}` },
    comments: { href: `${base}/issues/${pull.number}/comments` },
    review_comments: { href: `${url}/comments` },
    review_comment: { href: `${base}/pulls/comments{/number}` },
    commits: { href: `${url}/commits` },
    statuses: { href: `${base}/statuses/${pull.headSha}` },
  };
  const rendered: JsonObject = {
    url,
    id: pull.id,
    node_id: pull.node_id,
    html_url: html,
    diff_url: `${html}.diff`,
    patch_url: `${html}.patch`,
    issue_url: `${base}/issues/${pull.number}`,
    commits_url: `${url}/commits`,
    review_comments_url: `${url}/comments`,
    review_comment_url: `${base}/pulls/comments{/number}`,
    comments_url: `${base}/issues/${pull.number}/comments`,
    statuses_url: `${base}/statuses/${pull.headSha}`,
    number: pull.number,
    state: pull.state,
    locked: pull.locked,
    title: pull.title,
    user: renderUser(ctx, pull.user),
    body: pull.body,
    labels: labelsOf(ctx, repo, issue?.labels ?? []),
    milestone: null,
    active_lock_reason: null,
    created_at: pull.created_at,
    updated_at: pull.updated_at,
    closed_at: pull.closed_at,
    merged_at: pull.merged_at,
    merge_commit_sha: pull.state === "open" ? pull.mergeSha : null,
    assignee: assignees[0] ? renderUser(ctx, assignees[0]) : null,
    assignees: assignees.map((u) => renderUser(ctx, u)),
    requested_reviewers: [],
    requested_teams: [],
    head: {
      label: `${repo.owner.login}:${pull.headRef}`,
      ref: pull.headRef,
      sha: pull.headSha,
      user: renderUser(ctx, repo.owner),
      repo: repoJson,
    },
    base: {
      label: `${repo.owner.login}:${pull.baseRef}`,
      ref: pull.baseRef,
      sha: pull.baseSha,
      user: renderUser(ctx, repo.owner),
      repo: repoJson,
    },
    _links: links,
    author_association: pull.author_association,
    auto_merge: null,
    draft: pull.draft,
    merged: pull.merged_at !== null,
    mergeable: pull.state === "open" ? true : null,
    rebaseable: pull.state === "open" ? true : null,
    mergeable_state: pull.state === "open" ? "clean" : "unknown",
    merged_by: null,
    comments: repo.issueCommentsOf(pull.number).length,
    review_comments: submittedComments.length,
    maintainer_can_modify: false,
    commits: commits.length,
    additions,
    deletions,
    changed_files: pull.files.length,
  };
  return { ...pull.template, ...rendered };
}

export function renderCommit(
  ctx: RenderContext,
  repo: RepoState,
  commit: CommitState,
  withFiles = false,
): JsonObject {
  const base = repoApiUrl(ctx, repo);
  const html = repoHtmlUrl(repo);
  const treeSha = commit.sha.split("").reverse().join("");
  const additions = commit.changes.reduce((sum, f) => sum + f.additions, 0);
  const deletions = commit.changes.reduce((sum, f) => sum + f.deletions, 0);
  return {
    url: `${base}/commits/${commit.sha}`,
    sha: commit.sha,
    node_id: `C_kwDO${Buffer.from(commit.sha.slice(0, 20)).toString("base64url")}`,
    html_url: `${html}/commit/${commit.sha}`,
    comments_url: `${base}/commits/${commit.sha}/comments`,
    commit: {
      url: `${base}/git/commits/${commit.sha}`,
      author: commit.author,
      committer: { name: "GitHub", email: "noreply@github.com", date: commit.author.date },
      message: commit.message,
      tree: { sha: treeSha, url: `${base}/git/trees/${treeSha}` },
      comment_count: 0,
      verification: {
        verified: false,
        reason: "unsigned",
        signature: null,
        payload: null,
        verified_at: null,
      },
    },
    author: commit.user ? renderUser(ctx, commit.user) : null,
    committer: commit.user ? renderUser(ctx, commit.user) : null,
    parents: commit.parents.map((sha) => ({
      sha,
      url: `${base}/commits/${sha}`,
      html_url: `${html}/commit/${sha}`,
    })),
    ...(withFiles
      ? {
          stats: { total: additions + deletions, additions, deletions },
          files: commit.changes.map((f) => renderDiffFile(ctx, repo, f, commit.sha)),
        }
      : {}),
  };
}

export function renderDiffFile(ctx: RenderContext, repo: RepoState, file: DiffFile, ref: string): JsonObject {
  const path = encodePath(file.filename);
  return {
    sha: file.sha,
    filename: file.filename,
    status: file.status,
    additions: file.additions,
    deletions: file.deletions,
    changes: file.changes,
    blob_url: `${repoHtmlUrl(repo)}/blob/${ref}/${path}`,
    raw_url: `${repoHtmlUrl(repo)}/raw/${ref}/${path}`,
    contents_url: `${repoApiUrl(ctx, repo)}/contents/${path}?ref=${ref}`,
    ...(file.patch !== undefined ? { patch: file.patch } : {}),
    ...(file.previous_filename ? { previous_filename: file.previous_filename } : {}),
  };
}

export function renderReview(ctx: RenderContext, repo: RepoState, review: ReviewState): JsonObject {
  const html = `${repoHtmlUrl(repo)}/pull/${review.pullNumber}#pullrequestreview-${review.id}`;
  const pullUrl = `${repoApiUrl(ctx, repo)}/pulls/${review.pullNumber}`;
  return {
    id: review.id,
    node_id: review.node_id,
    user: renderUser(ctx, review.user),
    body: review.body,
    state: review.state,
    html_url: html,
    pull_request_url: pullUrl,
    author_association: review.author_association,
    _links: { html: { href: html }, pull_request: { href: pullUrl } },
    ...(review.submitted_at ? { submitted_at: review.submitted_at } : {}),
    commit_id: review.commit_id,
  };
}

export function renderReviewComment(
  ctx: RenderContext,
  repo: RepoState,
  comment: ReviewCommentState,
): JsonObject {
  const base = repoApiUrl(ctx, repo);
  const url = `${base}/pulls/comments/${comment.id}`;
  const html = `${repoHtmlUrl(repo)}/pull/${comment.pullNumber}#discussion_r${comment.id}`;
  const pullUrl = `${base}/pulls/${comment.pullNumber}`;
  return {
    url,
    pull_request_review_id: comment.reviewId,
    id: comment.id,
    node_id: comment.node_id,
    diff_hunk: comment.diff_hunk,
    path: comment.path,
    // GitHub's schema types these as (non-null) integers: file-level comments leave them out.
    ...(comment.position !== null ? { position: comment.position } : {}),
    ...(comment.original_position !== null ? { original_position: comment.original_position } : {}),
    commit_id: comment.commit_id,
    original_commit_id: comment.original_commit_id,
    ...(comment.in_reply_to_id !== undefined ? { in_reply_to_id: comment.in_reply_to_id } : {}),
    user: renderUser(ctx, comment.user),
    body: comment.body,
    created_at: comment.created_at,
    updated_at: comment.updated_at,
    html_url: html,
    pull_request_url: pullUrl,
    author_association: comment.author_association,
    _links: { self: { href: url }, html: { href: html }, pull_request: { href: pullUrl } },
    reactions: emptyReactions(`${url}/reactions`),
    start_line: comment.start_line,
    original_start_line: comment.original_start_line,
    start_side: comment.start_side,
    ...(comment.line !== null ? { line: comment.line } : {}),
    ...(comment.original_line !== null ? { original_line: comment.original_line } : {}),
    side: comment.side,
    subject_type: comment.subject_type,
  };
}

/** GitHub wraps base64 file content at 60 characters per line. */
function wrapBase64(content: string): string {
  const encoded = Buffer.from(content, "utf8").toString("base64");
  return `${encoded.match(/.{1,60}/g)?.join("\n") ?? ""}\n`;
}

export function renderContentFile(
  ctx: RenderContext,
  repo: RepoState,
  path: string,
  ref: string,
  content: string,
  sha: string,
): JsonObject {
  return {
    ...contentEntry(ctx, repo, path, ref, "file", sha, Buffer.byteLength(content)),
    content: wrapBase64(content),
    encoding: "base64",
  };
}

export function contentEntry(
  ctx: RenderContext,
  repo: RepoState,
  path: string,
  ref: string,
  type: "file" | "dir",
  sha: string,
  size: number,
): JsonObject {
  const encoded = encodePath(path);
  const url = `${repoApiUrl(ctx, repo)}/contents/${encoded}?ref=${encodeURIComponent(ref)}`;
  const gitUrl = `${repoApiUrl(ctx, repo)}/git/${type === "file" ? "blobs" : "trees"}/${sha}`;
  const htmlUrl = `${repoHtmlUrl(repo)}/${type === "file" ? "blob" : "tree"}/${ref}/${encoded}`;
  return {
    type,
    size: type === "file" ? size : 0,
    name: path.split("/").at(-1) ?? path,
    path,
    sha,
    url,
    git_url: gitUrl,
    html_url: htmlUrl,
    download_url:
      type === "file" ? `https://raw.githubusercontent.com/${repo.fullName}/${ref}/${encoded}` : null,
    _links: { self: url, git: gitUrl, html: htmlUrl },
  };
}
