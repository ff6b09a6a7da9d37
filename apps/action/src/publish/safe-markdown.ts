// Text from a repository or a pull request is untrusted: this makes it inert in a GitHub comment.

const ZERO_WIDTH_SPACE = "\u200b";

/** Plain text for Markdown: no HTML, no @-mentions that ping people, no links or images, one line. */
export function plainText(text: string): string {
  return text
    .replace(/[\r\n]+/g, " ")
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/@(?=[A-Za-z0-9_-])/g, `@${ZERO_WIDTH_SPACE}`)
    .replace(/([[\]!|*_~`\\])/g, "\\$1");
}

/** Inline code that no backtick inside can break out of (`` ``a`b`` `` style). */
export function inlineCode(text: string): string {
  const clean = text.replace(/[\r\n]+/g, " ");
  const longest = Math.max(0, ...(clean.match(/`+/g) ?? []).map((run) => run.length));
  const fence = "`".repeat(longest + 1);
  const pad = clean.startsWith("`") || clean.endsWith("`") ? " " : "";
  return `${fence}${pad}${clean}${pad}${fence}`;
}

/** A fenced code block that the content cannot close. */
export function codeBlock(text: string, language = "text"): string {
  const longest = Math.max(2, ...(text.match(/`+/g) ?? []).map((run) => run.length));
  const fence = "`".repeat(longest + 1);
  return `${fence}${language}\n${text}\n${fence}`;
}

/**
 * A rule's message, which may quote things from the repo: code spans (`...`) are kept (they are inert),
 * everything else is made plain text.
 */
export function messageText(text: string): string {
  const parts = text.replace(/[\r\n]+/g, " ").split(/(`[^`]+`)/);
  return parts.map((part, i) => (i % 2 === 1 ? part : plainText(part))).join("");
}
