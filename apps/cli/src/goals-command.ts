// `learnloop goals [dir]`: the goals a local review proposes, or kept in a local goals file (--goals-file) like the issue.
import { readFile, rename, rm, stat, writeFile } from "node:fs/promises";
import { resolve } from "node:path";
import { AREA_TITLES, coachingLines, fail, GOALS_MARKER, type Goal, ok, type Result } from "@learnloop/core";
import { type MergeResult, mergeReview, parseGoalsBody, renderGoalsBody } from "@learnloop/core/goals";
import { headCommit } from "./git.js";
import type { GoalsFlags } from "./goals-flags.js";
import type { Io } from "./io.js";
import { mentorFrom, reviewDirectory } from "./review-command.js";

export async function goalsCommand(
  dirArg: string | undefined,
  flags: GoalsFlags,
  io: Io,
): Promise<Result<string>> {
  // The goals file is checked before the review: a wrong path fails at once and nothing is touched.
  const path = flags.goalsFile === undefined ? null : resolve(io.cwd, flags.goalsFile);
  const existing = path ? await readGoalsFile(path, flags.goalsFile!) : ok(null);
  if (!existing.ok) return existing;
  const parsed = parseGoalsBody(existing.value ?? "");
  const problem = parsed.problems[0];
  if (problem)
    return fail(
      "mangled-goals-file",
      `${flags.goalsFile}: ${problem.message}; fix it and run again (nothing was written)`,
    );

  const reviewed = await reviewDirectory(dirArg, { config: flags.config, quiet: flags.quiet }, io);
  if (!reviewed.ok) return reviewed;
  const { report, config, dir } = reviewed.value;
  const commit = await headCommit(dir);
  const options = { evidence: { pr: null, commit }, full: true, outcome: config.outcome };
  let result = mergeReview(parsed.doc, report, options);
  const agent = await mentorFrom(flags, io.env, config.model);
  if (agent && result.coaching.length > 0) {
    const { coachingRewriter } = await import("@learnloop/core/llm");
    const rewriter = coachingRewriter(report, agent, (why) => {
      if (!flags.quiet) io.stderr.write(`learnloop: goal coaching kept its own rewrites: ${why}\n`);
    });
    const rewrites = await rewriter(parseGoalsBody(existing.value ?? "").doc, result.coaching);
    result = mergeReview(parseGoalsBody(existing.value ?? "").doc, report, { ...options, rewrites });
  }

  if (path) {
    if (!result.fits)
      return fail("goals-file-too-long", `${flags.goalsFile}: ${result.problems.at(-1)?.message}`);
    const written = await writeAtomically(path, renderGoalsBody(result.doc), flags.goalsFile!);
    if (!written.ok) return written;
  }
  return ok(flags.format === "json" ? json(result) : text(result, flags.goalsFile ?? null));
}

async function readGoalsFile(path: string, shown: string): Promise<Result<string | null>> {
  let body: string;
  try {
    const info = await stat(path);
    if (info.isDirectory())
      return fail(
        "goals-file-is-directory",
        `${shown}: is a directory, not a file (pass a file such as GOALS.md)`,
      );
    if (!info.isFile()) return fail("goals-file-not-file", `${shown}: is not a regular file`);
    body = await readFile(path, "utf8");
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === "ENOENT") return ok(null);
    return fail("goals-file-unreadable", `${shown}: cannot read this file (${code ?? "unknown error"})`);
  }
  if (body.includes("\0") || body.includes("\uFFFD"))
    return fail(
      "goals-file-not-text",
      `${shown}: does not look like a UTF-8 text file (nothing was written)`,
    );
  if (body.trim() !== "" && !body.includes(GOALS_MARKER) && !body.includes("<!-- learnloop:state "))
    return fail(
      "goals-file-foreign",
      `${shown}: has no learnloop goals in it; pass a new file name or one learnloop wrote (nothing was written)`,
    );
  return ok(body);
}

/** Write beside the file, then rename over it: a crash never leaves half a goals file. */
async function writeAtomically(path: string, body: string, shown: string): Promise<Result<true>> {
  const temp = `${path}.learnloop-${process.pid}.tmp`;
  try {
    await writeFile(temp, body, "utf8");
    await rename(temp, path);
    return ok(true);
  } catch (error) {
    await rm(temp, { force: true });
    const code = (error as NodeJS.ErrnoException).code;
    return fail("goals-file-unwritable", `${shown}: cannot write this file (${code ?? "unknown error"})`);
  }
}

function json(result: MergeResult): string {
  return `${JSON.stringify(
    {
      goals: result.goals,
      done: result.done.map((g) => g.id),
      added: result.added.map((g) => g.id),
      coaching: result.coaching,
    },
    null,
    2,
  )}\n`;
}

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? "" : "s"}`;
const line = (g: Goal) => `- [${g.status === "done" ? "x" : " "}] ${g.text} (${AREA_TITLES[g.area]})`;

function text(result: MergeResult, file: string | null): string {
  const open = result.goals.filter((g) => g.status === "open");
  const out: string[] = [];
  if (file) {
    out.push(
      `${file}: ${plural(result.done.length, "goal")} done by this review, ${result.added.length} new, ${open.length} open.`,
      "",
    );
    for (const g of result.done) out.push(`${line(g)} · shown by this review`);
    for (const g of open) out.push(line(g));
  } else {
    out.push(
      open.length > 0
        ? "Goals to write down, one per area, most important first:"
        : "No gaps found: no goals to add.",
      "",
    );
    for (const g of open) out.push(line(g));
  }
  for (const coaching of coachingLines(
    result.coaching,
    (s) => s,
    (s) => `"${s}"`,
  ))
    out.push("", coaching);
  if (!file)
    out.push("", "Keep them in a file that remembers your edits: learnloop goals --goals-file GOALS.md");
  return `${out.join("\n")}\n`;
}
