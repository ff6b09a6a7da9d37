// Hidden markers in learnloop's own comments: how a rerun finds what it wrote before, in GitHub itself.
import { z } from "zod";

export const SUMMARY_MARKER = "<!-- learnloop:summary -->";
const STATE_PREFIX = "<!-- learnloop:state ";
const FINGERPRINT = /<!-- learnloop:fp=([0-9a-f]{8,64}) -->/;

/** A finding still open after a run, as remembered in the summary comment. */
const openFindingSchema = z.object({ fp: z.string(), file: z.string().nullable(), rule: z.string() });

export const reviewStateSchema = z.object({
  v: z.literal(1),
  /** The PR head this summary describes. */
  head: z.string(),
  open: z.array(openFindingSchema),
});

export type OpenFinding = z.infer<typeof openFindingSchema>;
export type ReviewState = z.infer<typeof reviewStateSchema>;

export const fingerprintMarker = (fingerprint: string) => `<!-- learnloop:fp=${fingerprint} -->`;

export function fingerprintOf(body: string | null | undefined): string | null {
  return body ? (FINGERPRINT.exec(body)?.[1] ?? null) : null;
}

/** The state block: JSON inside an HTML comment, with `--` escaped so the comment cannot be closed early. */
export function stateMarker(state: ReviewState): string {
  return `${STATE_PREFIX}${JSON.stringify(state).replace(/--/g, "-\\u002d")} -->`;
}

/** The state a previous run left in its summary; null when there is none or a hand edit broke it. */
export function readState(body: string | null | undefined): ReviewState | null {
  if (!body) return null;
  const start = body.indexOf(STATE_PREFIX);
  if (start === -1) return null;
  const end = body.indexOf(" -->", start + STATE_PREFIX.length);
  if (end === -1) return null;
  try {
    const parsed = reviewStateSchema.safeParse(JSON.parse(body.slice(start + STATE_PREFIX.length, end)));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}
