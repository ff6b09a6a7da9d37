// llm-reliability/retries-disabled: `max_retries=0` turns off the retries a model SDK or LangChain model does for you.
import { calls, keywordArguments, lineOf } from "../../../parse/syntax.js";
import { numberValue } from "../../lib/llm-code.js";
import { moduleList, outsideTests } from "../../repo-view.js";
import type { FileDetector, RawFinding } from "../../types.js";

/** Clients and LangChain models that retry failed calls on their own unless told not to. */
const CLIENT =
  /(^|\.)(OpenAI|AsyncOpenAI|AzureOpenAI|AsyncAzureOpenAI|Anthropic|AsyncAnthropic|AnthropicBedrock|AnthropicVertex|ChatOpenAI|AzureChatOpenAI|ChatAnthropic|OpenAIEmbeddings|AzureOpenAIEmbeddings|ChatMistralAI|ChatGroq|ChatGoogleGenerativeAI|with_options|withOptions)$/;
const SETTING = new Set(["max_retries", "maxRetries"]);
/** Libraries and names that mean the code retries on its own, so the SDK's retries were turned off on purpose. */
const OWN_RETRY_LIBRARIES = moduleList([
  "tenacity",
  "backoff",
  "retrying",
  "stamina",
  "p-retry",
  "async-retry",
  "retry",
]);
const OWN_RETRY =
  /\bwith_?[Rr]etry\b|\bretry_if|@retry\b|\bfor\s+(attempt|retry|try_)|\bfor\s+\w+\s+in\s+range\([^)]*retr|\b(attempt|attempts|retries|tries)\s*(\+=|<|>)|\b(catch|except)\b[^:{\n]*(RateLimitError|APIConnectionError|APITimeoutError|InternalServerError|OverloadedError)|\binstanceof\s+[\w.]*(RateLimitError|APIConnectionError)/i;

export const retriesDisabled: FileDetector = {
  scope: "file",
  languages: ["python", "javascript", "typescript"],
  prefilter: /max_retries\s*=\s*0\b|maxRetries\s*:\s*0\b/,
  appliesToPath: outsideTests,
  meta: {
    id: "llm-reliability/retries-disabled",
    area: "llm-reliability",
    level: "actionable",
    title: "The model client's automatic retries are turned off",
    why: "Model APIs fail now and then for reasons that pass in a second: rate limits (429), overloaded servers (529, 503), dropped connections. The OpenAI and Anthropic SDKs and LangChain's chat models retry these twice with backoff by default; `max_retries=0` makes every such hiccup an error your user sees.",
    tryThis:
      "Remove `max_retries=0` (or set it to 2 or 3), then make a call with a rate-limited or wrong key to see which errors are retried and which are raised at once.",
    learnMore: [
      "https://github.com/openai/openai-python#retries",
      "https://docs.anthropic.com/en/api/errors",
    ],
    example: {
      language: "python",
      file: "bot.py",
      bad: "client = OpenAI(max_retries=0)",
      good: "client = OpenAI(max_retries=3)  # retries 429s, 5xx and dropped connections with backoff",
    },
    goal: "Keep automatic retries with backoff on every model client, and handle the error that remains after the last retry",
  },
  check(file, { repo, syntax }) {
    if (repo.fileImports(file, OWN_RETRY_LIBRARIES) || OWN_RETRY.test(file.text)) return [];
    const tree = syntax();
    if (!tree) return [];
    const found: RawFinding[] = [];
    for (const { node, name } of calls(tree)) {
      if (!CLIENT.test(name)) continue;
      const kwargs = keywordArguments(node);
      if (!kwargs) continue;
      for (const [key, value] of kwargs) {
        if (!SETTING.has(key) || numberValue(value) !== 0) continue;
        const client = name.slice(name.lastIndexOf(".") + 1);
        found.push({
          file: file.path,
          line: lineOf(value),
          message: `\`${key}${tree.grammar === "python" ? "=" : ": "}0\` on \`${client}\` turns off the automatic retries for rate limits and server errors.`,
        });
      }
    }
    return found;
  },
};
