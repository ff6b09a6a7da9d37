// security/env-file-committed: a `.env` file with real-looking secrets is part of the repository.

import {
  dotenvLoader,
  envFilesInRepo,
  isEnvFilePath,
  leakingEnvFiles,
  secretNameCount,
} from "../../lib/dotenv-files.js";
import { seesWholeRepo } from "../../lib/llm-code.js";
import type { RepoDetector } from "../../types.js";

const list = (paths: string[]): string => {
  const quoted = paths.map((p) => `\`${p}\``);
  if (quoted.length <= 2) return quoted.join(" and ");
  return `${quoted.slice(0, 2).join(", ")} and ${quoted.length - 2} more`;
};

export const envFileCommitted: RepoDetector = {
  scope: "repo",
  meta: {
    id: "security/env-file-committed",
    area: "security",
    level: "essential",
    title: "A .env file with secrets is part of the repository",
    why: "A `.env` file exists to keep keys out of the code, but once git tracks it, every key in it is in the history for anyone who can read the repository, and bots scan public repositories for keys within minutes. Deleting the file later does not remove it from the history.",
    tryThis:
      "Revoke the keys in the file at each provider and create new ones, run `git rm --cached .env`, add `.env` to `.gitignore`, and commit a `.env.example` that lists the variable names with empty values.",
    learnMore: [
      "https://docs.github.com/en/authentication/keeping-your-account-and-data-secure/removing-sensitive-data-from-a-repository",
      "https://12factor.net/config",
    ],
    sensitive: true,
    example: {
      language: "text",
      file: "(repository root)",
      bad: ".env          # OPENAI_API_KEY=<a real key>, tracked by git\nbot.py",
      good: ".env.example  # OPENAI_API_KEY=   (names only)\n.gitignore    # .env\nbot.py",
    },
    goal: "Keep every .env file out of git: revoke the committed keys, untrack the file, ignore it, and commit a .env.example instead",
  },
  // Env files only: in PR mode the loader check below sees the changed code, never every file.
  reads: (path) => isEnvFilePath(path),
  check(repo) {
    const leaking = leakingEnvFiles(repo);
    const first = leaking[0];
    if (!first) {
      // Keys still placeholders: when code loads the file, security/env-not-gitignored says so at the loader.
      if (dotenvLoader(repo) || !seesWholeRepo(repo)) return [];
      const waiting = envFilesInRepo(repo).find((f) => secretNameCount(repo.file(f.path)?.text ?? "") > 0);
      if (!waiting) return [];
      return [
        {
          file: waiting.path,
          line: null,
          message: `\`${waiting.path}\` is in the repository (no \`.gitignore\` rule keeps it out); its keys are placeholders now, so the real ones would be committed once filled in.`,
        },
      ];
    }
    const secrets = leaking.reduce((sum, f) => sum + (f.secrets ?? 0), 0);
    const verb = leaking.length === 1 ? "is" : "are";
    const sets = leaking.length === 1 ? "sets" : "set";
    const what =
      secrets === 0
        ? ""
        : ` and ${sets} ${secrets} secret-looking value${secrets === 1 ? "" : "s"} (not shown here)`;
    return [
      {
        file: first.path,
        line: null,
        message: `${list(leaking.map((f) => f.path))} ${verb} in the repository (no \`.gitignore\` rule keeps ${leaking.length === 1 ? "it" : "them"} out)${what}.`,
      },
    ];
  },
};
