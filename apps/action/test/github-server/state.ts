// The in-memory world the fake GitHub serves: users, repositories, commits and file trees, pull requests,
// issues, comments, reviews and labels. Tests may read and change it directly (server.state).

import { createHash } from "node:crypto";
import { countChanges, makePatch, type Side } from "./diff.js";

export type JsonObject = Record<string, unknown>;

export interface User {
  login: string;
  id: number;
  node_id: string;
  type: "User" | "Bot" | "Organization";
  site_admin: boolean;
}

export type DiffStatus = "added" | "removed" | "modified" | "renamed" | "copied" | "changed" | "unchanged";

/** One entry of a pull request's (or commit's, or comparison's) file list. */
export interface DiffFile {
  filename: string;
  status: DiffStatus;
  /** Hunks only, as GitHub serves them; undefined for binary or too-large files (GitHub omits it). */
  patch: string | undefined;
  previous_filename?: string;
  additions: number;
  deletions: number;
  changes: number;
  /** Blob SHA of the file on the head side (of the removed blob for removed files). */
  sha: string;
}

/** A change to one file, as fixtures state it. */
export interface FileChange {
  filename: string;
  /** Content before the change; omit or null for an added file. */
  before?: string | null;
  /** Content after the change; null for a removed file. */
  after?: string | null;
  /** A hand-written patch (hunks only). Computed from before/after when omitted; null = no patch (binary). */
  patch?: string | null;
  status?: DiffStatus;
  previous_filename?: string;
}

export interface CommitState {
  sha: string;
  parents: string[];
  message: string;
  author: { name: string; email: string; date: string };
  /** The GitHub user of the author, if any (rendered as `author` next to the git author). */
  user: User | null;
  /** The changes this commit made relative to its first parent. */
  changes: DiffFile[];
  /** The same changes as the fixture stated them (content and/or patch). */
  seeds: FileChange[];
}

export interface PullState {
  number: number;
  id: number;
  node_id: string;
  title: string;
  body: string | null;
  state: "open" | "closed";
  draft: boolean;
  locked: boolean;
  user: User;
  author_association: string;
  headRef: string;
  headSha: string;
  baseRef: string;
  baseSha: string;
  /** The test merge commit (refs/pull/{n}/merge). */
  mergeSha: string;
  /** The pull request's file list (what GET .../pulls/{n}/files serves and review comments anchor to). */
  files: DiffFile[];
  created_at: string;
  updated_at: string;
  closed_at: string | null;
  merged_at: string | null;
  /** Fields of a real webhook `pull_request` object that the REST rendering does not produce itself. */
  template: JsonObject;
}

export interface IssueState {
  number: number;
  id: number;
  node_id: string;
  title: string;
  body: string | null;
  state: "open" | "closed";
  state_reason: string | null;
  user: User;
  author_association: string;
  /** Label names, as stored (the label objects live in RepoState.labels). */
  labels: string[];
  assignees: User[];
  locked: boolean;
  created_at: string;
  updated_at: string;
  closed_at: string | null;
  closed_by: User | null;
  /** Every pull request is also an issue with the same number. */
  isPullRequest: boolean;
}

export interface IssueCommentState {
  id: number;
  node_id: string;
  issueNumber: number;
  body: string;
  user: User;
  author_association: string;
  created_at: string;
  updated_at: string;
}

export type ReviewStateName = "PENDING" | "COMMENTED" | "APPROVED" | "CHANGES_REQUESTED" | "DISMISSED";

export interface ReviewState {
  id: number;
  node_id: string;
  pullNumber: number;
  user: User;
  author_association: string;
  body: string;
  state: ReviewStateName;
  commit_id: string;
  submitted_at: string | undefined;
  created_at: string;
  updated_at: string;
}

export interface ReviewCommentState {
  id: number;
  node_id: string;
  reviewId: number;
  pullNumber: number;
  user: User;
  author_association: string;
  body: string;
  path: string;
  commit_id: string;
  original_commit_id: string;
  diff_hunk: string;
  position: number | null;
  original_position: number | null;
  line: number | null;
  original_line: number | null;
  side: Side;
  start_line: number | null;
  original_start_line: number | null;
  start_side: Side | null;
  subject_type: "line" | "file";
  in_reply_to_id: number | undefined;
  created_at: string;
  updated_at: string;
}

