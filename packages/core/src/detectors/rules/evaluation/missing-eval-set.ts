// evaluation/missing-eval-set: the project calls a model but has no eval set of questions with expected answers.
import { evalEvidence, evidenceComplete, prepareEvalSets } from "../../lib/eval-sets.js";
import { literalGate } from "../../lib/needles.js";
import { isTestPath, LLM_LIBRARIES, type RepoView } from "../../repo-view.js";
import type { RepoDetector } from "../../types.js";

/** `transformers` alone is as often a classifier being trained (evaluated by its test split) as a model answering. */
const MODEL_LIBRARIES = LLM_LIBRARIES.filter((m) => m !== "transformers");

/** Model APIs called over plain HTTP (`requests.post`, `fetch`), without an SDK. */
const MODEL_API_URL =
  /https:\/\/(api\.openai\.com|api\.anthropic\.com|generativelanguage\.googleapis\.com|api\.groq\.com|api\.mistral\.ai|api\.together\.xyz|openrouter\.ai\/api|api\.cohere\.(ai|com))|localhost:11434/;
const MODEL_API_GATE = literalGate(MODEL_API_URL);
const isCode = (language: string): boolean =>
  language === "python" || language === "javascript" || language === "typescript";

/** The first library (or API) and file through which the project calls a model. */
function firstModelCall(repo: RepoView): { library: string; file: string } | null {
  const byUrl = repo.files.find((f) => isCode(f.language) && !isTestPath(f.path) && MODEL_API_GATE.test(f));
  for (const file of repo.files) {
    if (isTestPath(file.path)) continue;
    for (const imported of repo.importsOf(file)) {
      const library = MODEL_LIBRARIES.find(
        (m) =>
          imported === m ||
          imported.startsWith(m.endsWith("/") ? m : `${m}.`) ||
          imported.startsWith(`${m}/`),
      );
      if (library) return { library: library.replace(/\/$/, ""), file: file.path };
    }
  }
  if (!byUrl) return null;
  const host = MODEL_API_URL.exec(byUrl.text)![0].replace(/^https:\/\//, "");
  return { library: host, file: byUrl.path };
}

export const missingEvalSet: RepoDetector = {
  scope: "repo",
  // YAML data files are read for their fields: the YAML reader loads only where there are some.
  prepare: prepareEvalSets,
  meta: {
    id: "evaluation/missing-eval-set",
    area: "evaluation",
    level: "essential",
    title: "The project calls a model but has no eval set to measure its answers",
    why: "An eval set is a list of inputs with the answers you expect. Without one, every prompt or model change is judged by trying a question or two by hand, so a change that breaks half the answers looks fine. With one, quality becomes a number you can compare between versions.",
    tryThis:
      "Write 20 real questions with the answer you expect for each in `evals/questions.jsonl`, write a script that runs them through the app and counts how many answers contain the expected fact, and note the score.",
    learnMore: [
      "https://platform.openai.com/docs/guides/evals",
      "https://hamel.dev/blog/posts/evals/",
      "https://www.promptfoo.dev/docs/getting-started/",
    ],
    example: {
      language: "text",
      file: "(repository root)",
      bad: "bot.py\ningest.py",
      good: 'bot.py\ningest.py\nevals/questions.jsonl   # {"question": "Can I park overnight?", "expected": "No, 2am-6am is forbidden"}\nevals/run_eval.py       # prints 17/20 correct',
    },
    goal: "Build an eval set of 20 questions with expected answers and report the app's accuracy on it for every prompt or model change",
  },
  applies: (repo) => repo.usesLlm() || repo.files.some((f) => isCode(f.language) && MODEL_API_GATE.test(f)),
  check(repo) {
    const call = firstModelCall(repo);
    if (!call || !evidenceComplete(repo) || evalEvidence(repo) !== null) return [];
    return [
      {
        file: null,
        line: null,
        message: `The project calls a model (${call.library}, in ${call.file}) but has no eval set: no questions with expected answers to score its replies against.`,
      },
    ];
  },
};
