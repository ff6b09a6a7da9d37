// One review, top to bottom: snapshot → detectors → agent (optional) → merge + rank → goals → report.
import type { AgentOptions } from "./agent/run-agent.js";
import { DEFAULT_CONFIG } from "./config/defaults.js";
import type { LearnloopConfig } from "./config/schema.js";
import { DETECTORS } from "./detectors/registry.js";
import { type DetectedFinding, type Parallelism, runDetectors } from "./detectors/run.js";
import type { Detector } from "./detectors/types.js";
import { goalsFromFindings } from "./goals/from-findings.js";
import { assistantPrompt } from "./merge/assistant-prompt.js";
import { type FindingText, findingText } from "./merge/finding-text.js";
import { fingerprint } from "./merge/fingerprint.js";
import { locate } from "./merge/locate.js";
import { rankFindings } from "./merge/rank.js";
import type { Finding, Report } from "./report/contract.js";
import { LineReader } from "./snapshot/source-file.js";
import type { Snapshot, SourceFile } from "./snapshot/types.js";

export interface ReviewOptions {
  config?: LearnloopConfig;
  detectors?: readonly Detector[];
  /** Milliseconds; injected so tests and the apps decide what time is. */
  clock?: () => number;
  /** When the run began (e.g. before loading the snapshot), by `clock`; defaults to the start of `review`. */
  startedAt?: number;
  /** Run file rules across threads on large reviews (the app supplies how to start a worker). */
  parallel?: Parallelism;
  /** The LLM mentor; absent means the detectors alone. Its failures never fail the review. */
  agent?: AgentOptions;
}

export async function review(snapshot: Snapshot, options: ReviewOptions = {}): Promise<Report> {
  const clock = options.clock ?? (() => performance.now());
  const startedAt = options.startedAt ?? clock();
  const config = options.config ?? DEFAULT_CONFIG;
  const detectors = (options.detectors ?? DETECTORS).filter((d) => !config.skip.includes(d.meta.area));

  const detected = await runDetectors(snapshot, detectors, options.parallel);
  const detectorFindings = toFindings(detected.findings, snapshot);
  // The mentor's code (LangChain, the tokenizer) loads only when a model is configured.
  const mentor = options.agent
    ? await (await import("./agent/run-agent.js")).runAgent(
        snapshot,
        detectorFindings,
        withConfigLimits(options.agent, config),
      )
    : null;
  const findings = rankFindings([...detectorFindings, ...(mentor?.findings ?? [])], config.focus);
  const metaById = new Map(detectors.map((d) => [d.meta.id, d.meta]));
  const goals = goalsFromFindings(findings, (id) => metaById.get(id));

  const skipped: Record<string, number> = {};
  for (const s of snapshot.skipped) skipped[s.reason] = (skipped[s.reason] ?? 0) + 1;

  return {
    schemaVersion: 1,
    findings,
    goals,
    stats: {
      files: snapshot.files.length,
      bytes: snapshot.files.reduce((sum, f) => sum + f.bytes, 0),
      skipped,
      ms: Math.round(clock() - startedAt),
      mode: snapshot.changes ? "changes" : "full",
      changedFiles: snapshot.changes?.length ?? null,
      detectors: detectors.length,
      threads: detected.threads,
      ...(mentor ? { llm: mentor.stats } : {}),
    },
  };
}

/** The learner's config sets the mentor's limits and prices; what the app passed explicitly wins. */
function withConfigLimits(agent: AgentOptions, config: LearnloopConfig): AgentOptions {
  const llm = config.llm ?? {};
  const defined = <T extends object>(o: T) =>
    Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;
  return {
    ...defined({
      maxSteps: llm["max-steps"],
      maxPromptTokens: llm["max-prompt-tokens"],
      maxTotalTokens: llm["max-total-tokens"],
      requestTimeoutMs: llm["request-timeout"] === undefined ? undefined : llm["request-timeout"] * 1000,
      deadlineMs: llm.deadline === undefined ? undefined : llm.deadline * 1000,
    }),
    ...agent,
    profile: {
      ...defined({
        contextWindow: llm["context-window"],
        inputPerMillion: llm["input-price"],
        outputPerMillion: llm["output-price"],
      }),
      ...agent.profile,
    },
  };
}

function toFindings(detected: readonly DetectedFinding[], snapshot: Snapshot): Finding[] {
  const files = new Map(snapshot.files.map((f) => [f.path, f]));
  // A finding's line is read from its file without splitting the file into lines.
  const readers = new Map<SourceFile, LineReader>();
  const readerOf = (file: SourceFile): LineReader => {
    let reader = readers.get(file);
    if (!reader) {
      reader = new LineReader(file.text, Boolean(file.notebook));
      readers.set(file, reader);
    }
    return reader;
  };
  const occurrences = new Map<string, number>();
  const seen = new Set<string>();
  const out: Finding[] = [];

  for (const d of detected) {
    const file = d.file === null ? undefined : files.get(d.file);
    // Most findings come with their code, read by the thread that ran the rule.
    const text =
      d.text ?? (file ? findingText(readerOf(file), d.line, d.endLine, Boolean(d.meta.sensitive)) : NO_TEXT);
    const { code } = text;
    const key = `${d.meta.id}\0${d.file}\0${code.replace(/\s+/g, " ").trim()}\0${d.line === null ? d.message : ""}`;
    const occurrence = occurrences.get(key) ?? 0;
    occurrences.set(key, occurrence + 1);
    const print = fingerprint({
      ruleId: d.meta.id,
      file: d.file,
      code,
      occurrence,
      detail: d.line === null ? d.message : undefined,
    });
    if (seen.has(print)) continue;
    seen.add(print);

    // Rules and the fingerprint read the code's own lines; the finding points at the lines of the file as stored.
    const placed = locate(d, file);
    out.push({
      ruleId: d.meta.id,
      area: d.meta.area,
      level: d.meta.level,
      file: d.file,
      line: placed.line,
      endLine: placed.endLine,
      message: placed.message,
      why: d.meta.why,
      tryThis: d.meta.tryThis,
      learnMore: d.meta.learnMore,
      assistantPrompt: assistantPrompt({
        meta: d.meta,
        message: d.message,
        location: placed.where,
        code: text.excerpt,
      }),
      source: "detector",
      fingerprint: print,
    });
  }
  return out;
}

const NO_TEXT: FindingText = { code: "", excerpt: null };
