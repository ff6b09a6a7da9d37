// Model text is untrusted output: made inert before it leaves core for a PR comment or a terminal.
import { scanForSecrets } from "../detectors/lib/secret-scan.js";

const ZERO_WIDTH_SPACE = "\u200b";
// biome-ignore lint/suspicious/noControlCharactersInRegex: matching terminal escapes is the point.
const ANSI_ESCAPE = /\u001b\[[0-9;?]*[ -/]*[@-~]/g;
// Control characters (newline and tab kept) and bidi overrides that could disguise text.
// biome-ignore lint/suspicious/noControlCharactersInRegex: matching control characters is the point.
const CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g;
const MAX_TEXT = 1200;

/** Plain text safe for Markdown and terminals: no HTML, images, pinging mentions, non-https links or secrets. */
export async function sanitiseText(text: string, max = MAX_TEXT): Promise<string> {
  let out = text
    // ANSI escapes and other control characters could rewrite a terminal.
    .replace(ANSI_ESCAPE, "")
    .replace(CONTROL, "")
    .replace(/<!--[\s\S]*?(-->|$)/g, "")
    .replace(/<\/?[A-Za-z][^>]*>?/g, "")
    .replace(/<(?=[A-Za-z!/?])/g, "‹")
    .replace(/!\[([^\]]*)\]\([^)]*\)?/g, "$1")
    .replace(/\[([^\]]*)\]\(\s*([^)\s]*)[^)]*\)/g, (_, label: string, url: string) =>
      /^https:\/\//i.test(url) ? `[${label}](${url})` : label,
    )
    .replace(/\b(?:javascript|vbscript|data|file|ftp|http):\S*/gi, "(link removed)")
    .replace(/(^|[^\w`])@(?=[A-Za-z0-9_-])/g, `$1@${ZERO_WIDTH_SPACE}`);
  out = await redactSecrets(out);
  return out.length > max ? `${out.slice(0, max - 1)}…` : out;
}

/** Lines where the secret scanner sees a secret lose every long token on them. */
export async function redactSecrets(text: string): Promise<string> {
  const hits = await scanForSecrets(text, "model-output.txt");
  if (hits.length === 0) return text;
  const lines = text.split("\n");
  for (const hit of hits) {
    const i = hit.line - 1;
    lines[i] = (lines[i] ?? "").replace(/[^\s"'`()<>[\]{},;]{12,}/g, (token) =>
      secretShaped(token) ? "[redacted]" : token,
    );
  }
  return lines.join("\n");
}

// A plain https link (no user:password@) is not a secret; a long token mixing digits and letters may be.
const secretShaped = (token: string) =>
  /^https:\/\/[^@]*$/i.test(token) ? false : /\d/.test(token) && /[A-Za-z]/.test(token);

/** Repository code shown back to the learner: kept as it is, except mentions that would ping and terminal escapes. */
export function inertCode(code: string): string {
  return code
    .replace(ANSI_ESCAPE, "")
    .replace(CONTROL, "")
    .replace(/(^|[^\w`])@(?=[A-Za-z0-9_-])/g, `$1@${ZERO_WIDTH_SPACE}`);
}
