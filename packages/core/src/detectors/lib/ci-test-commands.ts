// Reads CI configuration (GitHub Actions, GitLab, CircleCI, ...) for the commands that run a project's tests.
// Shared by testing/tests-not-in-ci and testing/tests-in-ci.
import type { RepoView } from "../repo-view.js";
import { perRepo } from "./memo.js";

/** CI configuration files: workflows and pipelines that run on a server on every push. */
const CI_PATH =
  /^(\.github\/workflows\/[^/]+\.ya?ml|\.gitlab-ci\.ya?ml|\.gitlab\/ci\/.+\.ya?ml|\.circleci\/config\.ya?ml|azure-pipelines\.ya?ml|\.azure-pipelines\/.+\.ya?ml|\.travis\.ya?ml|bitbucket-pipelines\.ya?ml|Jenkinsfile|\.drone\.ya?ml|\.woodpecker\.ya?ml|\.woodpecker\/.+\.ya?ml|\.buildkite\/.+\.ya?ml|\.?appveyor\.ya?ml)$/;
/** Local composite actions a workflow may call (`uses: ./.github/actions/test`): their steps count too. */
const CI_HELPER_PATH = /^\.github\/actions\/.+\/action\.ya?ml$/;

export const isCiConfigPath = (path: string): boolean => CI_PATH.test(path);
export const isCiHelperPath = (path: string): boolean => CI_HELPER_PATH.test(path);
const isPackageJson = (path: string): boolean => /(^|\/)package\.json$/.test(path);

/** What a repo rule about CI needs to read, even in PR mode (test files are judged by name when unread). */
export const readsForCi = (path: string): boolean =>
  isCiConfigPath(path) || isCiHelperPath(path) || isPackageJson(path);

const TOOL = String.raw`(?<![\w./@-])`;
/** Commands that certainly run tests. Case-sensitive on purpose: `PYTEST_ADDOPTS` is not `pytest`. */
const DEFINITE_TEST_COMMAND = new RegExp(
  [
    String.raw`${TOOL}(pytest|py\.test)(?![\w-])`,
    String.raw`${TOOL}python[\d.]*\s+-m\s+(pytest|unittest)\b`,
    String.raw`${TOOL}python[\d.]*\s+(\S*\/)?([\w-]*[_-])?tests?([_-][\w-]*)?\.py\b`,
    String.raw`${TOOL}python[\d.]*\s+manage\.py\s+test\b`,
    String.raw`${TOOL}unittest\s+discover\b`,
    String.raw`${TOOL}(tox|nox)(?![\w-])`,
    String.raw`${TOOL}hatch\s+(test|run\s+\S*test)`,
    String.raw`${TOOL}coverage\s+run\b`,
    String.raw`${TOOL}(npm|pnpm|yarn|bun)\b[^;&|\n]*?\s(run\s+)?test(?![\w-])`,
    String.raw`${TOOL}npm\s+t(?![\w-])`,
    String.raw`${TOOL}(vitest|jest|mocha|ava)(?![\w-])`,
    String.raw`${TOOL}(playwright\s+test|cypress\s+run)\b`,
    String.raw`${TOOL}(node|tsx)\s+--test\b`,
    String.raw`${TOOL}(deno|go|cargo|dotnet|mvn|gradle|\.\/gradlew)\s+test\b`,
    String.raw`${TOOL}(turbo|nx)\s+(run\s+)?test\b`,
    String.raw`${TOOL}(make|just|task)\s+(-\S+\s+)*test`,
  ].join("|"),
);
/**
 * Commands that may run tests we cannot see into: a Makefile target, a script of the repo (`.ci/run`,
 * `python scripts/check.py`), a container, a reusable workflow or a local action.
 */
const OPAQUE_COMMAND =
  /(?<![\w./-])(make|just|task|docker|docker-compose|pre-commit|bash|sh|zsh|pwsh)\s+\S|\.sh\b|^\s*\.{0,2}\/?[\w.-]+\/[\w./-]+\s*$|^\s*\.{0,2}\/[\w./-]+|(?<![\w./-])python[\d.]*\s+(-u\s+)?[\w./-]+\.py\b|\buses:\s*(\.\/|[\w.-]+\/[\w.-]+\/\.github\/workflows\/)/;
/** `npm run ci`, `pnpm check`, `yarn verify`: a package.json script, resolved below. */
const SCRIPT_CALL =
  /(?<![\w./-])(npm|pnpm|yarn|bun)\s+(?:(?:-\S+|--filter\s+\S+|-F\s+\S+|-w\s+\S+)\s+)*(run\s+)?([\w:.-]+)/g;
const PACKAGE_MANAGER_COMMANDS = new Set([
  "install",
  "i",
  "ci",
  "add",
  "remove",
  "exec",
  "dlx",
  "x",
  "create",
  "init",
  "publish",
  "version",
  "audit",
  "outdated",
  "update",
  "upgrade",
  "link",
  "pack",
  "config",
  "cache",
  "store",
  "set",
  "global",
  "why",
  "list",
  "ls",
  "prune",
  "rebuild",
  "run",
]);
/** Setup segments: installing pytest is not running it. */
const INSTALL_SEGMENT =
  /^\s*(sudo\s+)?((python[\d.]*\s+-m\s+)?pip3?|uv\s+pip|uv\s+(add|sync|tool\s+install)|poetry\s+(add|install)|pipx|conda|mamba|apt(-get)?|brew|npm\s+(i|install|ci)|pnpm\s+(i|install|add)|yarn\s+(add|install)|bun\s+(add|install))\b/;
/** YAML keys that label a step rather than run it. */
const LABEL_LINE =
  /^\s*-?\s*(name|description|displayName|display_name|title|label|id|key|if|when|needs|stage|tags|on|branches|paths)\s*:/;

