// Finds evaluation sets (questions with expected answers) and eval tooling in a repo.
// Shared by evaluation/missing-eval-set (any sign of one: say nothing) and evaluation/eval-set-present (a clear one in use).
import type { SourceFile } from "../../snapshot/types.js";
import { isTestPath, moduleList, type RepoView } from "../repo-view.js";

/** A path that says "evaluation": eval/, evals/, golden sets, benchmarks, ground truth, expected answers (not `retrieval.py`). */
export const EVAL_PATH =
  /(^|\/)[^/]*((?<![a-z])eval|golden|benchmark|ground[_-]?truth|testset|test[_-]set|qa[_-]?pairs|expected[_-]?(answers?|outputs?|responses?|results?|summar(y|ies)))[^/]*(\/|$)/i;
export const PROMPTFOO_CONFIG = /(^|\/)promptfooconfig\.(ya?ml|json|[cm]?[jt]s)$/;
const DATA_PATH = /\.(jsonl|json|csv|tsv|ya?ml)$/i;
const CODE_PATH = /\.(py|ipynb|[cm]?[jt]sx?)$/;
const NOT_DATA =
  /(^|\/)(package(-lock)?\.json|tsconfig[^/]*\.json|\.github\/|\.gitlab-ci|docker-compose|pnpm-lock|\.vscode\/|\.devcontainer\/|biome\.json|\.pre-commit)/;