export interface LabelState {
  id: number;
  node_id: string;
  name: string;
  color: string;
  description: string | null;
  default: boolean;
}

export const GITHUB_ACTIONS_BOT: User = {
  login: "github-actions[bot]",
  id: 41898282,
  node_id: "MDM6Qm90NDE4OTgyODI=",
  type: "Bot",
  site_admin: false,
};

/** The labels GitHub creates in every new repository. */
export const DEFAULT_LABELS: ReadonlyArray<{ name: string; color: string; description: string }> = [
  { name: "bug", color: "d73a4a", description: "Something isn't working" },
  { name: "documentation", color: "0075ca", description: "Improvements or additions to documentation" },
  { name: "duplicate", color: "cfd3d7", description: "This issue or pull request already exists" },
  { name: "enhancement", color: "a2eeef", description: "New feature or request" },
  { name: "good first issue", color: "7057ff", description: "Good for newcomers" },
  { name: "help wanted", color: "008672", description: "Extra attention is needed" },
  { name: "invalid", color: "e4e669", description: "This doesn't seem right" },
  { name: "question", color: "d876e3", description: "Further information is requested" },
  { name: "wontfix", color: "ffffff", description: "This will not be worked on" },
];

export function sha1(text: string): string {
  return createHash("sha1").update(text).digest("hex");
}

/** A stable, realistic-looking commit SHA derived from a label. */
export function fakeSha(label: string): string {
  return sha1(`learnloop-fake-commit:${label}`);
}

/** Git's blob id of a file content. */
export function blobSha(content: string): string {
  return sha1(`blob ${Buffer.byteLength(content)}\0${content}`);
}

/** A stable numeric id for a name (for users and repositories that tests do not number themselves). */
export function stableId(name: string, base = 10_000_000): number {
  return base + (Number.parseInt(sha1(name).slice(0, 8), 16) % 89_999_999);
}

/** Label ids are stable per repository and name, so webhook payloads and REST answers agree. */
export function labelId(fullName: string, name: string): number {
  return stableId(`${fullName.toLowerCase()}:label:${name.toLowerCase()}`, 1_000_000_000);
}

export function nodeId(prefix: string, id: number): string {
  return `${prefix}_kwDO${Buffer.from(`learnloop:${id}`).toString("base64url")}`;
}

function inferStatus(change: FileChange): DiffStatus {
  if (change.previous_filename) return "renamed";
  if (change.after === null) return "removed";
  if (change.before === null) return "added";
  if (typeof change.patch === "string") {
    if (/^@@ -0,0 /.test(change.patch)) return "added";
    if (/^@@ -\d+(?:,\d+)? \+0,0 @@/.test(change.patch)) return "removed";
    return "modified";
  }
  if (change.before === undefined && typeof change.after === "string") return "added";
  return "modified";
}

/**
 * Combines successive changes into the net change per file (like a diff across several commits): with
 * contents on both ends the patch is recomputed; otherwise the latest change of a file wins.
 */
export function squashChanges(batches: FileChange[][]): FileChange[] {
  const byFile = new Map<string, { first: FileChange; last: FileChange }>();
  for (const change of batches.flat()) {
    const entry = byFile.get(change.filename);
    if (entry) entry.last = change;
    else byFile.set(change.filename, { first: change, last: change });
  }
  const out: FileChange[] = [];
  for (const { first, last } of byFile.values()) {
    if (first === last) {
      out.push(first);
      continue;
    }
    const hasContent = first.patch === undefined && last.patch === undefined;
    // A change with only `after` stands for an added file.
    const before = first.before === undefined && typeof first.after === "string" ? null : first.before;
    if (hasContent && before !== undefined && last.after !== undefined) {
      if (before === last.after) continue;
      out.push({
        filename: last.filename,
        before,
        after: last.after,
        ...(first.previous_filename ? { previous_filename: first.previous_filename } : {}),
      });
    } else {
      out.push(last);
    }
  }
  return out;
}

