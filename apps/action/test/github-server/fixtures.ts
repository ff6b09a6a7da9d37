// Pull request fixtures built from REAL webhook payloads (@octokit/webhooks-examples), retargeted at a
// test repository, plus the event file and environment a GitHub Action run would get.

import { readFileSync } from "node:fs";
import { mkdtemp, writeFile } from "node:fs/promises";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { HTML_URL, renderUser } from "./render.js";
import {
  DEFAULT_LABELS,
  type FileChange,
  fakeSha,
  type JsonObject,
  labelId,
  nodeId,
  type PullRequestSeed,
  squashChanges,
  stableId,
  toDiffFiles,
  type User,
} from "./state.js";

const require = createRequire(import.meta.url);

interface WebhookDefinition {
  name: string;
  actions: string[];
  examples: JsonObject[];
}

let definitions: WebhookDefinition[] | undefined;

/** A deep copy of a real webhook payload from @octokit/webhooks-examples (api.github.com). */
export function webhookExample(event: string, action?: string): JsonObject {
  definitions ??= JSON.parse(
    readFileSync(require.resolve("@octokit/webhooks-examples/api.github.com/index.json"), "utf8"),
  ) as WebhookDefinition[];
  const definition = definitions.find((d) => d.name === event);
  if (!definition) throw new Error(`@octokit/webhooks-examples has no "${event}" event`);
  const example = definition.examples.find((e) => action === undefined || e.action === action);
  if (!example) {
    const actions = [...new Set(definition.examples.map((e) => String(e.action)))].join(", ");
    throw new Error(`@octokit/webhooks-examples has no "${event}.${action}" example (it has: ${actions})`);
  }
  return structuredClone(example);
}

export interface PullRequestFixtureOptions {
  /** API base the payload's URLs point at; pass the fake server's url (server.seedPullRequest does). */
  apiUrl?: string;
  owner?: string;
  ownerType?: "User" | "Organization";
  repo?: string;
  repoId?: number;
  private?: boolean;
  defaultBranch?: string;
  number?: number;
  /** The pull_request webhook action: "opened" (default), "synchronize", "reopened", ... */
  action?: string;
  title?: string;
  body?: string | null;
  /** Login of the pull request's author (and the event's sender). Default: the owner (a learner's own repo). */
  author?: string;
  draft?: boolean;
  labels?: string[];
  baseRef?: string;
  headRef?: string;
  baseSha?: string;
  headSha?: string;
  /**
   * For "synchronize": the head before the push (payload `before`). Default: the current head when the
   * pull request is already seeded (server.seedPullRequest), else a new commit between base and head.
   */
  beforeSha?: string;
  /** The pull request's changes. With `commits`, defaults to their combined changes. */
  files?: FileChange[];
  /** Files in the base tree besides the `before` side of `files` (e.g. a config file). */
  baseFiles?: Record<string, string>;
  /** The pull request's commits, oldest first (the last is the head). Default: one commit with `files`. */
  commits?: Array<{ sha?: string; message?: string; changes: FileChange[] }>;
}

export interface PullRequestFixture extends PullRequestSeed {
  eventName: "pull_request";
  action: string;
  /** The webhook payload (what GITHUB_EVENT_PATH holds in an Action run). */
  event: JsonObject;
}

const EXAMPLE = { owner: "Codertocat", repo: "Hello-World" } as const;

/** Replaces strings everywhere in a JSON value. */
function mapStrings(value: unknown, map: (s: string) => string): unknown {
  if (typeof value === "string") return map(value);
  if (Array.isArray(value)) return value.map((v) => mapStrings(v, map));
  if (value && typeof value === "object") {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, mapStrings(v, map)]));
  }
  return value;
}

function findLeftover(value: unknown, needles: string[], path = "$"): string | undefined {
  if (typeof value === "string") {
    return needles.some((n) => value.includes(n)) ? `${path} = ${JSON.stringify(value)}` : undefined;
  }
  if (value && typeof value === "object") {
    for (const [k, v] of Object.entries(value)) {
      const hit = findLeftover(v, needles, `${path}.${k}`);
      if (hit) return hit;
    }
  }
  return undefined;
}

function asObject(value: unknown): JsonObject {
  return value && typeof value === "object" && !Array.isArray(value) ? (value as JsonObject) : {};
}

/**
 * A pull request fixture: a real `pull_request` webhook payload from @octokit/webhooks-examples with the
 * repository, owner, author, ids, refs, SHAs, counts and URLs rewritten to the test repository, plus the
 * seed the fake server needs (commits, trees, file list).
 */
