// Finds secrets in text with secretlint's recommended rule set, plus AI-provider key shapes that set misses.
import { lintSource } from "@secretlint/core";
import { secretLintProfiler } from "@secretlint/profiler";
import { creator as recommended } from "@secretlint/secretlint-rule-preset-recommend";
import type { SourceFile } from "../../snapshot/types.js";
import { holdsAny } from "./needles.js";
import { linesMatching } from "./python-text.js";

export interface SecretHit {
  /** What kind of secret, never the secret itself. */
  kind: string;
  /** 1-based line within the scanned text. */
  line: number;
}

// secretlint marks every rule run on the process-wide performance timeline, keeps every mark, and scans all of
// them at each new one: over a large review that grows without bound (a sixth of a stdlib review's time, and
// its memory). learnloop never reads those timings, so the marks are not made.
secretLintProfiler.mark = () => {};

const config = { rules: [{ id: "@secretlint/secretlint-rule-preset-recommend", rule: recommended }] };

// secretlint 10's preset knows classic OpenAI keys but not the project/service-account keys OpenAI has issued
// since 2024, nor Anthropic, Hugging Face or Google AI keys: the ones AI learners actually paste. Each key sits
// on one line (no pattern matches a line break) and holds its needle.
const AI_PROVIDER_KEYS: { kind: string; pattern: RegExp; needle: string }[] = [
  { kind: "OpenAI API key", pattern: /\bsk-(proj|svcacct|admin)-[A-Za-z0-9_-]{40,}/g, needle: "sk-" },
  { kind: "Anthropic API key", pattern: /\bsk-ant-(api|admin)\d{2}-[A-Za-z0-9_-]{80,}/g, needle: "sk-" },
  { kind: "Hugging Face token", pattern: /\bhf_[A-Za-z]{34}\b/g, needle: "hf_" },
  { kind: "Google API key", pattern: /\bAIza[0-9A-Za-z_-]{35}\b/g, needle: "AIza" },
  { kind: "AWS access key id", pattern: /\bAKIA[0-9A-Z]{16}\b/g, needle: "AKIA" },
  { kind: "AWS access key id", pattern: /\bASIA[0-9A-Z]{16}\b/g, needle: "ASIA" },
];

/** Where secretlint's rule may match on a line holding the needle: everywhere, or where `at` matches. */
interface Anchor {
  needle: string;
  /** A sticky expression tried where the needle starts (the needle alone says too little). */
  at?: RegExp;
  /** The AWS secret key rule's `\s*` around the `=` may run on over the next lines. */
  spans?: boolean;
}

/**
 * Text that every match of a rule of secretlint's recommended preset (10.2.2) holds on the line where the match
 * starts, spelled as the rules spell it: the AWS secret key's name (the preset leaves AWS key id and account
 * scans off), a URL's user and password, GitHub's OAuth URLs and Slack webhooks (in any case), npm, Slack,
 * OpenAI, Linear, SendGrid, Shopify, GitHub and 1Password tokens, and `secretlint-disable` comments.
 */
const RULE_ANCHORS: readonly Anchor[] = [
  ...["SECRET", "Secret", "secret"].map((needle) => ({ needle, spans: true })),
  { needle: "://", at: /:\/\/(?:[^\s/:@]+:[^\s/@]+@|[Hh][Oo][Oo][Kk][Ss]\.[Ss][Ll][Aa][Cc][Kk]\.)/y },
  ...["x-oauth-basic@", "_authToken", "npm_", "xapp-", "sk-", "lin_api_", "SG.", "github_pat_", "ops_"].map(
    (needle) => ({ needle }),
  ),
  ...["b", "p", "a", "o", "r"].map((c) => ({ needle: `xox${c}-` })),
  ...["pa", "ca", "at", "ss"].map((c) => ({ needle: `shp${c}_` })),
  ...["p", "o", "u", "s", "r"].map((c) => ({ needle: `gh${c}_` })),
  { needle: "secretlint-" },
];
/** Private keys run over lines and a GCP key file is read as JSON: secretlint reads such a text whole. */
const WHOLE_TEXT_NEEDLES = ["-----BEGIN", "private_key"];
/** Line breaks secretlint counts and a split at "\n" does not: such a text is read whole too. */
const ODD_LINE_BREAK = /\r(?!\n)|[\u2028\u2029]/;

/** Every needle: a text holding none of them holds no secret the scanners know. */
const SECRET_NEEDLES = [
  ...new Set([
    ...RULE_ANCHORS.map((a) => a.needle),
    ...WHOLE_TEXT_NEEDLES,
    ...AI_PROVIDER_KEYS.map((k) => k.needle),
  ]),
];

const KIND_BY_RULE: Record<string, string> = {
  "@secretlint/secretlint-rule-openai": "OpenAI API key",
  "@secretlint/secretlint-rule-github": "GitHub token",
  "@secretlint/secretlint-rule-aws": "AWS credential",
  "@secretlint/secretlint-rule-gcp": "Google Cloud credential",
  "@secretlint/secretlint-rule-privatekey": "private key",
  "@secretlint/secretlint-rule-npm": "npm token",
  "@secretlint/secretlint-rule-slack": "Slack token",
  "@secretlint/secretlint-rule-sendgrid": "SendGrid key",
  "@secretlint/secretlint-rule-basicauth": "password in a URL",
  "@secretlint/secretlint-rule-database-connection-string": "database password",
  "@secretlint/secretlint-rule-linear": "Linear API key",
  "@secretlint/secretlint-rule-shopify": "Shopify token",
  "@secretlint/secretlint-rule-1password": "1Password service account token",
};