/** Turns fixture changes into the diff files GitHub would list. */
export function toDiffFiles(changes: FileChange[]): DiffFile[] {
  return changes.map((change) => {
    const status: DiffStatus = change.status ?? inferStatus(change);
    const patch =
      change.patch === null
        ? undefined
        : (change.patch ??
          (change.before !== undefined || change.after !== undefined
            ? makePatch(change.before ?? null, change.after ?? null)
            : undefined));
    const { additions, deletions } = countChanges(patch);
    const content = change.after ?? change.before;
    return {
      filename: change.filename,
      status,
      patch: patch === "" ? undefined : patch,
      ...(change.previous_filename ? { previous_filename: change.previous_filename } : {}),
      additions,
      deletions,
      changes: additions + deletions,
      sha: content != null ? blobSha(content) : fakeSha(`blob:${change.filename}:${patch ?? ""}`),
    };
  });
}

/** Issue/PR timestamps: strictly increasing, so `updated_at` changes on every write. */
export class Clock {
  private last: number;
  constructor(
    start?: Date,
    private readonly realTime = start === undefined,
  ) {
    this.last = Math.floor((start ?? new Date()).getTime() / 1000) * 1000 - 1000;
  }
  /** Advances the clock (at least one second) and returns the new time as GitHub formats it. */
  tick(): string {
    const real = this.realTime ? Math.floor(Date.now() / 1000) * 1000 : 0;
    this.last = Math.max(real, this.last + 1000);
    return this.current();
  }
  current(): string {
    return new Date(this.last).toISOString().replace(/\.\d{3}Z$/, "Z");
  }
}

export class RepoState {
  readonly branches = new Map<string, string>();
  readonly commits = new Map<string, CommitState>();
  /** Full file trees per commit SHA: path -> content. */
  readonly trees = new Map<string, Map<string, string>>();
  readonly pulls = new Map<number, PullState>();
  readonly issues = new Map<number, IssueState>();
  readonly issueComments = new Map<number, IssueCommentState>();
  readonly reviews = new Map<number, ReviewState>();
  readonly reviewComments = new Map<number, ReviewCommentState>();
  /** Keyed by lower-cased name (GitHub label names are case-insensitive). */
  readonly labels = new Map<string, LabelState>();

  constructor(
    readonly owner: User,
    readonly name: string,
    readonly id: number,
    readonly node_id: string,
    public defaultBranch: string,
    public isPrivate: boolean,
    readonly created_at: string,
    /** Fields of a real webhook `repository` object that the REST rendering does not produce itself. */
    public template: JsonObject = {},
  ) {}

  get fullName(): string {
    return `${this.owner.login}/${this.name}`;
  }

  nextIssueNumber(): number {
    return Math.max(0, ...this.issues.keys(), ...this.pulls.keys()) + 1;
  }

  issueCommentsOf(issueNumber: number): IssueCommentState[] {
    return [...this.issueComments.values()].filter((c) => c.issueNumber === issueNumber);
  }

  reviewsOf(pullNumber: number): ReviewState[] {
    return [...this.reviews.values()].filter((r) => r.pullNumber === pullNumber);
  }

  reviewCommentsOf(pullNumber: number): ReviewCommentState[] {
    return [...this.reviewComments.values()].filter((c) => c.pullNumber === pullNumber);
  }

  label(name: string): LabelState | undefined {
    return this.labels.get(name.toLowerCase());
  }

