// llm-reliability/scattered-model-name: the same model name typed out at many call sites instead of one setting.

import { callsLlm } from "../../lib/llm-code.js";
import { stripComment } from "../../lib/python-text.js";
import { isTestPath } from "../../repo-view.js";
import type { RawFinding, RepoDetector } from "../../types.js";

/** Names of hosted and open models, as they are passed to SDKs (`gpt-4o-mini`, `claude-3-5-haiku-latest`, `llama3.2`). */
const MODEL_NAME = String.raw`(?:gpt-[\w.-]+|chatgpt-[\w.-]+|o[1-9](?:-[\w.-]+)?|claude-[\w.-]+|gemini-[\w.-]+|(?:open-)?mistral-[\w.-]+|mixtral-[\w.-]+|codestral-[\w.-]+|command-[\w.-]+|deepseek-[\w.-]+|llama[\w.:-]*|meta-llama/[\w.-]+|qwen[\w.:-]*|gemma[\w.:-]*|phi\d[\w.:-]*|text-embedding-[\w.-]+)`;
/** A keyword argument or object property that names the model: `model="gpt-4o"`, `model: "gpt-4o"`. */
const MODEL_ARGUMENT = new RegExp(
  String.raw`(?:^|[(,{\s])(["']?)(model|model_name|modelName|model_id|modelId|deployment_name|azure_deployment)\1\s*(=|:)\s*(["'\x60])(${MODEL_NAME})\4`,
  "g",
);
/** The Vercel AI SDK names the model as the provider's argument: `openai("gpt-4o-mini")`. */
const PROVIDER_CALL = new RegExp(
  String.raw`\b(?:openai|anthropic|google|mistral|groq|ollama|azure)\(\s*(["'\x60])(${MODEL_NAME})\1`,
  "g",
);
/** Notebooks are left out: trying a model cell by cell is what a notebook is for. */
const CODE = /\.(py|[cm]?[jt]sx?)$/;
const MIN_SITES = 3;
/** Cheap gate before reading a file line by line. */
const MENTIONS =
  /\b(model|model_name|modelName|model_id|modelId|deployment_name|azure_deployment)\b|\b(openai|anthropic|google|mistral|groq|ollama|azure)\(/;

interface Site {
  file: string;
  line: number;
}

export const scatteredModelName: RepoDetector = {
  scope: "repo",
  applies: (repo) => callsLlm(repo),
  meta: {
    id: "llm-reliability/scattered-model-name",
    area: "llm-reliability",
    level: "informative",
    title: "The same model name is written out at many call sites",
    why: "Model names change: providers retire models, and you will want to try a cheaper or newer one and compare. When the name is typed at every call, switching means finding every copy, and a missed one leaves part of the app on the old model without anyone noticing. One setting, read from config or the environment, makes the model a single, visible choice.",
    tryThis:
      "Define the model once (`CHAT_MODEL = os.getenv('CHAT_MODEL', 'gpt-4o-mini')` in a config module), import it at every call site, and run your app once with a different model set in the environment.",
    learnMore: ["https://12factor.net/config", "https://platform.openai.com/docs/deprecations"],
    example: {
      language: "python",
      file: "bot.py",
      bad: '# bot.py\nclient.chat.completions.create(model="gpt-4o-mini", ...)\n# summarize.py\nclient.chat.completions.create(model="gpt-4o-mini", ...)\n# grade.py\nclient.chat.completions.create(model="gpt-4o-mini", ...)',
      good: '# config.py\nCHAT_MODEL = os.getenv("CHAT_MODEL", "gpt-4o-mini")\n# bot.py, summarize.py, grade.py\nclient.chat.completions.create(model=CHAT_MODEL, ...)',
    },
    goal: "Name each model once in config (or the environment) and import that setting at every call site",
  },
  check(repo) {
    const sites = new Map<string, Site[]>();
    for (const file of repo.files) {
      if (!CODE.test(file.path) || isTestPath(file.path) || !MENTIONS.test(file.text)) continue;
      const python = file.language === "python";
      file.lines.forEach((raw, i) => {
        const line = python ? stripComment(raw) : raw.replace(/(^|\s)\/\/.*$/, "");
        if (!python && /^\s*\*/.test(line)) return;
        for (const m of line.matchAll(MODEL_ARGUMENT)) {
          // `model = "gpt-4o"` on a line of its own is a setting being defined: the fix, not the problem.
          const keyAt = m.index + m[0].indexOf(m[2]!);
          if (python && m[3] === "=" && isStatementAssignment(file.lines, i, keyAt)) continue;
          add(sites, m[5]!, { file: file.path, line: i + 1 });
        }
        for (const m of line.matchAll(PROVIDER_CALL)) add(sites, m[2]!, { file: file.path, line: i + 1 });
      });
    }
    const scattered = [...sites.entries()]
      .filter(([, where]) => where.length >= MIN_SITES)
      .sort((a, b) => b[1].length - a[1].length);
    if (scattered.length === 0) return [];
    const [name, where] = scattered[0]!;
    const files = new Set(where.map((s) => s.file)).size;
    const others = scattered.length - 1;
    const finding: RawFinding = {
      file: where[0]!.file,
      line: where[0]!.line,
      message: `The model name \`${name}\` is written out at ${where.length} call sites${files > 1 ? ` in ${files} files` : ""}${
        others > 0
          ? ` (and ${others} more model name${others > 1 ? "s are" : " is"} repeated the same way)`
          : ""
      }.`,
    };
    return [finding];
  },
};

function add(sites: Map<string, Site[]>, name: string, site: Site): void {
  const list = sites.get(name) ?? [];
  list.push(site);
  sites.set(name, list);
}

/** Whether `name = ...` at this position starts a Python statement rather than a keyword argument of a call. */
function isStatementAssignment(lines: readonly string[], index: number, at: number): boolean {
  const line = stripComment(lines[index]!);
  if (line.slice(0, at).trim() !== "") return false;
  if (/[,()]$/.test(line.trimEnd())) return false;
  for (let l = index - 1; l >= 0; l--) {
    const previous = stripComment(lines[l]!).trimEnd();
    if (previous === "") continue;
    return !/[,([{]$/.test(previous);
  }
  return true;
}
