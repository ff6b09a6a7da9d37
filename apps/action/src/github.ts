// The GitHub client: every URL from GITHUB_API_URL, retries on 5xx, waits out rate limits, never logs the token.
import { retry } from "@octokit/plugin-retry";
import { throttling } from "@octokit/plugin-throttling";
import { Octokit } from "@octokit/rest";

const LearnloopOctokit = Octokit.plugin(retry, throttling);
export type GitHub = InstanceType<typeof LearnloopOctokit>;

export interface GitHubOptions {
  token: string;
  baseUrl: string;
  /** Seconds to wait at most for one rate-limit pause before giving up. */
  maxRateLimitWait?: number;
  log?: (message: string) => void;
  fetch?: typeof fetch;
}

export function createGitHub({
  token,
  baseUrl,
  maxRateLimitWait = 60,
  log = () => {},
  fetch,
}: GitHubOptions): GitHub {
  return new LearnloopOctokit({
    auth: token,
    baseUrl,
    userAgent: "learnloop-action",
    request: fetch ? { fetch } : {},
    // Octokit logs every non-2xx answer; a 404 is often an expected answer here ("no config yet").
    log: { debug: () => {}, info: () => {}, warn: log, error: log },
    retry: { doNotRetry: [400, 401, 403, 404, 410, 422, 451] },
    throttle: {
      onRateLimit: (retryAfter, options, _octokit, retryCount) => {
        log(`GitHub rate limit on ${options.method} ${options.url}: waiting ${retryAfter}s`);
        return retryCount < 2 && retryAfter <= maxRateLimitWait;
      },
      onSecondaryRateLimit: (retryAfter, options, _octokit, retryCount) => {
        log(`GitHub secondary rate limit on ${options.method} ${options.url}: waiting ${retryAfter}s`);
        return retryCount < 2 && retryAfter <= maxRateLimitWait;
      },
    },
  });
}

/** The HTTP status of an Octokit error, if it is one. */
export const statusOf = (error: unknown): number | null =>
  typeof error === "object" && error !== null && "status" in error && typeof error.status === "number"
    ? error.status
    : null;