  /** Resolves a branch name, `heads/x`, `refs/heads/x`, a full SHA or an unambiguous SHA prefix (>= 7). */
  resolveRef(ref: string): string | undefined {
    const branch = ref.replace(/^refs\//, "").replace(/^heads\//, "");
    const fromBranch = this.branches.get(branch);
    if (fromBranch) return fromBranch;
    const lower = ref.toLowerCase();
    if (this.commits.has(lower)) return lower;
    if (/^[0-9a-f]{7,39}$/.test(lower)) {
      const matches = [...this.commits.keys()].filter((sha) => sha.startsWith(lower));
      if (matches.length === 1) return matches[0];
    }
    return undefined;
  }

  /** All commits reachable from `sha` (itself included), nearest first (breadth-first). */
  ancestors(sha: string): string[] {
    const seen = new Set<string>();
    const order: string[] = [];
    const queue = [sha];
    while (queue.length > 0) {
      const next = queue.shift()!;
      if (seen.has(next)) continue;
      seen.add(next);
      order.push(next);
      queue.push(...(this.commits.get(next)?.parents ?? []));
    }
    return order;
  }

  /** Commits reachable from `head` but not from `base`, oldest first (like `git log --reverse base..head`). */
  commitsBetween(base: string, head: string): CommitState[] {
    const excluded = new Set(this.ancestors(base));
    return this.ancestors(head)
      .filter((sha) => !excluded.has(sha))
      .reverse()
      .map((sha) => this.commits.get(sha))
      .filter((c): c is CommitState => c !== undefined);
  }

  mergeBase(a: string, b: string): string | undefined {
    const fromA = new Set(this.ancestors(a));
    return this.ancestors(b).find((sha) => fromA.has(sha));
  }

  /** Sets a file in the tree of a commit (or of the commit a branch points to). */
  setFile(ref: string, path: string, content: string): void {
    const sha = this.resolveRef(ref) ?? ref;
    let tree = this.trees.get(sha);
    if (!tree) {
      tree = new Map();
      this.trees.set(sha, tree);
    }
    tree.set(path.replace(/^\/+/, ""), content);
  }
}

export interface CommitSeed {
  sha?: string;
  message?: string;
  /** Parents; defaults to the previous commit of the list (or the base commit). */
  parents?: string[];
  changes?: FileChange[];
}

export interface GitHubStateOptions {
  /** The authenticated user that writes (default: github-actions[bot], like GITHUB_TOKEN). */
  viewer?: User;
  /** Start of the logical clock. Default: real time, still advancing at least 1s per write. */
  startTime?: Date;
  /** Create GitHub's default labels in new repositories (default true). */
  defaultLabels?: boolean;
}

export interface RepoSeed {
  owner: User;
  name: string;
  id?: number;
  defaultBranch?: string;
  private?: boolean;
  template?: JsonObject;
}

/** Everything needed to put a pull request (and its repository and history) into the state. */
export interface PullRequestSeed {
  owner: User;
  repoName: string;
  repoId: number;
  defaultBranch: string;
  private: boolean;
  number: number;
  /** The pull request's id (as in the webhook payload). */
  pullId: number;
  title: string;
  body: string | null;
  draft: boolean;
  labels: string[];
  author: User;
  baseRef: string;
  headRef: string;
  baseSha: string;
  headSha: string;
  /** The test merge commit GitHub keeps at refs/pull/{n}/merge (GITHUB_SHA of pull_request runs). */
  mergeSha: string;
  /** Files at the base commit besides the `before` side of the changes (e.g. a config file). */
  baseFiles: Record<string, string>;
  /** The pull request's commits, oldest first; the last one is the head. */
  commits: Array<{ sha: string; parents?: string[]; message?: string; changes: FileChange[] }>;
  /** The pull request's file list. */
  files: FileChange[];
  repositoryTemplate: JsonObject;
  pullRequestTemplate: JsonObject;
}

export class GitHubState {
  readonly repos = new Map<string, RepoState>();
  readonly users = new Map<string, User>();
  readonly clock: Clock;
  viewer: User;
  private idCounter = 1_000_000_000;
  private readonly defaultLabels: boolean;

  constructor(options: GitHubStateOptions = {}) {
    this.clock = new Clock(options.startTime);
    this.viewer = options.viewer ?? GITHUB_ACTIONS_BOT;
    this.defaultLabels = options.defaultLabels ?? true;
    this.users.set(this.viewer.login.toLowerCase(), this.viewer);
  }

  nextId(): number {
    return ++this.idCounter;
  }

  /** The user with that login, created (with a stable id) on first use. */
  user(login: string, type: User["type"] = "User"): User {
    const key = login.toLowerCase();
    let user = this.users.get(key);
    if (!user) {
      const id = stableId(login);
      user = { login, id, node_id: nodeId(type === "Organization" ? "O" : "U", id), type, site_admin: false };
      this.users.set(key, user);
    }
    return user;
  }

  repo(owner: string, name: string): RepoState | undefined {
    return this.repos.get(`${owner}/${name}`.toLowerCase());
  }

  /** Returns the repository, creating it (with an empty root commit on its default branch) if needed. */
  ensureRepo(seed: RepoSeed): RepoState {
    const existing = this.repo(seed.owner.login, seed.name);
    if (existing) return existing;
    this.users.set(seed.owner.login.toLowerCase(), seed.owner);
    const id = seed.id ?? stableId(`${seed.owner.login}/${seed.name}`, 100_000_000);
    const repo = new RepoState(
      seed.owner,
      seed.name,
      id,
      nodeId("R", id),
      seed.defaultBranch ?? "main",
      seed.private ?? false,
      this.clock.tick(),
      seed.template ?? {},
    );
    this.repos.set(repo.fullName.toLowerCase(), repo);
    if (this.defaultLabels) {
      for (const label of DEFAULT_LABELS) this.addLabel(repo, { ...label, default: true });
    }
    return repo;
  }