/** The secrets in `source` (a text, or a file: then its trigram filter rules out most needles without a scan). */
export async function scanForSecrets(source: string | SourceFile, path: string): Promise<SecretHit[]> {
  const text = typeof source === "string" ? source : source.text;
  const held = new Set(SECRET_NEEDLES.filter((needle) => holdsAny(source, [needle])));
  if (held.size === 0) return [];
  const hits = new Map<number, SecretHit>();
  const whole = WHOLE_TEXT_NEEDLES.some((needle) => held.has(needle)) || ODD_LINE_BREAK.test(text);
  const content = whole ? text : linesSecretlintReads(text, held);
  if (content !== null) {
    const result = await lintSource({
      source: { filePath: `/${path}`, content, contentType: "text" },
      options: { config, maskSecrets: true },
    });
    for (const m of result.messages) {
      const kind = KIND_BY_RULE[m.ruleId] ?? "secret";
      hits.set(m.loc.start.line, { kind, line: m.loc.start.line });
    }
  }
  // On a line secretlint said nothing about, the first AI-provider shape that fits, unless a comment turns
  // secretlint off there (the learner's own verdict on the line, as secretlint would honour it).
  const disabled = held.has("secretlint-") ? disabledLines(text) : null;
  const shapes = new Map<number, number>();
  AI_PROVIDER_KEYS.forEach(({ pattern, needle }, order) => {
    if (!held.has(needle)) return;
    for (const line of linesMatching(text, pattern)) {
      if (!hits.has(line) && !shapes.has(line) && !disabled?.(line)) shapes.set(line, order);
    }
  });
  for (const [line, order] of shapes) hits.set(line, { kind: AI_PROVIDER_KEYS[order]!.kind, line });
  return [...hits.values()].sort((a, b) => a.line - b.line);
}

/** secretlint's comments, as its filter-comments rule reads them: the directive, then any rule ids after it. */
const DIRECTIVE = /secretlint-(disable-next-line|disable-line|disable|enable)(.*)/g;

/**
 * The lines that comments turn secretlint off for every rule: `secretlint-disable-line`, the line after
 * `secretlint-disable-next-line`, and from `secretlint-disable` to the next `secretlint-enable` (or the end). A
 * comment naming rules (`secretlint-disable-line @secretlint/secretlint-rule-github`) leaves the others on.
 */
export function disabledLines(text: string): (line: number) => boolean {
  const lines = new Set<number>();
  const ranges: [number, number][] = [];
  let from: number | null = null;
  const lineAt = (index: number) => text.slice(0, index).split("\n").length;
  for (const m of text.matchAll(DIRECTIVE)) {
    const ruleIds = m[2]!
      .split("--")[0]!
      .split(",")
      .filter((id) => id.trim() !== "");
    if (ruleIds.length > 0) continue;
    const line = lineAt(m.index);
    if (m[1] === "disable-line") lines.add(line);
    else if (m[1] === "disable-next-line") lines.add(line + 1);
    else if (m[1] === "disable") from ??= line;
    else if (from !== null) {
      ranges.push([from, line]);
      from = null;
    }
  }
  if (from !== null) ranges.push([from, Number.POSITIVE_INFINITY]);
  return (line) => lines.has(line) || ranges.some(([start, end]) => line >= start && line <= end);
}

/**
 * The text with only the lines a preset rule could match on (see RULE_ANCHORS), every other line emptied: line
 * numbers stay, secretlint scans a fraction of the text, and its findings are the same. `held`: the needles the
 * text holds, when known. Null: no such line.
 */
export function linesSecretlintReads(text: string, held?: ReadonlySet<string>): string | null {
  const lineEnd = (from: number) => {
    const end = text.indexOf("\n", from);
    return end === -1 ? text.length : end;
  };
  const spans: [number, number][] = [];
  for (const anchor of RULE_ANCHORS) {
    if (held && !held.has(anchor.needle)) continue;
    for (let at = text.indexOf(anchor.needle); at !== -1; at = text.indexOf(anchor.needle, at + 1)) {
      if (anchor.at) {
        anchor.at.lastIndex = at;
        if (!anchor.at.test(text)) continue;
      }
      let end = lineEnd(at);
      if (anchor.spans) {
        // The `=` and the key may sit on the next two lines that hold anything but whitespace.
        for (let more = 2; more > 0 && end < text.length; ) {
          end = lineEnd(end + 1);
          if (/\S/.test(text.slice(text.lastIndexOf("\n", end - 1) + 1, end))) more--;
        }
      }
      spans.push([text.lastIndexOf("\n", at - 1) + 1, end]);
    }
  }
  if (spans.length === 0) return null;
  spans.sort((a, b) => a[0] - b[0]);
  const kept: [number, number][] = [];
  for (const [start, end] of spans) {
    const last = kept[kept.length - 1];
    if (last && start <= last[1]) last[1] = Math.max(last[1], end);
    else kept.push([start, end]);
  }
  const parts: string[] = [];
  let at = 0;
  for (const [start, end] of kept) {
    let breaks = 0;
    for (let i = text.indexOf("\n", at); i !== -1 && i < start; i = text.indexOf("\n", i + 1)) breaks++;
    parts.push("\n".repeat(breaks), text.slice(start, end));
    at = end;
  }
  return parts.join("");
}
