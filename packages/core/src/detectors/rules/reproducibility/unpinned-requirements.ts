// reproducibility/unpinned-requirements: requirements files (or, in a project with none, a notebook's
// `%pip install` cell) that name packages without exact versions.
import {
  isCompiledInput,
  isPinned,
  PYTHON_MANIFEST,
  REQUIREMENTS_FILE,
  requirementName,
  requirementsOf,
} from "../../lib/dependency-files.js";
import type { RepoView } from "../../repo-view.js";
import type { FileDetector, RawFinding } from "../../types.js";

/** A notebook's install magic (`%pip install`, `!pip install`; the loader keeps it as a `#` comment). */
const INLINE_PIP = /^\s*#\s*(?:pip3?|uv\s+pip|python3?\s+-m\s+pip)\s+install\s+(.+)$/;

/** The packages a notebook installs inline with no exact version, when no manifest lists the project's dependencies. */
function unpinnedInline(lines: readonly string[], repo: RepoView, path: string): RawFinding[] {
  if (repo.paths.some((p) => PYTHON_MANIFEST.test(p))) return [];
  const found: { name: string; line: number }[] = [];
  lines.forEach((line, i) => {
    const args = INLINE_PIP.exec(line)?.[1];
    // `-r requirements.txt` and `-e .` install from a file or the project itself.
    if (!args || /(^|\s)(-r|--requirement|-e|--editable)\b/.test(args)) return;
    for (const spec of args.replace(/\s+#.*$/, "").split(/\s+/)) {
      const name = spec.startsWith("-") ? null : requirementName(spec.replace(/^["']|["']$/g, ""));
      if (name && !isPinned(spec)) found.push({ name, line: i + 1 });
    }
  });
  const first = found[0];
  if (!first) return [];
  const names = found.map((f) => f.name);
  return [
    {
      file: path,
      line: first.line,
      endLine: found.at(-1)!.line,
      message: `The notebook installs ${names.length > 4 ? `${names.slice(0, 4).join(", ")} and ${names.length - 4} more` : names.join(", ")} with \`pip install\` and no exact version, and no requirements file pins them.`,
    },
  ];
}

export const unpinnedRequirements: FileDetector = {
  scope: "file",
  languages: ["text", "python"],
  appliesToPath: (path) => REQUIREMENTS_FILE.test(path) || path.endsWith(".ipynb"),
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
    if (file.notebook) return unpinnedInline(file.lines, repo, file.path);
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
