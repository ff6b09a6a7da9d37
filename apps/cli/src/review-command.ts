// `learnloop review [dir]`: load config and files, review, print in the asked format.
import { readFile, stat } from "node:fs/promises";
import { isAbsolute, join, resolve } from "node:path";
import {
  CONFIG_PATH,
  DEFAULT_CONFIG,
  DETECTORS,
  fail,
  type LearnloopConfig,
  loadDirectory,
  nodeFileSystem,
  ok,
  PARALLEL_MIN_BYTES,
  type Report,
  type Result,
  readByRepoRules,
  renderMarkdown,
  renderSarif,
  review,
  type Snapshot,
} from "@learnloop/core";
import { changesSince } from "./git.js";
import type { Io } from "./io.js";
import { wantsColor } from "./io.js";
import { cliParallelism, workerPool } from "./parallel.js";
import { startProgress } from "./progress.js";
import { renderText } from "./render-text.js";
import { VERSION } from "./version.js";

export const FORMATS = ["text", "json", "markdown", "sarif"] as const;
export type Format = (typeof FORMATS)[number];

export interface ReviewFlags {
  format: Format;
  base?: string;
  config?: string;
  quiet: boolean;
  model?: string;
  /** False with --no-llm. */
  llm: boolean;
}

export async function reviewCommand(
  dirArg: string | undefined,
  flags: ReviewFlags,
  io: Io,
): Promise<Result<string>> {
  const reviewed = await reviewDirectory(dirArg, flags, io);
  if (!reviewed.ok) return reviewed;
  const { report, config, shown } = reviewed.value;
  return ok(render(report, flags, config, shown, io));
}

export interface Reviewed {
  report: Report;
  config: LearnloopConfig;
  /** The folder as the user named it. */
  shown: string;
  dir: string;
}

/** Loads config and files of a folder (or what changed since `base`) and reviews them: shared by review and goals. */
export async function reviewDirectory(
  dirArg: string | undefined,
  flags: Pick<ReviewFlags, "base" | "config" | "quiet" | "model"> & { llm?: boolean },
  io: Io,
): Promise<Result<Reviewed>> {
  const startedAt = performance.now();
  const shown = dirArg ?? ".";
  const dir = resolve(io.cwd, shown);

  const kind = await nodeFileSystem.kindOf(dir);
  if (kind === null) return fail("not-found", `${shown}: no such directory`);
  if (kind !== "directory")
    return fail("not-a-directory", `${shown}: is a file, not a directory (pass the project's folder)`);

  const config = await readConfig(dir, flags.config, io.cwd);
  if (!config.ok) return config;

  const changes = flags.base === undefined ? null : await changesSince(dir, flags.base, shown);
  if (changes && !changes.ok) return changes;

  const progress = startProgress(io.stderr, !flags.quiet && Boolean(io.stderr.isTTY));
  // Once the text read shows a large repo, its workers start, while the rest is read.
  const parallel = workerPool(cliParallelism(io.env));
  try {
    let snapshot: Result<Snapshot>;
    try {
      const changed = changes ? new Set(changes.value.changes.map((c) => c.path)) : null;
      snapshot = await loadDirectory(dir, {
        fs: nodeFileSystem,
        name: shown,
        ignore: config.value.ignore,
        wantText: changed ? (path) => changed.has(path) || readByRepoRules(path) : undefined,
        listing: changes?.value.listing,
        onProgress: (n) => progress.update(n),
        onBytesRead: (bytes) => {
          if (bytes >= PARALLEL_MIN_BYTES) parallel.prestart();
        },
      });
    } finally {
      progress.stop();
    }
    if (!snapshot.ok) return fail(snapshot.error.code, snapshot.error.message.replace(dir, shown));
    if (changes) snapshot.value.changes = changes.value.changes;
    parallel.loaded();

    const report = await review(snapshot.value, {
      config: config.value,
      startedAt,
      parallel,
      agent: await mentorFrom(flags, io.env, config.value.model),
    });
    return ok({ report, config: config.value, shown, dir });
  } finally {
    parallel.release();
  }
}

/**
 * The mentor runs when a key or an OpenAI-compatible base URL is configured, unless --no-llm; callers that do not
 * ask for it (goals: they come from the detectors alone) do not pay for it.
 */
export async function mentorFrom(
  flags: { llm?: boolean; model?: string },
  env: NodeJS.ProcessEnv,
  configModel: string | undefined,
) {
  const apiKey = env.OPENAI_API_KEY?.trim() || null;
  const baseUrl = env.OPENAI_BASE_URL?.trim() || null;
  if (flags.llm !== true || (!apiKey && !baseUrl)) return undefined;
  // The model's code (LangChain, the OpenAI SDK) loads only now: an offline review never pays for it.
  const { openAIAgent } = await import("@learnloop/core/llm");
  return openAIAgent({ apiKey, baseUrl, model: flags.model?.trim() || configModel || null });
}

function render(report: Report, flags: ReviewFlags, config: LearnloopConfig, title: string, io: Io): string {
  switch (flags.format) {
    case "json":
      return `${JSON.stringify(report, null, 2)}\n`;
    case "markdown":
      return renderMarkdown(report, { title, tone: config.tone });
    case "sarif":
      return `${JSON.stringify(
        renderSarif(report, {
          toolVersion: VERSION,
          informationUri: "https://github.com/learnloop/learnloop",
          rules: DETECTORS.map((d) => d.meta),
        }),
        null,
        2,
      )}\n`;
    case "text":
      return renderText(report, {
        title,
        colors: wantsColor(io),
        width: io.stdout.columns ?? 100,
        quiet: flags.quiet,
        tone: config.tone,
      });
  }
}

async function readConfig(
  dir: string,
  explicit: string | undefined,
  cwd: string,
): Promise<Result<LearnloopConfig>> {
  const candidates = explicit
    ? [isAbsolute(explicit) ? explicit : resolve(cwd, explicit)]
    : [join(dir, CONFIG_PATH), join(dir, CONFIG_PATH.replace(/\.yml$/, ".yaml"))];
  for (const path of candidates) {
    const shown = explicit ?? path.slice(dir.length + 1);
    let text: string;
    try {
      if (!(await stat(path)).isFile()) return fail("invalid-config", `${shown}: is not a file`);
      text = await readFile(path, "utf8");
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code === "ENOENT" && !explicit) continue;
      return fail(
        "invalid-config",
        `${shown}: ${code === "ENOENT" ? "no such config file" : "cannot read this file"}`,
      );
    }
    // The config's reader (its schema is zod's) loads only when there is a config to read.
    const { parseConfig } = await import("@learnloop/core/config");
    return parseConfig(text, shown);
  }
  return ok(DEFAULT_CONFIG);
}
