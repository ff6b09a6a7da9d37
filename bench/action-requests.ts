// The Action, measured: bundle size, cold start to the first API request, and API requests per run
// for a typical 10-file PR with and without a checkout, and for a rerun. Run: pnpm --filter @learnloop/bench action
import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { BUNDLE, runAction, TOKEN } from "../apps/action/test/e2e/run-action.js";
import { type GitHubServer, startGitHubServer } from "../apps/action/test/github-server/index.js";

const temp = mkdtempSync(join(tmpdir(), "learnloop-bench-action-"));
const FILES = Array.from({ length: 10 }, (_, i) => ({
  filename: `src/module_${i}.py`,
  before: "",
  after: `import json\n\n\ndef load_${i}(path):\n    try:\n        return json.load(open(path))\n    except:\n        return None\n`,
}));

function gitCheckout(): { dir: string; sha: string } {
  const dir = join(temp, "checkout");
  mkdirSync(join(dir, "src"), { recursive: true });
  for (const f of FILES) writeFileSync(join(dir, f.filename), f.after);
  const git = (...args: string[]) =>
    execFileSync("git", ["-C", dir, "-c", "user.name=b", "-c", "user.email=b@b", ...args], {
      encoding: "utf8",
    });
  git("init", "-q");
  git("add", ".");
  git("commit", "-qm", "head");
  return { dir, sha: git("rev-parse", "HEAD").trim() };
}

async function requestsFor(server: GitHubServer, repo: string, headSha?: string, workspace?: string) {
  const pr = server.seedPullRequest({
    owner: "bench",
    repo,
    number: 1,
    action: "opened",
    files: FILES,
    ...(headSha ? { headSha } : {}),
  });
  server.clearRecords();
  const first = await runAction(server, pr, workspace ? { workspace } : {});
  const firstCount = server.requests.filter((r) => r.operationId).length;
  server.clearRecords();
  await runAction(server, pr, workspace ? { workspace } : {});
  const rerunCount = server.requests.filter((r) => r.operationId).length;
  return { first: firstCount, rerun: rerunCount, ms: first.ms };
}

/** Milliseconds from spawning the bundle to its first request reaching the server. */
async function coldStart(server: GitHubServer): Promise<number> {
  const pr = server.seedPullRequest({
    owner: "bench",
    repo: "cold",
    number: 2,
    action: "opened",
    files: FILES.slice(0, 1),
  });
  server.clearRecords();
  const started = Date.now();
  const first = new Promise<number>((resolve) => {
    const timer = setInterval(() => {
      if (server.requests.length > 0) {
        clearInterval(timer);
        resolve(Date.now() - started);
      }
    }, 2);
  });
  const run = runAction(server, pr);
  const ms = await first;
  await run;
  return ms;
}

const server = await startGitHubServer({ token: TOKEN });
try {
  const bundleBytes = readdirSync(join(BUNDLE, "..", "grammars")).reduce(
    (sum, f) => sum + statSync(join(BUNDLE, "..", "grammars", f)).size,
    statSync(BUNDLE).size,
  );
  console.log(
    `bundle: index.js ${(statSync(BUNDLE).size / 1e6).toFixed(2)} MB, with grammars ${(bundleBytes / 1e6).toFixed(2)} MB`,
  );
  const cold = [await coldStart(server), await coldStart(server), await coldStart(server)];
  console.log(
    `cold start to first API request: best ${Math.min(...cold)} ms of ${cold.join(", ")} (target < 1000)`,
  );
  const api = await requestsFor(server, "no-checkout");
  const { dir, sha } = gitCheckout();
  const checkout = await requestsFor(server, "checkout", sha, dir);
  console.log(
    `10-file PR without a checkout: first run ${api.first} requests, rerun ${api.rerun} (target <= 12)`,
  );
  console.log(
    `10-file PR with a checkout:    first run ${checkout.first} requests, rerun ${checkout.rerun} (target <= 8)`,
  );
  console.log(
    "(a first run in a repository also lists issues and creates the learning-goals issue: 2 of those requests)",
  );
} finally {
  await server.close();
  rmSync(temp, { recursive: true, force: true });
}
