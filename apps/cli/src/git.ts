// The few git questions `--base` needs answered, asked of the git CLI; failures come back as one-line errors.
import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { type ChangedFile, changedFilesFromDiff, fail, ok, type Result } from "@learnloop/core";

const run = promisify(execFile);

async function git(dir: string, args: string[]): Promise<string> {
  const { stdout } = await run("git", ["-C", dir, "-c", "core.quotepath=off", ...args], {
    maxBuffer: 256 * 1024 * 1024,
    env: { ...process.env, GIT_TERMINAL_PROMPT: "0", LC_ALL: "C" },
  });
  return stdout;
}

export interface GitChanges {
  changes: ChangedFile[];
  /** Every file git knows in `dir` (tracked, plus untracked and not ignored), relative to `dir`. */
  listing: string[];
}

/** What changed in `dir` since `ref` (as a pull request would show it), including uncommitted and new files. */
export async function changesSince(dir: string, ref: string, shown = dir): Promise<Result<GitChanges>> {
  try {
    await git(dir, ["rev-parse", "--show-toplevel"]);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT")
      return fail("git-missing", "--base needs git, and git is not installed");
    return fail("not-a-git-repo", `--base needs a git repository, and ${shown} is not inside one`);
  }
  let base: string;
  try {
    base = (
      await git(dir, ["rev-parse", "--verify", "--quiet", "--end-of-options", `${ref}^{commit}`])
    ).trim();
  } catch {
    return fail("unknown-ref", `--base ${ref}: no such commit, branch or tag in this repository`);
  }
  try {
    base = (await git(dir, ["merge-base", base, "HEAD"])).trim() || base;
  } catch {
    // No common ancestor (or no commits yet on HEAD): compare with the ref itself.
  }
  const diff = await git(dir, [
    "diff",
    "--no-color",
    "--no-ext-diff",
    // Line numbers must be those of the files as stored: a textconv filter (nbstripout sets one for notebooks)
    // would number the lines of its own output.
    "--no-textconv",
    "--unified=0",
    "-M",
    "--relative",
    base,
    "--",
  ]);
  const files = async (...args: string[]) =>
    (await git(dir, ["ls-files", "-z", ...args])).split("\0").filter(Boolean);
  const untracked = await files("--others", "--exclude-standard");
  const tracked = await files("--cached");
  const changes = changedFilesFromDiff(diff);
  const known = new Set(changes.map((c) => c.path));
  for (const path of untracked) {
    if (!known.has(path)) changes.push({ path, status: "added", addedLines: new Set() });
  }
  const deleted = new Set(changes.filter((c) => c.status === "deleted").map((c) => c.path));
  const listing = [...new Set([...tracked, ...untracked])].filter((p) => !deleted.has(p));
  return ok({ changes: changes.filter((c) => c.status !== "deleted"), listing });
}

/** The commit checked out in `dir`, or null outside a git repository (or before the first commit). */
export async function headCommit(dir: string): Promise<string | null> {
  try {
    return (await git(dir, ["rev-parse", "--verify", "--quiet", "HEAD"])).trim() || null;
  } catch {
    return null;
  }
}