  addLabel(
    repo: RepoState,
    label: { name: string; color?: string; description?: string | null; default?: boolean },
  ): LabelState {
    const id = labelId(repo.fullName, label.name);
    const state: LabelState = {
      id,
      node_id: nodeId("LA", id),
      name: label.name,
      color: (label.color ?? "ededed").replace(/^#/, "").toLowerCase(),
      description: label.description ?? null,
      default: label.default ?? false,
    };
    repo.labels.set(label.name.toLowerCase(), state);
    return state;
  }

  /** Labels by name, created with GitHub's default color when missing (as issue create/update does). */
  ensureLabels(repo: RepoState, names: string[]): string[] {
    return names.map((name) => (repo.label(name) ?? this.addLabel(repo, { name })).name);
  }

  /**
   * Adds a commit on top of `parents`, applying `changes` to the first parent's tree.
   * Returns the new commit's SHA.
   */
  addCommit(
    repo: RepoState,
    seed: { sha: string; parents: string[]; message?: string; changes?: FileChange[]; user?: User | null },
  ): string {
    const parentTree = seed.parents[0] ? repo.trees.get(seed.parents[0]) : undefined;
    const tree = new Map(parentTree ?? []);
    // A change stated by content is a change from the parent's content, whatever `before` said.
    const changes = (seed.changes ?? [])
      .map((change) =>
        change.patch === undefined && change.after !== undefined && !change.status
          ? { ...change, before: parentTree?.get(change.previous_filename ?? change.filename) ?? null }
          : change,
      )
      .filter(
        (change) => change.patch !== undefined || change.previous_filename || change.before !== change.after,
      );
    for (const change of changes) {
      if (change.previous_filename) tree.delete(change.previous_filename);
      if (change.after === null) tree.delete(change.filename);
      else if (typeof change.after === "string") tree.set(change.filename, change.after);
    }
    const user = seed.user === undefined ? repo.owner : seed.user;
    const date = this.clock.tick();
    repo.commits.set(seed.sha, {
      sha: seed.sha,
      parents: seed.parents,
      message: seed.message ?? `Commit ${seed.sha.slice(0, 7)}`,
      author: {
        name: user?.login ?? "Learner",
        email: `${user?.id ?? 0}+${user?.login ?? "learner"}@users.noreply.github.com`,
        date,
      },
      user,
      changes: toDiffFiles(changes),
      seeds: changes,
    });
    repo.trees.set(seed.sha, tree);
    return seed.sha;
  }

  /** Creates (or updates) a pull request, its repository, base and head commits, trees and issue. */
  seedPullRequest(seed: PullRequestSeed): PullState {
    const repo = this.ensureRepo({
      owner: seed.owner,
      name: seed.repoName,
      id: seed.repoId,
      defaultBranch: seed.defaultBranch,
      private: seed.private,
      template: seed.repositoryTemplate,
    });
    this.users.set(seed.author.login.toLowerCase(), seed.author);
    if (!repo.commits.has(seed.baseSha)) {
      const baseTree: FileChange[] = Object.entries(seed.baseFiles).map(([filename, after]) => ({
        filename,
        after,
      }));
      for (const change of seed.files) {
        const path = change.previous_filename ?? change.filename;
        if (typeof change.before === "string") baseTree.push({ filename: path, after: change.before });
      }
      this.addCommit(repo, { sha: seed.baseSha, parents: [], message: "Initial commit", changes: baseTree });
    }
    if (!repo.branches.has(seed.baseRef)) repo.branches.set(seed.baseRef, seed.baseSha);
    let previous = seed.baseSha;
    for (const commit of seed.commits) {
      if (!repo.commits.has(commit.sha)) {
        this.addCommit(repo, {
          sha: commit.sha,
          parents: commit.parents ?? [previous],
          message: commit.message ?? `Update ${commit.changes.map((c) => c.filename).join(", ") || "files"}`,
          changes: commit.changes,
          user: seed.author,
        });
      }
      previous = commit.sha;
    }
    repo.branches.set(seed.headRef, seed.headSha);
    // GitHub's test merge commit: base and head merged; the base has not moved, so its tree is the head's.
    if (!repo.commits.has(seed.mergeSha)) {
      this.addCommit(repo, {
        sha: seed.mergeSha,
        parents: [seed.baseSha, seed.headSha],
        message: `Merge ${seed.headSha} into ${seed.baseSha}`,
        user: null,
      });
      repo.trees.set(seed.mergeSha, new Map(repo.trees.get(seed.headSha) ?? []));
    }
    repo.branches.set(`pull/${seed.number}/head`, seed.headSha);
    repo.branches.set(`pull/${seed.number}/merge`, seed.mergeSha);
    const now = this.clock.tick();
    const existing = repo.pulls.get(seed.number);
    const id = existing?.id ?? seed.pullId;
    const pull: PullState = {
      number: seed.number,
      id,
      node_id: existing?.node_id ?? nodeId("PR", id),
      title: seed.title,
      body: seed.body,
      state: "open",
      draft: seed.draft,
      locked: false,
      user: seed.author,
      author_association: associationOf(repo, seed.author),
      headRef: seed.headRef,
      headSha: seed.headSha,
      baseRef: seed.baseRef,
      baseSha: seed.baseSha,
      mergeSha: seed.mergeSha,
      files: toDiffFiles(seed.files),
      created_at: existing?.created_at ?? now,
      updated_at: now,
      closed_at: null,
      merged_at: null,
      template: seed.pullRequestTemplate,
    };
    repo.pulls.set(pull.number, pull);
    const issue = repo.issues.get(pull.number);
    if (issue) {
      Object.assign(issue, { title: seed.title, body: seed.body, updated_at: now });
      issue.labels = this.ensureLabels(repo, seed.labels);
    } else {
      this.addIssue(repo, {
        number: pull.number,
        title: seed.title,
        body: seed.body,
        user: seed.author,
        labels: seed.labels,
        isPullRequest: true,
      });
      const created = repo.issues.get(pull.number)!;
      created.created_at = pull.created_at;
      created.updated_at = pull.updated_at;
    }
    return pull;
  }

  addIssue(
    repo: RepoState,
    issue: {
      title: string;
      body?: string | null;
      user?: User;
      labels?: string[];
      state?: "open" | "closed";
      number?: number;
      isPullRequest?: boolean;
    },
  ): IssueState {
    const now = this.clock.tick();
    const id = this.nextId();
    const user = issue.user ?? this.viewer;
    const state: IssueState = {
      number: issue.number ?? repo.nextIssueNumber(),
      id,
      node_id: nodeId(issue.isPullRequest ? "PR" : "I", id),
      title: issue.title,
      body: issue.body ?? null,
      state: issue.state ?? "open",
      state_reason: issue.state === "closed" ? "completed" : null,
      user,
      author_association: associationOf(repo, user),
      labels: this.ensureLabels(repo, issue.labels ?? []),
      assignees: [],
      locked: false,
      created_at: now,
      updated_at: now,
      closed_at: issue.state === "closed" ? now : null,
      closed_by: issue.state === "closed" ? user : null,
      isPullRequest: issue.isPullRequest ?? false,
    };
    repo.issues.set(state.number, state);
    return state;
  }

  addIssueComment(
    repo: RepoState,
    issueNumber: number,
    body: string,
    user: User = this.viewer,
  ): IssueCommentState {
    const now = this.clock.tick();
    const id = this.nextId();
    const comment: IssueCommentState = {
      id,
      node_id: nodeId("IC", id),
      issueNumber,
      body,
      user,
      author_association: associationOf(repo, user),
      created_at: now,
      updated_at: now,
    };
    repo.issueComments.set(id, comment);
    const issue = repo.issues.get(issueNumber);
    if (issue) issue.updated_at = now;
    const pull = repo.pulls.get(issueNumber);
    if (pull) pull.updated_at = now;
    return comment;
  }
}

/** GitHub's author_association of a user in a repository (simplified: owner, bot or contributor). */
export function associationOf(repo: RepoState, user: User): string {
  if (user.login.toLowerCase() === repo.owner.login.toLowerCase()) return "OWNER";
  if (user.type === "Bot") return "NONE";
  return "CONTRIBUTOR";
}
