// reproducibility/unpinned-requirements: requirements files that name packages without exact versions.
import { isCompiledInput, REQUIREMENTS_FILE, requirementsOf } from "../../lib/dependency-files.js";
import type { FileDetector } from "../../types.js";

export const unpinnedRequirements: FileDetector = {
  scope: "file",
  languages: ["text"],
  appliesToPath: (path) => REQUIREMENTS_FILE.test(path),
  meta: {
    id: "reproducibility/unpinned-requirements",
    area: "reproducibility",
    level: "actionable",
    title: "Dependencies are listed without exact versions",
    why: "Without exact versions, `pip install` picks whatever is newest on the day. LLM and ML libraries change their APIs often, so the project that works today can fail next month, or give different numbers, with no change of yours.",
    tryThis:
      "Install into a fresh virtual environment, check the project runs, then record the working versions with `pip freeze` (or use a lock tool such as uv or pip-tools) and commit the result.",
    learnMore: [
      "https://pip.pypa.io/en/stable/topics/repeatable-installs/",
      "https://docs.astral.sh/uv/concepts/projects/sync/",
    ],
    example: {
      language: "text",
      file: "requirements.txt",
      bad: "openai\nchromadb\npandas>=2",
      good: "openai==1.54.4\nchromadb==0.5.20\npandas==2.2.3",
    },
    goal: "Pin every dependency to an exact version and check the project installs and runs from a fresh virtual environment",
  },
  check(file, { repo }) {
    if (isCompiledInput(file.path, repo.paths)) return [];
    // `-c constraints.txt` pins the versions in another file (pip's constraints), on purpose.
    if (file.lines.some((l) => /^\s*(-c\s|--constraint[\s=])/.test(l))) return [];
    const unpinned = requirementsOf(file.lines).filter((r) => !r.pinned);
    const first = unpinned[0];
    if (!first) return [];
    const names = unpinned.map((u) => u.name);
    const listed =
      names.length > 4 ? `${names.slice(0, 4).join(", ")} and ${names.length - 4} more` : names.join(", ");
    return [
      {
        file: file.path,
        line: first.line,
        endLine: unpinned.at(-1)!.line,
        message: `${names.length} of the dependencies in ${file.path} have no exact version: ${listed}.`,
      },
    ];
  },
};
