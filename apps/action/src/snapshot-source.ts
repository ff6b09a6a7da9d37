// Where the reviewed files come from: the workflow's checkout when it is at the reviewed commit, else the API.
import { execFile } from "node:child_process";
import { promisify } from "node:util";
import {
  type LearnloopConfig,
  loadDirectory,
  nodeFileSystem,
  readByRepoRules,
  type Snapshot,
} from "@learnloop/core";
import { ActionError } from "./errors.js";
import type { GitHub } from "./github.js";
import { readTarball, tarballFileSystem } from "./pr/tarball.js";

const run = promisify(execFile);

export interface SnapshotRequest {
  github: GitHub;
  repo: { owner: string; repo: string };
  /** The commit to review. */
  sha: string;
  workspace: string | null;
  /** PR mode: read the text of these files only (plus what repo-level rules need); null reads everything. */
  changed: ReadonlySet<string> | null;
  config: LearnloopConfig;
  name: string;
}

export interface LoadedSnapshot {
  snapshot: Snapshot;
  source: "checkout" | "api";
}

/** Whether the workspace is a checkout of exactly `sha` (reading git's state; nothing from the repo runs). */
async function checkedOutAt(workspace: string | null, sha: string): Promise<boolean> {
  if (!workspace) return false;
  try {
    const { stdout } = await run("git", ["-C", workspace, "rev-parse", "HEAD"], {
      env: { PATH: process.env.PATH ?? "" },
    });
    return stdout.trim() === sha;
  } catch {
    return false;
  }
}

export async function loadSnapshot(request: SnapshotRequest): Promise<LoadedSnapshot> {
  const { changed } = request;
  const wantText = changed ? (path: string) => changed.has(path) || readByRepoRules(path) : undefined;

  if (await checkedOutAt(request.workspace, request.sha)) {
    const loaded = await loadDirectory(request.workspace!, {
      fs: nodeFileSystem,
      name: request.name,
      ignore: request.config.ignore,
      wantText,
    });
    if (!loaded.ok) throw new ActionError(loaded.error.message);
    return { snapshot: loaded.value, source: "checkout" };
  }

  const { data } = await request.github.rest.repos.downloadTarballArchive({
    ...request.repo,
    ref: request.sha,
  });
  const tree = await readTarball(new Uint8Array(data as ArrayBuffer), wantText ?? (() => true));
  const root = "/repository";
  const loaded = await loadDirectory(root, {
    fs: tarballFileSystem(root, tree),
    name: request.name,
    ignore: request.config.ignore,
    listing: tree.listing,
    wantText,
  });
  if (!loaded.ok) throw new ActionError(loaded.error.message);
  return { snapshot: loaded.value, source: "api" };
}
