// The Action's inputs (action.yml), validated: a mistake is one line naming the input.
import { z } from "zod";

export interface ActionInputs {
  githubToken: string;
  openaiApiKey: string | null;
  openaiBaseUrl: string | null;
  model: string | null;
  configPath: string;
  maxInlineComments: number | null;
  goalsIssue: "true" | "false" | "reopen";
  failOn: "none" | "essential";
}

const schema = z.object({
  "github-token": z
    .string()
    // biome-ignore lint/suspicious/noTemplateCurlyInString: the message shows the workflow expression to write.
    .min(1, "is empty: pass ${{ github.token }} or a token with pull-requests: write"),
  "openai-api-key": z.string(),
  "openai-base-url": z.union([
    z.literal(""),
    z.url({ protocol: /^https?$/, error: "must be an http(s) URL" }),
  ]),
  model: z.string(),
  "config-path": z.string().min(1),
  "max-inline-comments": z.union([
    z.literal(""),
    z
      .string()
      .regex(/^\d+$/, "must be a whole number from 0 to 50")
      .refine((v) => Number(v) <= 50, "must be at most 50"),
  ]),
  "goals-issue": z.enum(["true", "false", "reopen"], { error: 'must be "true", "false" or "reopen"' }),
  "fail-on": z.enum(["none", "essential"], { error: 'must be "none" or "essential"' }),
});

export type InputReader = (name: string) => string;

export function readInputs(
  read: InputReader,
): { ok: true; value: ActionInputs } | { ok: false; message: string } {
  const raw = Object.fromEntries(Object.keys(schema.shape).map((name) => [name, read(name).trim()]));
  raw["config-path"] ||= ".github/learnloop.yml";
  raw["goals-issue"] = (raw["goals-issue"] || "true").toLowerCase();
  raw["fail-on"] = (raw["fail-on"] || "none").toLowerCase();
  const parsed = schema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    return { ok: false, message: `input ${String(issue.path[0])} ${issue.message}` };
  }
  const v = parsed.data;
  return {
    ok: true,
    value: {
      githubToken: v["github-token"],
      openaiApiKey: v["openai-api-key"] || null,
      openaiBaseUrl: v["openai-base-url"] || null,
      model: v.model || null,
      configPath: v["config-path"],
      maxInlineComments: v["max-inline-comments"] === "" ? null : Number(v["max-inline-comments"]),
      goalsIssue: v["goals-issue"],
      failOn: v["fail-on"],
    },
  };
}
