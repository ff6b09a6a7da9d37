// security/env-not-gitignored: the code loads a `.env` file, but no `.gitignore` rule keeps `.env` out of git.
import {
  type DotenvLoader,
  dotenvLoader,
  gitIgnores,
  isEnvFilePath,
  leakingEnvFiles,
  secretNameCount,
} from "../../lib/dotenv-files.js";
import type { RawFinding, RepoDetector } from "../../types.js";

/** Where the loaded file would sit: the path given, else `.env` at the root or beside the loading file. */
function candidates(loader: DotenvLoader): string[] {
  const dir = loader.path.includes("/") ? loader.path.slice(0, loader.path.lastIndexOf("/")) : "";
  const join = (base: string, rel: string) => (base === "" ? rel : `${base}/${rel}`);
  if (loader.envPath) {
    const rel = loader.envPath.replace(/^\.\//, "");
    return [rel, join(dir, rel)];
  }
  return [".env", join(dir, ".env")];
}

export const envNotGitignored: RepoDetector = {
  scope: "repo",
  meta: {
    id: "security/env-not-gitignored",
    area: "security",
    level: "actionable",
    title: "The code loads a .env file that git would commit",
    why: "A `.env` file keeps keys out of the code only while git ignores it. Without a `.gitignore` rule, the next `git add .` commits every key in it, and a key in git history stays readable after the file is deleted.",
    tryThis:
      "Add a line `.env` to `.gitignore`, run `git status` to check the file is no longer listed, and commit a `.env.example` with the variable names only.",
    learnMore: [
      "https://git-scm.com/docs/gitignore",
      "https://github.com/github/gitignore/blob/main/Python.gitignore",
    ],
    example: {
      language: "text",
      file: ".gitignore",
      bad: "__pycache__/\n*.pyc",
      good: "__pycache__/\n*.pyc\n.env\n.env.*\n!.env.example",
    },
    goal: "List .env in .gitignore and check with `git status` that no env file is tracked",
  },
  reads: (path) =>
    /(^|\/)\.gitignore$/.test(path) || /(^|\/)package\.json$/.test(path) || isEnvFilePath(path),
  check(repo) {
    // A committed .env with secrets is the louder finding (security/env-file-committed).
    if (leakingEnvFiles(repo).length > 0) return [];
    const loader = dotenvLoader(repo);
    if (!loader) return [];
    const places = candidates(loader);
    if (places.some((p) => gitIgnores(repo, p))) return [];
    const target = loader.envPath ?? ".env";
    const tracked = places.map((p) => repo.file(p)).find((f) => f !== undefined);
    let message: string;
    if (tracked) {
      // A committed env file of public defaults (the Next.js and Vite convention) is deliberate.
      if (secretNameCount(tracked.text) === 0) return [];
      message = `This loads \`${tracked.path}\`, which git tracks: once real keys go into it, the next commit includes them.`;
    } else if (repo.paths.some((p) => /(^|\/)\.gitignore$/.test(p))) {
      message = `This loads \`${target}\`, but no \`.gitignore\` rule keeps \`${target}\` out of git, so \`git add .\` would commit its keys.`;
    } else {
      message = `This loads \`${target}\`, but the repository has no \`.gitignore\`, so \`git add .\` would commit its keys.`;
    }
    const finding: RawFinding = { file: loader.path, line: loader.line, message };
    return [finding];
  },
};
