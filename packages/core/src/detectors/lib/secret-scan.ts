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
// since 2024, nor Anthropic, Hugging Face or Google AI keys: the ones AI learners actually paste.
const AI_PROVIDER_KEYS: { kind: string; pattern: RegExp }[] = [
  { kind: "OpenAI API key", pattern: /\bsk-(proj|svcacct|admin)-[A-Za-z0-9_-]{40,}/ },
  { kind: "Anthropic API key", pattern: /\bsk-ant-(api|admin)\d{2}-[A-Za-z0-9_-]{80,}/ },
  { kind: "Hugging Face token", pattern: /\bhf_[A-Za-z]{34}\b/ },
  { kind: "Google API key", pattern: /\bAIza[0-9A-Za-z_-]{35}\b/ },
  { kind: "AWS access key id", pattern: /\b(AKIA|ASIA)[0-9A-Z]{16}\b/ },
];

/** Cheap gate: text without any of these cannot hold a secret the scanners know. */
export const SECRET_PREFILTER =
  /sk-|gh[pousr]_|github_pat_|AKIA|ASIA|xox[abposr]-|AIza|hf_|-----BEGIN|npm_|glpat-|SG\.|sk_live|rk_live|:\/\/[^\s/:@]+:[^\s/@]+@|secret|token|password|key/i;

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
};

export async function scanForSecrets(text: string, path: string): Promise<SecretHit[]> {
  if (!SECRET_PREFILTER.test(text)) return [];
  const hits = new Map<string, SecretHit>();
  const result = await lintSource({
    source: { filePath: `/${path}`, content: text, contentType: "text" },
    options: { config, maskSecrets: true },
  });
  for (const m of result.messages) {
    const kind = KIND_BY_RULE[m.ruleId] ?? "secret";
    hits.set(`${m.loc.start.line}`, { kind, line: m.loc.start.line });
  }
  text.split("\n").forEach((line, i) => {
    if (hits.has(`${i + 1}`)) return;
    const known = AI_PROVIDER_KEYS.find((k) => k.pattern.test(line));
    if (known) hits.set(`${i + 1}`, { kind: known.kind, line: i + 1 });
  });
  return [...hits.values()].sort((a, b) => a.line - b.line);
}