export function buildPullRequestFixture(options: PullRequestFixtureOptions = {}): PullRequestFixture {
  const apiUrl = (options.apiUrl ?? "https://api.github.com").replace(/\/+$/, "");
  const ownerType = options.ownerType ?? "User";
  const ownerLogin = options.owner ?? "learnloop-learner";
  const repoName = options.repo ?? "practice-project";
  const fullName = `${ownerLogin}/${repoName}`;
  const ownerId = stableId(ownerLogin);
  const owner: User = {
    login: ownerLogin,
    id: ownerId,
    node_id: nodeId(ownerType === "Organization" ? "O" : "U", ownerId),
    type: ownerType,
    site_admin: false,
  };
  const authorLogin = options.author ?? (ownerType === "User" ? ownerLogin : "learnloop-learner");
  const authorId = stableId(authorLogin);
  const author: User =
    authorLogin === ownerLogin
      ? owner
      : { login: authorLogin, id: authorId, node_id: nodeId("U", authorId), type: "User", site_admin: false };
  const repoId = options.repoId ?? stableId(fullName, 100_000_000);
  const number = options.number ?? 1;
  const action = options.action ?? "opened";
  const defaultBranch = options.defaultBranch ?? "main";
  const baseRef = options.baseRef ?? defaultBranch;
  const headRef = options.headRef ?? "learner/practice-change";
  const baseSha = options.baseSha ?? fakeSha(`${fullName}#${number}:base`);
  // Default SHAs depend on the content, so seeding the same PR again with new files makes a new head.
  const contentKey = JSON.stringify([
    options.files ?? null,
    options.commits ?? null,
    options.beforeSha ?? null,
  ]);
  const headSha = options.headSha ?? fakeSha(`${fullName}#${number}:head:${contentKey}`);
  const mergeSha = fakeSha(`${fullName}#${number}:merge`);

  let commits: PullRequestSeed["commits"];
  if (options.commits && options.commits.length > 0) {
    commits = options.commits.map((c, i) => ({
      sha:
        i === options.commits!.length - 1
          ? (c.sha ?? headSha)
          : (c.sha ?? fakeSha(`${fullName}#${number}:${i}:${contentKey}`)),
      ...(c.message ? { message: c.message } : {}),
      changes: c.changes,
    }));
  } else if (action === "synchronize") {
    commits = [
      { sha: options.beforeSha ?? fakeSha(`${fullName}#${number}:before:${contentKey}`), changes: [] },
      { sha: headSha, changes: options.files ?? [] },
    ];
  } else {
    commits = [{ sha: headSha, changes: options.files ?? [] }];
  }
  const finalHead = commits.at(-1)!.sha;
  const files = options.files ?? squashChanges(commits.map((c) => c.changes));
  const diffFiles = toDiffFiles(files);
  const title = options.title ?? "Add a first version of the practice project";
  const body = options.body === undefined ? "Please review my changes." : options.body;
  const labels = options.labels ?? [];

  // --- the event payload -------------------------------------------------------------------------------
  const example = webhookExample("pull_request", action);
  const examplePull = asObject(example.pull_request);
  const oldHead = String(asObject(examplePull.head).sha);
  const oldBase = String(asObject(examplePull.base).sha);
  const oldNumber = String(examplePull.number);
  const retargeted = mapStrings(example, (s) =>
    s
      .replaceAll("https://api.github.com", apiUrl)
      .replaceAll(`${EXAMPLE.owner}/${EXAMPLE.repo}`, fullName)
      .replace(new RegExp(`/(pulls?|issues)/${oldNumber}(?=$|[/.#{])`, "g"), `/$1/${number}`)
      .replaceAll(oldHead, finalHead)
      .replaceAll(oldBase, baseSha),
  ) as JsonObject;
  delete retargeted.installation;
  delete retargeted.organization;
  const ctx = { api: apiUrl };
  const ownerJson = renderUser(ctx, owner);
  const authorJson = renderUser(ctx, author);

  const repository = asObject(retargeted.repository);
  Object.assign(repository, {
    id: repoId,
    node_id: nodeId("R", repoId),
    name: repoName,
    full_name: fullName,
    private: options.private ?? false,
    owner: ownerJson,
    default_branch: defaultBranch,
    ...("visibility" in repository ? { visibility: options.private ? "private" : "public" } : {}),
  });
  for (const key of ["master_branch"]) if (key in repository) repository[key] = defaultBranch;

  const additions = diffFiles.reduce((sum, f) => sum + f.additions, 0);
  const deletions = diffFiles.reduce((sum, f) => sum + f.deletions, 0);
  const now = new Date().toISOString().replace(/\.\d{3}Z$/, "Z");
  const pullId = stableId(`${fullName}#${number}`, 1_000_000_000);
  const pull = asObject(retargeted.pull_request);
  Object.assign(pull, {
    id: pullId,
    node_id: nodeId("PR", pullId),
    number,
    state: "open",
    locked: false,
    title,
    body,
    user: authorJson,
    created_at: now,
    updated_at: now,
    closed_at: null,
    merged_at: null,
    merge_commit_sha: mergeSha,
    assignee: null,
    assignees: [],
    requested_reviewers: [],
    requested_teams: [],
    labels: labels.map((name) => {
      const known = DEFAULT_LABELS.find((l) => l.name.toLowerCase() === name.toLowerCase());
      const id = labelId(fullName, name);
      return {
        id,
        node_id: nodeId("LA", id),
        url: `${apiUrl}/repos/${fullName}/labels/${encodeURIComponent(name)}`,
        name,
        color: known?.color ?? "ededed",
        default: known !== undefined,
        description: known?.description ?? null,
      };
    }),
    milestone: null,
    draft: options.draft ?? false,
    author_association: author === owner ? "OWNER" : "CONTRIBUTOR",
    merged: false,
    merged_by: null,
    comments: 0,
    review_comments: 0,
    commits: commits.length,
    additions,
    deletions,
    changed_files: diffFiles.length,
  });
  for (const [side, ref, sha] of [
    ["head", headRef, finalHead],
    ["base", baseRef, baseSha],
  ] as const) {
    const branch = asObject(pull[side]);
    const repo = asObject(branch.repo);
    Object.assign(repo, {
      id: repoId,
      node_id: nodeId("R", repoId),
      name: repoName,
      full_name: fullName,
      private: options.private ?? false,
      owner: ownerJson,
      default_branch: defaultBranch,
    });
    Object.assign(branch, { label: `${ownerLogin}:${ref}`, ref, sha, user: ownerJson, repo });
  }
  retargeted.number = number;
  retargeted.sender = authorJson;
  if (action === "synchronize") {
    retargeted.before = commits.length > 1 ? commits.at(-2)!.sha : baseSha;
    retargeted.after = finalHead;
  }
  const stale = [
    EXAMPLE.owner,
    EXAMPLE.repo,
    oldHead,
    ...(apiUrl.includes("api.github.com") ? [] : ["api.github.com"]),
  ];
  const leftover = findLeftover(retargeted, stale);
  if (leftover) throw new Error(`webhook example was not fully retargeted: ${leftover}`);

  return {
    eventName: "pull_request",
    action,
    event: retargeted,
    owner,
    repoName,
    repoId,
    defaultBranch,
    private: options.private ?? false,
    number,
    pullId,
    title,
    body,
    draft: options.draft ?? false,
    labels,
    author,
    baseRef,
    headRef,
    baseSha,
    headSha: finalHead,
    mergeSha,
    baseFiles: options.baseFiles ?? {},
    commits,
    files,
    repositoryTemplate: structuredClone(repository),
    pullRequestTemplate: structuredClone(pull),
  };
}

