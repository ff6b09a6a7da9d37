// reproducibility/pinned-dependencies (strength): every declared dependency is pinned or locked, so installs repeat.
import {
  isCompiledInput,
  JS_LOCKFILES,
  lockfileFor,
  MANIFEST,
  PYTHON_LOCKFILES,
  packageJsonDependencies,
  pipfileDependencies,
  pyprojectDependencies,
  REQUIREMENTS_FILE,
  requirementsOf,
} from "../../lib/dependency-files.js";
import type { RepoView } from "../../repo-view.js";
import type { RepoDetector } from "../../types.js";

/** Whether each manifest's dependencies are pinned, and by what; null when a manifest could not be read. */
interface Cover {
  file: string;
  says: string;
}

function coverage(repo: RepoView): { covered: Cover[]; uncovered: number } | null {
  const covered: Cover[] = [];
  let uncovered = 0;
  for (const path of repo.paths) {
    const isRequirements = REQUIREMENTS_FILE.test(path);
    if (!isRequirements && !MANIFEST.test(path)) continue;
    if (isRequirements && isCompiledInput(path, repo.paths)) continue;
    const file = repo.file(path);
    if (!file) return null;
    if (isRequirements) {
      const reqs = requirementsOf(file.lines);
      if (reqs.length === 0 || file.lines.some((l) => /^\s*(-c\s|--constraint[\s=])/.test(l))) continue;
      if (reqs.every((r) => r.pinned))
        covered.push({ file: path, says: `every package in ${path} is pinned to an exact version` });
      else uncovered++;
      continue;
    }
    const name = path.slice(path.lastIndexOf("/") + 1);
    const deps =
      name === "package.json"
        ? packageJsonDependencies(file.text)
        : name === "Pipfile"
          ? pipfileDependencies(file.lines)
          : pyprojectDependencies(file.lines);
    if (!deps) continue;
    const lock = lockfileFor(path, name === "package.json" ? JS_LOCKFILES : PYTHON_LOCKFILES, repo.paths);
    const pipfileLock = name === "Pipfile" ? lock?.endsWith("Pipfile.lock") : true;
    if (lock && pipfileLock) covered.push({ file: lock, says: `${lock} locks the versions for ${path}` });
    else if (deps.allPinned && name === "pyproject.toml")
      covered.push({ file: path, says: `every dependency in ${path} is pinned` });
    else uncovered++;
  }
  return { covered, uncovered };
}

export const pinnedDependencies: RepoDetector = {
  scope: "repo",
  reads: (path) => REQUIREMENTS_FILE.test(path) || MANIFEST.test(path),
  meta: {
    id: "reproducibility/pinned-dependencies",
    area: "reproducibility",
    level: "celebratory",
    title: "Dependencies are pinned or locked, so installs repeat",
    why: "Exact versions (a lockfile or `==` pins) mean the project installs the same packages today and next month, on your laptop and in CI, so a change in behaviour comes from a change in your code.",
    tryThis:
      "Go one step further: rebuild the environment from scratch in CI on every push (`pip install -r requirements.txt` or `npm ci`) so a broken pin shows up the day it happens.",
    learnMore: [
      "https://pip.pypa.io/en/stable/topics/repeatable-installs/",
      "https://docs.npmjs.com/cli/v10/commands/npm-ci",
    ],
    example: {
      language: "text",
      file: "requirements.txt",
      bad: "openai\npandas>=2",
      good: "openai==1.54.4\npandas==2.2.3",
    },
    goal: "Install the project from its pinned dependencies in CI on every push",
  },
  check(repo) {
    const result = coverage(repo);
    if (!result || result.uncovered > 0) return [];
    const [first] = result.covered;
    if (!first) return [];
    return [{ file: first.file, line: null, message: `Dependencies are pinned: ${first.says}.` }];
  },
};
