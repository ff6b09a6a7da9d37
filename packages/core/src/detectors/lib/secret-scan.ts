// Finds secrets in text with secretlint's recommended rule set, plus AI-provider key shapes that set misses.
import { lintSource } from "@secretlint/core";
import { secretLintProfiler } from "@secretlint/profiler";
import { creator as recommended } from "@secretlint/secretlint-rule-preset-recommend";
import type { SourceFile } from "../../snapshot/types.js";
import { literalSet } from "./needles.js";

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

/**
 * The AI-provider shapes as one more secretlint rule, so secretlint's comments (`secretlint-disable-line` and the
 * rest) and the narrowed reading apply to them as to its own rules. Each message's id is the kind of key.
 */
const AI_KEYS_RULE = "learnloop/ai-provider-keys";
const AI_KEY_MESSAGES = Object.fromEntries(AI_PROVIDER_KEYS.map(({ kind }) => [kind, { en: () => kind }]));

type SecretlintConfig = Parameters<typeof lintSource>[0]["options"]["config"];
/** A secretlint rule (not a preset), as the config takes it. */
type SecretlintRule = Exclude<SecretlintConfig["rules"][number]["rule"], { meta: { type: "preset" } }>;

const aiProviderKeys: SecretlintRule = {
  messages: AI_KEY_MESSAGES,
  meta: { id: AI_KEYS_RULE, type: "scanner", recommended: true, supportedContentTypes: ["text"] },
  create(context) {
    const t = context.createTranslator(AI_KEY_MESSAGES);
    return {
      file(source) {
        for (const { kind, pattern } of AI_PROVIDER_KEYS) {
          for (const m of source.content.matchAll(pattern))
            context.report({ message: t(kind), range: [m.index, m.index + m[0].length] });
        }
      },
    };
  },
};

const config: SecretlintConfig = {
  rules: [
    { id: "@secretlint/secretlint-rule-preset-recommend", rule: recommended },
    { id: AI_KEYS_RULE, rule: aiProviderKeys },
  ],
};

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
 * OpenAI, Linear, SendGrid, Shopify, GitHub and 1Password tokens, and `secretlint-disable` comments; and the
 * needles of learnloop's AI-provider shapes.
 */
const RULE_ANCHORS: readonly Anchor[] = [
  ...["SECRET", "Secret", "secret"].map((needle) => ({ needle, spans: true })),
  { needle: "://", at: /:\/\/(?:[^\s/:@]+:[^\s/@]+@|[Hh][Oo][Oo][Kk][Ss]\.[Ss][Ll][Aa][Cc][Kk]\.)/y },
  // OpenAI's `sk-` comes with the AI-provider shapes below.
  ...["x-oauth-basic@", "_authToken", "npm_", "xapp-", "lin_api_", "SG.", "github_pat_", "ops_"].map(
    (needle) => ({ needle }),
  ),
  ...["b", "p", "a", "o", "r"].map((c) => ({ needle: `xox${c}-` })),
  ...["pa", "ca", "at", "ss"].map((c) => ({ needle: `shp${c}_` })),
  ...["p", "o", "u", "s", "r"].map((c) => ({ needle: `gh${c}_` })),
  { needle: "secretlint-" },
  // The AI-provider shapes (each on one line).
  ...[...new Set(AI_PROVIDER_KEYS.map((k) => k.needle))].map((needle) => ({ needle })),
];
/** Private keys run over lines and a GCP key file is read as JSON: secretlint reads such a text whole. */
const WHOLE_TEXT_NEEDLES = ["-----BEGIN", "private_key"];
/** Line breaks secretlint counts and a split at "\n" does not: such a text is read whole too. */
const ODD_LINE_BREAK = /\r(?!\n)|[\u2028\u2029]/;
/** ODD_LINE_BREAK.test, with a quick no for the many texts that hold no CR and no line or paragraph separator. */
const hasOddLineBreak = (text: string): boolean =>
  (text.includes("\r") || text.includes("\u2028") || text.includes("\u2029")) && ODD_LINE_BREAK.test(text);

/** Every needle: a text holding none of them holds no secret the scanners know. */
const SECRET_NEEDLES = [...new Set([...RULE_ANCHORS.map((a) => a.needle), ...WHOLE_TEXT_NEEDLES])];

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

/** The needles a text may hold (from the file's census: a needle in another case is counted too). */
const heldNeedles = literalSet(SECRET_NEEDLES);

/** The secrets in `source` (a text, or a file). */
export async function scanForSecrets(source: string | SourceFile, path: string): Promise<SecretHit[]> {
  const text = typeof source === "string" ? source : source.text;
  const held = new Set(heldNeedles(source));
  if (held.size === 0) return [];
  const hits = new Map<number, SecretHit>();
  const whole = WHOLE_TEXT_NEEDLES.some((needle) => held.has(needle)) || hasOddLineBreak(text);
  const content = whole ? text : linesSecretlintReads(text, held);
  if (content !== null) {
    const result = await lintSource({
      // secretlint misses a `secretlint-disable-line` on a last line with no line break: give it one.
      source: {
        filePath: `/${path}`,
        content: content.endsWith("\n") ? content : `${content}\n`,
        contentType: "text",
      },
      options: { config, maskSecrets: true },
    });
    // One hit per line: a preset rule's kind over one of our shapes, and our shapes in the order of their list.
    const ours = (m: { ruleId: string }) => m.ruleId === AI_KEYS_RULE;
    const order = (m: { messageId: string }) => AI_PROVIDER_KEYS.findIndex((k) => k.kind === m.messageId);
    const shapes = result.messages.filter(ours).sort((a, b) => order(b) - order(a));
    for (const m of [...shapes, ...result.messages.filter((m) => !ours(m))]) {
      const kind = ours(m) ? m.messageId : (KIND_BY_RULE[m.ruleId] ?? "secret");
      hits.set(m.loc.start.line, { kind, line: m.loc.start.line });
    }
  }
  return [...hits.values()].sort((a, b) => a.line - b.line);
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
