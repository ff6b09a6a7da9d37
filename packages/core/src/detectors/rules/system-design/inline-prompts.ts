// system-design/inline-prompts: long prompts written inside the model calls, at many call sites across the project.
import { scanCode } from "../../lib/code-strings.js";
import { callsLlm } from "../../lib/llm-code.js";
import { isTestPath, LLM_LIBRARIES } from "../../repo-view.js";
import type { RepoDetector } from "../../types.js";

/** Model calls, as text: the repo-level view has no syntax tree. */
const MODEL_CALL =
  /(\bChatCompletion\.a?create|\.chat\.completions\.(?:create|parse|stream)|\.responses\.(?:create|parse|stream)|\.messages\.(?:create|stream)|\.generate_content(?:_async)?|\.generateContent(?:Stream)?|\bgenerateText|\bstreamText|\bgenerateObject|\bstreamObject|\bollama\.(?:chat|generate)|\blitellm\.a?completion|\.a?invoke)\s*\(/g;
const CODE = /\.(py|ipynb|[cm]?[jt]sx?)$/;
/** A prompt long enough to deserve its own file or template: more than 3 lines, or more than 300 characters. */
const LONG_CHARS = 300;
const LONG_LINES = 3;
const MIN_SITES = 3;

export const inlinePrompts: RepoDetector = {
  scope: "repo",
  applies: (repo) => callsLlm(repo),
  meta: {
    id: "system-design/inline-prompts",
    area: "system-design",
    level: "informative",
    title: "Long prompts are written inline inside the model calls",
    why: "Prompts are the part of an LLM app you change most, and they deserve the care code gets: a name, one place to live, a diff that shows how a change in wording changed the results. Long prompts written inside the calls are hard to find, compare and test; in a prompts module or template files they can be reviewed, reused and evaluated on their own.",
    tryThis:
      "Move the prompts into a `prompts.py` (or `prompts/` folder of template files) with one named constant or template per prompt, fill them with `.format(...)` at the call, and write one test that renders each template with sample values.",
    learnMore: [
      "https://python.langchain.com/docs/concepts/prompt_templates/",
      "https://platform.openai.com/docs/guides/prompt-engineering",
    ],
    example: {
      language: "python",
      file: "bot.py",
      bad: 'client.chat.completions.create(model=MODEL, messages=[\n    {"role": "system", "content": f"""You are a support agent for {company}.\nAnswer only from the context below.\nIf the answer is not there, say you do not know.\nContext: {context}"""},\n])',
      good: '# prompts.py\nSUPPORT_SYSTEM = """You are a support agent for {company}.\nAnswer only from the context below.\nIf the answer is not there, say you do not know.\nContext: {context}"""\n\n# bot.py\nsystem = SUPPORT_SYSTEM.format(company=company, context=context)\nclient.chat.completions.create(model=MODEL, messages=[{"role": "system", "content": system}])',
    },
    goal: "Keep every prompt in a prompts module or template files, named, and render each one in a test",
  },
  check(repo) {
    const sites: { file: string; line: number }[] = [];
    for (const file of repo.files) {
      if (!CODE.test(file.path) || isTestPath(file.path) || !repo.fileImports(file, LLM_LIBRARIES)) continue;
      const python = file.language === "python";
      const code = scanCode(file.text, python);
      for (const m of file.text.matchAll(MODEL_CALL)) {
        if (!code.isCode(m.index)) continue;
        const open = m.index + m[0].length - 1;
        const close = code.closing(open);
        if (close === -1) continue;
        const long = code.strings.some(
          (s) =>
            s.start > open &&
            s.end <= close &&
            (s.content.length > LONG_CHARS || s.content.split("\n").length > LONG_LINES),
        );
        if (long) sites.push({ file: file.path, line: file.text.slice(0, m.index).split("\n").length });
      }
    }
    if (sites.length < MIN_SITES) return [];
    const files = new Set(sites.map((s) => s.file)).size;
    return [
      {
        file: sites[0]!.file,
        line: sites[0]!.line,
        message: `Long prompts are written inline at ${sites.length} model calls${files > 1 ? ` in ${files} files` : ""}, starting here.`,
      },
    ];
  },
};