/** Libraries whose only job is evaluating model output. */
export const EVAL_LIBRARIES = moduleList([
  "deepeval",
  "ragas",
  "promptfoo",
  "evals",
  "evaluate",
  "inspect_ai",
  "braintrust",
  "autoevals",
  "trulens",
  "trulens_eval",
  "phoenix.evals",
  "giskard",
  "uptrain",
  "opik",
  "evalite",
  "vitest-evals",
  "@arizeai/phoenix-evals",
  "langsmith/evaluation",
  "langsmith.evaluation",
]);
/** Evaluation entry points that live in general libraries. */
const EVAL_CALL =
  /\bmlflow\.evaluate\(|\bfrom\s+langsmith\s+import\s+[^\n]*\ba?evaluate\b|\bclient\.a?evaluate\(/;

const INPUT_FIELD =
  /^(question|questions|query|queries|input|inputs|prompt|q|user_input|user_query|instruction|vars)$/i;
/** Field names that can only mean "the answer we expect". */
const EXPECTED_FIELD =
  /^(expected([_ -]?\w+)?|ground[_ -]?truths?|gold(en)?([_ -]?\w+)?|ideal([_ -]?\w+)?|reference([_ -]?(answer|answers|output|outputs|response|contexts?))?|correct[_ -]?\w+|must[_ -]?(contain|include)\w*|asserts?)$/i;
/** Field names that mean an expected answer when the file is an eval set by its path. */
const ANSWER_FIELD = /^(answers?|labels?|target|outputs?|response|completion|category|topic|intent|class)$/i;
/** Text in code that defines expected answers: `expected_answer=`, `"ground_truth":`. */
const EXPECTED_IN_CODE =
  /["']?\b(expected_(answer|answers|output|outputs|response|result|sources?|contexts?)|ground_truths?|reference_answer|ideal_(answer|response)|golden_(answer|answers|set))\b["']?\s*[:=]/;
/** In an eval script, a plain `expected` key or variable means the same. */
const EXPECTED_IN_EVAL_CODE = new RegExp(
  `${EXPECTED_IN_CODE.source}|["']expected["']\\s*:|\\bexpected\\s*=(?!=)`,
);

const YAML_PATH = /\.ya?ml$/i;

/** YAML's reader (a large module), loaded by `prepareEvalSets` for a repo with YAML data files: most have none. */
let parseYaml: ((text: string) => unknown) | null = null;

/** Loads the YAML reader when the repo has a YAML file that `recordFields` may be asked to read. */
export async function prepareEvalSets(repo: RepoView): Promise<void> {
  if (!parseYaml && repo.files.some((f) => YAML_PATH.test(f.path) && !NOT_DATA.test(f.path)))
    parseYaml = (await import("yaml")).parse;
}

/**
 * The field names of a data file's first record (csv/tsv header, jsonl line, json or yaml records). A rule that
 * reads YAML data through it declares `prepare: prepareEvalSets`.
 */
export function recordFields(file: SourceFile): string[] {
  const yaml = YAML_PATH.test(file.path);
  if (yaml && !parseYaml)
    throw new Error(`${file.path}: the YAML reader is not loaded (await prepareEvalSets first)`);
  const text = file.text.trimStart();
  try {
    if (/\.(csv|tsv)$/i.test(file.path)) {
      const header = text.split(/\r?\n/, 1)[0] ?? "";
      return header.split(/\.tsv$/i.test(file.path) ? "\t" : ",").map((h) => h.trim().replace(/^"|"$/g, ""));
    }
    if (/\.jsonl$/i.test(file.path)) return fieldsOf(JSON.parse(text.split(/\r?\n/, 1)[0] ?? ""));
    if (/\.json$/i.test(file.path)) return fieldsOf(JSON.parse(text));
    return yaml ? fieldsOf(parseYaml!(text)) : [];
  } catch {
    return [];
  }
}

function fieldsOf(value: unknown): string[] {
  if (Array.isArray(value)) return fieldsOf(value[0]);
  if (!value || typeof value !== "object") return [];
  const record = value as Record<string, unknown>;
  for (const key of ["tests", "cases", "examples", "questions", "samples", "items", "data", "dataset"]) {
    if (Array.isArray(record[key]) && record[key].length > 0) return fieldsOf(record[key]);
  }
  return Object.keys(record);
}

/** A data file of questions with expected answers; `strict` leaves out a bare `question,answer` file (an FAQ, maybe). */
export function isEvalData(file: SourceFile, strict: boolean): boolean {
  if (!DATA_PATH.test(file.path) || NOT_DATA.test(file.path)) return false;
  const fields = recordFields(file);
  const input = fields.some((f) => INPUT_FIELD.test(f));
  const evalPath = EVAL_PATH.test(file.path);
  // A unit test's fixture of inputs and expected outputs is not an eval set of the model's answers.
  if (strict && !evalPath && isTestPath(file.path)) return false;
  if (fields.some((f) => EXPECTED_FIELD.test(f)) && (input || evalPath)) return true;
  if (input && evalPath && fields.some((f) => ANSWER_FIELD.test(f))) return true;
  return !strict && input && fields.some((f) => /^answers?$/i.test(f));
}

const isCode = (file: SourceFile): boolean =>
  file.language === "python" || file.language === "javascript" || file.language === "typescript";

/** Whether every path the predicate names was read (or skipped for a reason): in PR mode some are not. */
export function allRead(repo: RepoView, predicate: (path: string) => boolean): boolean {
  const skipped = new Set(repo.snapshot.skipped.map((s) => s.path));
  return repo.paths.every((p) => !predicate(p) || repo.file(p) !== undefined || skipped.has(p));
}

/** Any sign that the project evaluates model output: a path, a config, a library, expected answers in code or data. */
export function evalEvidence(repo: RepoView): string | null {
  const byPath = repo.paths.find((p) => EVAL_PATH.test(p) || PROMPTFOO_CONFIG.test(p));
  if (byPath) return byPath;
  for (const file of repo.files) {
    if (isCode(file) && (repo.fileImports(file, EVAL_LIBRARIES) || EVAL_CALL.test(file.text)))
      return file.path;
    if (isCode(file) && EXPECTED_IN_CODE.test(file.text)) return file.path;
    if (isEvalData(file, false)) return file.path;
  }
  return null;
}

/** Whether the evidence above could be judged: all code and data files were read. */
export const evidenceComplete = (repo: RepoView): boolean =>
  allRead(repo, (p) => CODE_PATH.test(p) || (DATA_PATH.test(p) && !NOT_DATA.test(p)));

export interface EvalSetInUse {
  file: string;
  line: number | null;
  message: string;
}

const basename = (path: string): string => path.slice(path.lastIndexOf("/") + 1);
const escapeRegExp = (text: string): string => text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

/** A clear eval set that the project uses, or null. */
export function evalSetInUse(repo: RepoView): EvalSetInUse | null {
  // promptfoo: the config is the eval set and its runner at once.
  for (const path of repo.paths.filter((p) => PROMPTFOO_CONFIG.test(p))) {
    const file = repo.file(path);
    if (!file) continue;
    const testsLine = file.lines.findIndex((l) => /^tests\s*:/.test(l));
    if (testsLine !== -1 && /\bassert\b|file:\/\//.test(file.text)) {
      return {
        file: path,
        line: testsLine + 1,
        message: `An eval set with expected answers is in use: ${path} defines test cases that promptfoo checks.`,
      };
    }
  }
  // A data file of questions with expected answers, read by the code.
  const code = repo.files.filter(isCode);
  for (const data of repo.files.filter((f) => isEvalData(f, true))) {
    const name = basename(data.path);
    const reference = new RegExp(
      `["'\`/][^"'\`\\n]*${escapeRegExp(name)}["'\`]|["'\`]${escapeRegExp(name)}["'\`]`,
    );
    for (const file of code) {
      const index = file.lines.findIndex((l) => reference.test(l));
      if (index !== -1) {
        return {
          file: file.path,
          line: index + 1,
          message: `An eval set with expected answers is in use: ${data.path}, read in ${file.path}.`,
        };
      }
    }
  }
  // An eval script (or eval library) with expected answers written in the code.
  for (const file of code) {
    if (!EVAL_PATH.test(file.path) && !repo.fileImports(file, EVAL_LIBRARIES)) continue;
    const index = file.lines.findIndex((l) => EXPECTED_IN_EVAL_CODE.test(l));
    if (index !== -1) {
      return {
        file: file.path,
        line: index + 1,
        message: `An eval set with expected answers is in use: ${file.path} checks replies against expected outputs.`,
      };
    }
  }
  return null;
}
