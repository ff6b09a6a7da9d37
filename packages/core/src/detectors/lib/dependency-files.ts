// What the reproducibility rules read in dependency files: requirements lines, pyproject and package.json
// dependencies, and which lockfile covers which manifest.
import { stripComment } from "./python-text.js";

export const REQUIREMENTS_FILE = /(^|\/)requirements[^/]*\.(txt|in)$/i;
const PINNED = /===?\s*[\w.*+!-]+/;

/** The package a requirements line names, or null for options, includes, URLs and blank lines. */
export function requirementName(line: string): string | null {
  const spec = line.replace(/\s+#.*$/, "").trim();
  if (spec === "" || spec.startsWith("#") || spec.startsWith("-")) return null;
  if (/^(git\+|https?:|file:|\.{0,2}\/)/.test(spec) || / @ /.test(spec)) return null;
  return /^[A-Za-z0-9][A-Za-z0-9._-]*/.exec(spec)?.[0] ?? null;
}

/** Whether a requirement (a requirements line or a PEP 508 string) names one exact version. */
export const isPinned = (spec: string): boolean => PINNED.test(spec.replace(/\s+#.*$/, ""));

/** The requirements of a requirements file with whether each is pinned, in file order. */
export function requirementsOf(lines: readonly string[]): { name: string; line: number; pinned: boolean }[] {
  const out: { name: string; line: number; pinned: boolean }[] = [];
  lines.forEach((line, i) => {
    const name = requirementName(line);
    if (name) out.push({ name, line: i + 1, pinned: isPinned(line) });
  });
  return out;
}

/** pip-tools: a `requirements.in` lists loose needs on purpose when its compiled `requirements.txt` is there. */
export const isCompiledInput = (path: string, paths: readonly string[]): boolean =>
  /\.in$/i.test(path) && paths.includes(path.replace(/\.in$/i, ".txt"));

/** Files that declare a Python project's dependencies. */
export const PYTHON_MANIFEST =
  /(^|\/)(requirements[^/]*\.(txt|in)|requirements\/[^/]+\.(txt|in)|pyproject\.toml|setup\.py|setup\.cfg|Pipfile|environment\.ya?ml|conda\.ya?ml)$/i;
/** Files that declare a JavaScript/TypeScript project's dependencies. */
export const JS_MANIFEST = /(^|\/)(package\.json|deno\.jsonc?)$/;

export const JS_LOCKFILES = [
  "package-lock.json",
  "npm-shrinkwrap.json",
  "pnpm-lock.yaml",
  "yarn.lock",
  "bun.lockb",
  "bun.lock",
  "deno.lock",
];
export const PYTHON_LOCKFILES = ["poetry.lock", "uv.lock", "pdm.lock", "Pipfile.lock", "pylock.toml"];

const dirOf = (path: string): string => (path.includes("/") ? path.slice(0, path.lastIndexOf("/")) : "");

/** The first lockfile (one of `names`) in the manifest's folder or a folder above it (a workspace root), or null. */
export function lockfileFor(
  manifest: string,
  names: readonly string[],
  paths: readonly string[],
): string | null {
  const present = new Set(paths);
  for (let dir = dirOf(manifest); ; dir = dirOf(dir)) {
    for (const name of names) {
      const path = dir === "" ? name : `${dir}/${name}`;
      if (present.has(path)) return path;
    }
    // `pylock.<name>.toml` (PEP 751) counts too.
    const prefix = dir === "" ? "" : `${dir}/`;
    const named = paths.find(
      (p) => p.startsWith(prefix) && /^pylock\.[^/]+\.toml$/.test(p.slice(prefix.length)),
    );
    if (named && names.includes("pylock.toml")) return named;
    if (dir === "") return null;
  }
}

export interface DeclaredDependencies {
  /** The package names (or specs) as declared. */
  specs: string[];
  /** Whether every declared dependency names an exact version. */
  allPinned: boolean;
}

/**
 * The registry dependencies of a package.json (`dependencies` and `devDependencies`), leaving out local links
 * (`workspace:`, `file:`, `link:`). Null when there are none or the file is not JSON.
 */
export function packageJsonDependencies(text: string): DeclaredDependencies | null {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return null;
  }
  if (typeof parsed !== "object" || parsed === null) return null;
  const specs: string[] = [];
  let allPinned = true;
  for (const key of ["dependencies", "devDependencies"]) {
    const deps = (parsed as Record<string, unknown>)[key];
    if (typeof deps !== "object" || deps === null) continue;
    for (const [name, version] of Object.entries(deps)) {
      if (typeof version !== "string" || /^(workspace|file|link|portal):/.test(version)) continue;
      specs.push(name);
      if (!/^\d+\.\d+\.\d+([-+][\w.]+)?$/.test(version)) allPinned = false;
    }
  }
  return specs.length > 0 ? { specs, allPinned } : null;
}

const TABLE = /^\s*\[([^\]]+)\]\s*(#.*)?$/;

/**
 * The dependencies a pyproject.toml declares: PEP 621 `[project] dependencies = [...]` or Poetry's
 * `[tool.poetry.dependencies]` (without `python`). A small reader for these two shapes, not a TOML parser:
 * anything it does not understand gives null (say nothing).
 */
export function pyprojectDependencies(lines: readonly string[]): DeclaredDependencies | null {
  let table = "";
  const specs: string[] = [];
  let allPinned = true;
  for (let i = 0; i < lines.length; i++) {
    const raw = lines[i]!;
    const header = TABLE.exec(raw);
    if (header) {
      table = header[1]!.trim();
      continue;
    }
    if (table === "project" && /^\s*dependencies\s*=\s*\[/.test(raw)) {
      // The array may close on this line or run over several; `#` starts a comment outside strings.
      let rest = stripComment(raw.slice(raw.indexOf("[") + 1));
      for (;;) {
        for (const m of rest.matchAll(/"([^"]+)"|'([^']+)'/g)) {
          const spec = (m[1] ?? m[2])!;
          specs.push(spec);
          if (!isPinned(spec)) allPinned = false;
        }
        if (rest.replace(/"[^"]*"|'[^']*'/g, "").includes("]") || i + 1 >= lines.length) break;
        rest = stripComment(lines[++i]!);
      }
    } else if (table === "tool.poetry.dependencies") {
      const m = /^\s*([A-Za-z0-9][\w.-]*)\s*=\s*(.+)$/.exec(raw);
      if (!m || m[1]!.toLowerCase() === "python") continue;
      specs.push(m[1]!);
      // Poetry reads a bare "1.2.3" as exactly that version; ^, ~, * and ranges float.
      const version =
        /^["']([^"']*)["']/.exec(m[2]!.trim())?.[1] ?? /version\s*=\s*["']([^"']*)["']/.exec(m[2]!)?.[1];
      if (!version || !/^(==)?\d+(\.\d+)*$/.test(version.trim())) allPinned = false;
    }
  }
  return specs.length > 0 ? { specs, allPinned } : null;
}

/** Packages listed under `[packages]` / `[dev-packages]` of a Pipfile. */
export function pipfileDependencies(lines: readonly string[]): DeclaredDependencies | null {
  let table = "";
  const specs: string[] = [];
  for (const raw of lines) {
    const header = TABLE.exec(raw);
    if (header) {
      table = header[1]!.trim();
      continue;
    }
    const m = /^\s*([A-Za-z0-9][\w.-]*)\s*=/.exec(raw);
    if (m && (table === "packages" || table === "dev-packages")) specs.push(m[1]!);
  }
  return specs.length > 0 ? { specs, allPinned: false } : null;
}

/** Manifests whose dependencies a lockfile should record (requirements files are handled on their own). */
export const MANIFEST = /(^|\/)(package\.json|pyproject\.toml|Pipfile)$/;
