// reproducibility/unpinned-requirements: requirements files that name packages without exact versions.
import type { FileDetector } from "../../types.js";

const REQUIREMENTS_FILE = /(^|\/)requirements[^/]*\.(txt|in)$/i;
const PINNED = /===?\s*[\w.*+!-]+/;

/** The package a requirements line names, or null for options, includes, URLs and blank lines. */
function requirementName(line: string): string | null {
  const spec = line.replace(/\s+#.*$/, "").trim();
  if (spec === "" || spec.startsWith("#") || spec.startsWith("-")) return null;
  if (/^(git\+|https?:|file:|\.{0,2}\/)/.test(spec) || / @ /.test(spec)) return null;
  return /^[A-Za-z0-9][A-Za-z0-9._-]*/.exec(spec)?.[0] ?? null;
}

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
    // pip-tools: `requirements.in` lists loose needs on purpose when the pinned `requirements.txt` is compiled from it.
    if (/\.in$/i.test(file.path) && repo.paths.includes(file.path.replace(/\.in$/i, ".txt"))) return [];
    const unpinned: { name: string; line: number }[] = [];
    file.lines.forEach((line, i) => {
      const name = requirementName(line);
      if (name && !PINNED.test(line.replace(/\s+#.*$/, ""))) unpinned.push({ name, line: i + 1 });
    });
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