/** Writes an event payload to a fresh temp file and returns its path (for GITHUB_EVENT_PATH). */
export async function writeEventFile(event: JsonObject, directory?: string): Promise<string> {
  const dir = directory ?? (await mkdtemp(join(tmpdir(), "learnloop-event-")));
  const path = join(dir, "event.json");
  await writeFile(path, `${JSON.stringify(event, null, 2)}\n`, "utf8");
  return path;
}

/**
 * The environment variables GitHub Actions sets for a `pull_request` run, pointed at the fake server.
 * The token input is the action's business (add it yourself, e.g. `INPUT_GITHUB-TOKEN`).
 * GITHUB_SHA is the (fake) merge commit, as in real pull_request runs: the head is in the payload.
 */
export function actionEnvironment(
  fixture: PullRequestFixture,
  apiUrl: string,
  eventPath: string,
): Record<string, string> {
  return {
    GITHUB_ACTIONS: "true",
    CI: "true",
    GITHUB_EVENT_NAME: fixture.eventName,
    GITHUB_EVENT_PATH: eventPath,
    GITHUB_API_URL: apiUrl.replace(/\/+$/, ""),
    GITHUB_SERVER_URL: HTML_URL,
    GITHUB_GRAPHQL_URL: `${apiUrl.replace(/\/+$/, "")}/graphql`,
    GITHUB_REPOSITORY: `${fixture.owner.login}/${fixture.repoName}`,
    GITHUB_REPOSITORY_OWNER: fixture.owner.login,
    GITHUB_REPOSITORY_ID: String(fixture.repoId),
    GITHUB_REF: `refs/pull/${fixture.number}/merge`,
    GITHUB_REF_NAME: `${fixture.number}/merge`,
    GITHUB_REF_TYPE: "branch",
    GITHUB_HEAD_REF: fixture.headRef,
    GITHUB_BASE_REF: fixture.baseRef,
    GITHUB_SHA: fixture.mergeSha,
    GITHUB_ACTOR: fixture.author.login,
    GITHUB_TRIGGERING_ACTOR: fixture.author.login,
    GITHUB_WORKFLOW: "learnloop",
    GITHUB_RUN_ID: "1",
    GITHUB_RUN_NUMBER: "1",
    GITHUB_RUN_ATTEMPT: "1",
    GITHUB_JOB: "review",
  };
}
