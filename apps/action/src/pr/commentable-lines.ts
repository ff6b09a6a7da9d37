// Which lines of a pull request GitHub accepts review comments on: those inside a diff hunk, on the new side.

/** New-side line numbers that appear in the patch's hunks (added or context lines), per file. */
export function commentableLines(patch: string | undefined | null): Set<number> {
  const lines = new Set<number>();
  if (!patch) return lines;
  let next = 0;
  let inHunk = false;
  for (const line of patch.split("\n")) {
    const header = /^@@ -\d+(?:,\d+)? \+(\d+)(?:,(\d+))? @@/.exec(line);
    if (header) {
      next = Number(header[1]);
      inHunk = true;
      continue;
    }
    if (!inHunk) continue;
    if (line.startsWith("+") || line.startsWith(" ")) {
      lines.add(next);
      next += 1;
    } else if (line === "") {
      // A blank context line whose leading space was trimmed by a copy: still a line of the hunk.
      lines.add(next);
      next += 1;
    }
    // "-" lines are old-side only; "\ No newline at end of file" is not a line.
  }
  return lines;
}

/** A unified diff for one file, as `changedFilesFromDiff` reads it, from GitHub's per-file `patch`. */
export function asUnifiedDiff(path: string, patch: string, status: string): string {
  const from = status === "added" ? "/dev/null" : `a/${path}`;
  const to = status === "removed" ? "/dev/null" : `b/${path}`;
  const mode =
    status === "added" ? "new file mode 100644\n" : status === "removed" ? "deleted file mode 100644\n" : "";
  return `diff --git a/${path} b/${path}\n${mode}--- ${from}\n+++ ${to}\n${patch}\n`;
}
