// `.env` files and the `.gitignore` rules about them: which env files are in the repository, whether they set
// secret-looking values (counted, never read out), and whether git would keep a `.env` out.
import ignore from "ignore";
import { isTestPath, type RepoView } from "../repo-view.js";
import { perRepo } from "./memo.js";
import { literalGate } from "./needles.js";
import { stripComment } from "./python-text.js";

/** Suffixes of env files that are meant to be committed: templates listing names without real values. */
const TEMPLATE_PART = /^(example|examples|sample|samples|template|tmpl|tpl|dist|defaults?|schema)$/i;

/** `.env`, `.env.local`, `.env.production`, `app/.env`; not `.env.example`, `.env.sample`, `.env.template`. */
export function isEnvFilePath(path: string): boolean {
  const base = path.slice(path.lastIndexOf("/") + 1);
  if (!/^\.env(\.[\w.-]+)?$/.test(base)) return false;
  return !base
    .split(".")
    .slice(2)
    .some((part) => TEMPLATE_PART.test(part));
}

/** `.env.local`, `.env.production.local`: by the convention of Next.js, Vite and others, where secrets go. */
const isLocalEnv = (path: string): boolean => /(^|\/)\.env(\.[\w-]+)*\.local$/.test(path);

const SECRET_NAME =
  /(KEY|TOKEN|SECRET|PASSWORD|PASSWD|PWD|PASS|CREDENTIALS?|PRIVATE|AUTH|DSN|DATABASE_URL|_URI)$/i;
/** Values that are not a real secret: empty, a placeholder, a reference to another variable. */
const PLACEHOLDER =
  /^(|<.*>|\$\{.*\}|\$\w+|.*\.\.\.|x{3,}.*|\*+|(your|my|insert|put|enter|add|replace|paste)[-_ ].*|change_?me|replace_?me|todo|none|null|dummy|placeholder|example|test|secret|password|fake.*)$/i;

/** The values of secret-looking names in an env file's text (for counting and judging only, never for display). */
function secretValues(text: string): string[] {
  const out: string[] = [];
  for (const raw of text.split(/\r?\n/)) {
    const line = stripComment(raw).trim();
    const m = /^(?:export\s+)?([A-Za-z_][\w.-]*)\s*=\s*(.*)$/.exec(line);
    if (m && SECRET_NAME.test(m[1]!))
      out.push(
        m[2]!
          .trim()
          .replace(/^(["'])(.*)\1$/, "$2")
          .trim(),
      );
  }
  return out;
}

/** How many variables in an env file's text set a secret-looking name to a real-looking value. */
export const secretValueCount = (text: string): number =>
  secretValues(text).filter((v) => !PLACEHOLDER.test(v)).length;

/**
 * How many variables in an env file's text have a secret-looking name and a value waiting to be filled in (empty
 * or a placeholder); a reference to another variable (`${API_KEY}`) is not a place for a key.
 */
export const secretNameCount = (text: string): number =>
  secretValues(text).filter((v) => !/^(\$\{.*\}|\$\w+)$/.test(v)).length;

export interface CommittedEnvFile {
  path: string;
  /** Secret-looking values it sets; null when its text was not read (too large, binary). */
  secrets: number | null;
}

/** Env files that are part of the snapshot (tracked, and not ignored by any .gitignore). */
export function envFilesInRepo(repo: RepoView): CommittedEnvFile[] {
  return repo.paths.filter(isEnvFilePath).map((path) => {
    const file = repo.file(path);
    return { path, secrets: file ? secretValueCount(file.text) : null };
  });
}

/** The env files worth an alarm: they hold secret-looking values, are `.local` files, or could not be read. */
export function leakingEnvFiles(repo: RepoView): CommittedEnvFile[] {
  return envFilesInRepo(repo).filter((f) => f.secrets === null || f.secrets > 0 || isLocalEnv(f.path));
}

/** Whether git, going by the repository's `.gitignore` files, would ignore a file at `path`. */
export function gitIgnores(repo: RepoView, path: string): boolean {
  const parts = path.split("/");
  let ignored = false;
  for (let depth = 0; depth < parts.length; depth++) {
    const dir = parts.slice(0, depth).join("/");
    const gitignore = repo.file(dir === "" ? ".gitignore" : `${dir}/.gitignore`);
    if (!gitignore) continue;
    const rel = parts.slice(depth).join("/");
    const verdict = ignore().add(gitignore.text).test(rel);
    // The deepest .gitignore that speaks about the path decides (`ignore` also applies folder rules to its files).
    if (verdict.ignored) ignored = true;
    else if (verdict.unignored) ignored = false;
  }
  return ignored;
}

/** Code that reads a `.env` file: python-dotenv, pydantic-settings, the dotenv package, Node's own loader. */
const PY_LOADS = /\b(load_dotenv|dotenv_values|find_dotenv)\s*\(|\benv_file\s*=\s*\(?\s*["'][^"']*\.env["']/;
/** `%load_ext dotenv` / `%dotenv` in a notebook: the loader turns magics into `#` comments of the same text. */
const NOTEBOOK_MAGIC = /^\s*#(load_ext\s+dotenv|dotenv)\b/;
const JS_LOADS =
  /require\(\s*["']dotenv["']\s*\)\s*\.config\s*\(|\bdotenv\.config\s*\(|\bconfigDotenv\s*\(|["']dotenv\/config["']|\bloadEnvFile\s*\(|--env-file\b/;
const CODE = /\.(py|ipynb|[cm]?[jt]sx?)$/;
/** Files that can load a `.env`: code, and package.json scripts (`node --env-file=.env`). */
export const DOTENV_LOADER_FILE = /\.(py|ipynb|[cm]?[jt]sx?)$|(^|\/)package\.json$/;
/** A path given to the loader: `load_dotenv("config/.env")`. */
const EXPLICIT_PATH =
  /(?:load_dotenv|dotenv_values|loadEnvFile|env_file\s*=)\s*\(?\s*["']([^"']*\.env)["']|path:\s*["']([^"']*\.env)["']/;

export interface DotenvLoader {
  path: string;
  line: number;
  envPath: string | null;
}

/** The first place (in path order, tests left out) where the code loads a `.env` file. */
export const dotenvLoader = (repo: RepoView): DotenvLoader | null =>
  perRepo(repo, "dotenv-loader", () => firstDotenvLoader(repo));

const LOADER_GATE = literalGate([PY_LOADS, JS_LOADS, NOTEBOOK_MAGIC]);

function firstDotenvLoader(repo: RepoView): DotenvLoader | null {
  for (const file of repo.files) {
    if (isTestPath(file.path) || !LOADER_GATE.mayMatch(file)) continue;
    const isCode = CODE.test(file.path);
    const isPackageJson = /(^|\/)package\.json$/.test(file.path);
    if (!isCode && !isPackageJson) continue;
    const python = file.language === "python";
    for (let i = 0; i < file.lines.length; i++) {
      const raw = file.lines[i]!;
      const line = python ? stripComment(raw) : raw.replace(/^\s*\/\/.*$/, "");
      const magic = file.notebook !== undefined && NOTEBOOK_MAGIC.test(raw);
      if (!magic && !(python ? PY_LOADS : JS_LOADS).test(line)) continue;
      const explicit = EXPLICIT_PATH.exec(line);
      return {
        path: file.path,
        line: i + 1,
        envPath: explicit ? (explicit[1] ?? explicit[2] ?? null) : null,
      };
    }
  }
  return null;
}
