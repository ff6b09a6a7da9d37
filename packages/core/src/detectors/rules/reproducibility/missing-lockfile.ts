// reproducibility/missing-lockfile: a package.json, pyproject.toml or Pipfile lists dependencies and no lockfile
// records the versions that were actually installed.
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
import type { FileDetector } from "../../types.js";

/** A requirements file in the repo that pins every package: the pip way of locking, which counts as a lock. */
function pinnedRequirements(repo: RepoView): "yes" | "no" | "unknown" {
  const paths = repo.paths.filter((p) => REQUIREMENTS_FILE.test(p) && !isCompiledInput(p, repo.paths));
  let unknown = false;
  for (const path of paths) {
    const file = repo.file(path);
    if (!file) {
      unknown = true;
      continue;
    }
    const reqs = requirementsOf(file.lines);
    if (reqs.length > 0 && reqs.every((r) => r.pinned)) return "yes";
  }
  return unknown ? "unknown" : "no";
}

const count = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

export const missingLockfile: FileDetector = {
  scope: "file",
  languages: ["text"],
  appliesToPath: (path) => MANIFEST.test(path),
  meta: {
    id: "reproducibility/missing-lockfile",
    area: "reproducibility",
    level: "actionable",
    title: "Dependencies are declared but no lockfile records the installed versions",
    why: "A manifest says which packages the project needs, usually as ranges (`^1.2`, `>=2`); a lockfile records the exact version of every package, including the dependencies of your dependencies, that was installed when it worked. Without it, the next install can pull newer versions and the project can break or behave differently with no change of yours.",
    tryThis:
      "Generate the lockfile with your package manager (`npm install` writes package-lock.json, `uv lock` writes uv.lock, `poetry lock` writes poetry.lock), commit it, and install from it in CI (`npm ci`, `uv sync --locked`).",
    learnMore: [
      "https://docs.npmjs.com/cli/v10/configuring-npm/package-lock-json",
      "https://docs.astral.sh/uv/concepts/projects/layout/",
    ],
    example: {
      language: "text",
      file: "(repository root)",
      bad: "package.json",
      good: "package.json\npackage-lock.json   # committed, installed in CI with `npm ci`",
    },
    goal: "Commit a lockfile for every dependency manifest and install from it in CI",
  },
  check(file, { repo }) {
    const name = file.path.slice(file.path.lastIndexOf("/") + 1);
    if (name === "package.json") {
      const deps = packageJsonDependencies(file.text);
      if (!deps || lockfileFor(file.path, JS_LOCKFILES, repo.paths)) return [];
      return [
        {
          // The gap is a file that is not there: a repository-level finding that names the manifest.
          file: null,
          line: null,
          message: `${file.path} lists ${count(deps.specs.length, "package", "packages")} and no lockfile (package-lock.json, pnpm-lock.yaml or yarn.lock) is committed beside it.`,
        },
      ];
    }
    const deps = name === "Pipfile" ? pipfileDependencies(file.lines) : pyprojectDependencies(file.lines);
    if (!deps || deps.allPinned) return [];
    if (lockfileFor(file.path, PYTHON_LOCKFILES, repo.paths)) return [];
    // A fully pinned requirements.txt (from `pip freeze`, `pip-compile` or `uv export`) locks the versions too.
    if (name !== "Pipfile" && pinnedRequirements(repo) !== "no") return [];
    const lock = name === "Pipfile" ? "Pipfile.lock" : "uv.lock or poetry.lock";
    return [
      {
        file: null,
        line: null,
        message: `${file.path} declares ${count(deps.specs.length, "dependency", "dependencies")} with no lockfile (such as ${lock}) that records the versions installed.`,
      },
    ];
  },
};