export interface CiTestRun {
  /** The CI file that runs the tests. */
  file: string;
  line: number;
  /** The command as written, trimmed. */
  command: string;
}

export interface CiView {
  /** CI files present in the repo (read or not). */
  ciFiles: string[];
  /** Whether every CI file (and helper action) was read: otherwise nothing can be said. */
  complete: boolean;
  /** The first place a CI file certainly runs tests, if any. */
  definite: CiTestRun | null;
  /** A CI file runs something that may run tests (make, a shell script, an unknown package script). */
  maybe: boolean;
}

/** Lines of a CI file that can hold commands: comments and step labels removed. */
function commandLines(path: string, lines: readonly string[]): { line: number; text: string }[] {
  const jenkins = path === "Jenkinsfile";
  const out: { line: number; text: string }[] = [];
  lines.forEach((raw, i) => {
    let text = jenkins ? raw.replace(/(^|\s)\/\/.*$/, "") : raw.replace(/(^|\s)#.*$/, "");
    if (!jenkins && LABEL_LINE.test(text)) return;
    text = text.trim();
    if (text) out.push({ line: i + 1, text });
  });
  return out;
}

/** The shell segments of a line (`a && b; c`), without the ones that only install things. */
const segments = (text: string): string[] =>
  text
    .replace(/^-\s+/, "")
    .replace(
      /^(run|script|command|commands|cmd|sh|bash|pwsh|powershell|before_script|after_script)\s*:\s*/,
      "",
    )
    .split(/&&|\|\||;|\|/)
    .filter((s) => !INSTALL_SEGMENT.test(s));

interface Scripts {
  /** Whether at least one package.json was found and read. */
  known: boolean;
  byName: Map<string, string[]>;
}

function packageScripts(repo: RepoView): Scripts {
  const byName = new Map<string, string[]>();
  let known = false;
  for (const path of repo.paths.filter(isPackageJson)) {
    const file = repo.file(path);
    if (!file) return { known: false, byName };
    try {
      const scripts = (JSON.parse(file.text) as { scripts?: Record<string, unknown> }).scripts ?? {};
      for (const [name, body] of Object.entries(scripts)) {
        if (typeof body === "string") byName.set(name, [...(byName.get(name) ?? []), body]);
      }
      known = true;
    } catch {
      return { known: false, byName };
    }
  }
  return { known, byName };
}

type Verdict = "definite" | "maybe" | "none";

/** Whether a shell command runs tests, following package.json scripts a few levels deep. */
function verdictOf(command: string, scripts: Scripts, depth = 0): Verdict {
  let verdict: Verdict = "none";
  for (const segment of segments(command)) {
    if (DEFINITE_TEST_COMMAND.test(segment)) return "definite";
    if (OPAQUE_COMMAND.test(segment)) verdict = "maybe";
    for (const m of segment.matchAll(SCRIPT_CALL)) {
      const name = m[3]!;
      if (!m[2] && PACKAGE_MANAGER_COMMANDS.has(name)) continue;
      const bodies = scripts.byName.get(name);
      if (!bodies) {
        if (!scripts.known) verdict = "maybe";
        continue;
      }
      if (depth >= 3) {
        verdict = "maybe";
        continue;
      }
      for (const body of bodies) {
        const inner = verdictOf(body, scripts, depth + 1);
        if (inner === "definite") return "definite";
        if (inner === "maybe") verdict = "maybe";
      }
    }
  }
  return verdict;
}

/** What the CI configuration of the repo says about running tests. */
export function ciView(repo: RepoView): CiView {
  const ciFiles = repo.paths.filter(isCiConfigPath);
  const helpers = repo.paths.filter(isCiHelperPath);
  const complete = [...ciFiles, ...helpers].every((p) => repo.file(p) !== undefined);
  const scripts = packageScripts(repo);
  let definite: CiTestRun | null = null;
  let maybe = false;
  for (const path of [...ciFiles, ...helpers]) {
    const file = repo.file(path);
    if (!file) continue;
    for (const { line, text } of commandLines(path, file.lines)) {
      const verdict = verdictOf(text, scripts);
      if (verdict === "definite" && !definite && isCiConfigPath(path)) {
        definite = {
          file: path,
          line,
          command: text.replace(/^-\s+/, "").replace(/^(run|script)\s*:\s*/, ""),
        };
      }
      if (verdict !== "none") maybe = true;
    }
  }
  return { ciFiles, complete, definite, maybe };
}

const PY_TEST_CODE =
  /^[ \t]*(async[ \t]+)?def[ \t]+test_\w*[ \t]*\(|\bunittest\.TestCase\b|\(\s*TestCase\s*\)/m;
const JS_TEST_CODE = /(^|[^\w.$])(it|test)(\.\w+)*\s*\(/m;
const TEST_FILE_NAME = /(^|\/)test_[^/]*\.py$|_test\.py$|\.(test|spec)\.[cm]?[jt]sx?$/;

/**
 * Test files with tests in them (not a lone helper or fixture folder); unread files count by their name. Read once
 * per review: two rules ask, and a large test suite is a full search of every test file.
 */
export const realTestFiles = (repo: RepoView): readonly string[] =>
  perRepo(repo, "real-test-files", () =>
    repo.testPaths().filter((path) => {
      if (!/\.(py|[cm]?[jt]sx?)$/.test(path) || /(^|\/)conftest\.py$/.test(path)) return false;
      const file = repo.file(path);
      if (!file) return TEST_FILE_NAME.test(path);
      return file.language === "python" ? PY_TEST_CODE.test(file.text) : JS_TEST_CODE.test(file.text);
    }),
  );
