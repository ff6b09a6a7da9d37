// Finds secrets in text with secretlint's recommended rule set, plus AI-provider key shapes that set misses.
import { lintSource } from "@secretlint/core";
import { secretLintProfiler } from "@secretlint/profiler";
import { creator as recommended } from "@secretlint/secretlint-rule-preset-recommend";

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
// on one line (no pattern matches a line break).
const AI_PROVIDER_KEYS: { kind: string; pattern: RegExp }[] = [
  { kind: "OpenAI API key", pattern: /\bsk-(proj|svcacct|admin)-[A-Za-z0-9_-]{40,}/g },
  { kind: "Anthropic API key", pattern: /\bsk-ant-(api|admin)\d{2}-[A-Za-z0-9_-]{80,}/g },
  { kind: "Hugging Face token", pattern: /\bhf_[A-Za-z]{34}\b/g },
  { kind: "Google API key", pattern: /\bAIza[0-9A-Za-z_-]{35}\b/g },
  { kind: "AWS access key id", pattern: /\b(AKIA|ASIA)[0-9A-Z]{16}\b/g },
];

/**
 * Text that every match of a rule of secretlint's recommended preset (10.2.2) holds on the line where the match
 * starts, spelled as the rules spell it: the AWS secret key's name (the preset leaves AWS key id and account
 * scans off), a URL's user and password, GitHub's OAuth URLs and Slack webhooks (in any case), npm, Slack,
 * OpenAI, Linear, SendGrid, Shopify, GitHub and 1Password tokens, and `secretlint-disable` comments.
 */
const RULE_ANCHORS =
  /SECRET|[Ss]ecret|:\/\/[^\s/:@]+:[^\s/@]+@|x-oauth-basic@|:\/\/[Hh][Oo][Oo][Kk][Ss]\.[Ss][Ll][Aa][Cc][Kk]\.|_authToken|npm_|xox[bpaor]-|xapp-|sk-|lin_api_|SG\.|shp(?:pa|ca|at|ss)_|gh[pousr]_|github_pat_|ops_|secretlint-/g;
/** Anchors of the AWS secret key rule, whose `\s*` around the `=` may run on over the next lines. */
const SPANNING_ANCHOR = /^(SECRET|[Ss]ecret)$/;
/**
 * Where only the whole text will do: private keys run over lines, a GCP key file is read as JSON, and secretlint
 * counts lone CRs and Unicode line separators as line breaks.
 */
const WHOLE_TEXT = /-----BEGIN|private_key|\r(?!\n)|[\u2028\u2029]/;

/**
 * Cheap gate: text without any of these cannot hold a secret the scanners know (the rules' anchors, the AI key
 * shapes' prefixes, private keys and key files).
 */
export const SECRET_PREFILTER = new RegExp(
  `${RULE_ANCHORS.source}|-----BEGIN|private_key|sk-|hf_|AIza|AKIA|ASIA`,
);

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

export async function scanForSecrets(text: string, path: string): Promise<SecretHit[]> {
  if (!SECRET_PREFILTER.test(text)) return [];
  const hits = new Map<number, SecretHit>();
  const content = WHOLE_TEXT.test(text) ? text : linesSecretlintReads(text);
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
  // On a line secretlint said nothing about, the first AI-provider shape that fits.
  const shapes = new Map<number, number>();
  AI_PROVIDER_KEYS.forEach(({ pattern }, order) => {
    for (const line of linesOf(text, pattern)) {
      if (!hits.has(line) && !shapes.has(line)) shapes.set(line, order);
    }
  });
  for (const [line, order] of shapes) hits.set(line, { kind: AI_PROVIDER_KEYS[order]!.kind, line });
  return [...hits.values()].sort((a, b) => a.line - b.line);
}

/** The 1-based lines where a global pattern matches `text`. */
function linesOf(text: string, pattern: RegExp): number[] {
  const lines: number[] = [];
  let line = 1;
  let counted = 0;
  for (const m of text.matchAll(pattern)) {
    for (let i = text.indexOf("\n", counted); i !== -1 && i < m.index; i = text.indexOf("\n", i + 1)) line++;
    counted = m.index;
    lines.push(line);
  }
  return lines;
}

/**
 * The text with only the lines a preset rule could match on (see RULE_ANCHORS), every other line emptied: line
 * numbers stay, secretlint scans a fraction of the text, and its findings are the same. Null: no such line.
 */
export function linesSecretlintReads(text: string): string | null {
  const kept: [number, number][] = [];
  const lineEnd = (from: number) => {
    const end = text.indexOf("\n", from);
    return end === -1 ? text.length : end;
  };
  for (const m of text.matchAll(RULE_ANCHORS)) {
    const start = text.lastIndexOf("\n", m.index - 1) + 1;
    let end = lineEnd(m.index);
    if (SPANNING_ANCHOR.test(m[0])) {
      // The `=` and the key may sit on the next two lines that hold anything but whitespace.
      for (let more = 2; more > 0 && end < text.length; ) {
        end = lineEnd(end + 1);
        if (/\S/.test(text.slice(text.lastIndexOf("\n", end - 1) + 1, end))) more--;
      }
    }
    const last = kept[kept.length - 1];
    if (last && start <= last[1]) last[1] = Math.max(last[1], end);
    else kept.push([start, end]);
  }
  if (kept.length === 0) return null;
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
