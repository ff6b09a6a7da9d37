// The learner's config, read from the default branch (never from the PR, which anyone can edit).
import { DEFAULT_CONFIG, type LearnloopConfig } from "@learnloop/core";
import { parseConfig } from "@learnloop/core/config";
import { ActionError } from "./errors.js";
import { type GitHub, statusOf } from "./github.js";

export async function readConfig(
  github: GitHub,
  repo: { owner: string; repo: string },
  path: string,
  ref: string,
): Promise<LearnloopConfig> {
  let text: string;
  try {
    const { data } = await github.rest.repos.getContent({ ...repo, path, ref });
    if (Array.isArray(data) || data.type !== "file" || !("content" in data)) {
      throw new ActionError(`${path} on ${ref} is not a file`);
    }
    text = Buffer.from(data.content, "base64").toString("utf8");
  } catch (error) {
    if (statusOf(error) === 404) return DEFAULT_CONFIG;
    throw error;
  }
  const parsed = parseConfig(text, path);
  if (!parsed.ok) throw new ActionError(parsed.error.message);
  return parsed.value;
}
