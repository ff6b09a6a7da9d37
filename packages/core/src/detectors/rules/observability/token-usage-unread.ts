// observability/token-usage-unread: the project calls a model but never reads the token counts it returns.
import { seesWholeRepo } from "../../lib/llm-code.js";
import { literalGate } from "../../lib/needles.js";
import { stripComment } from "../../lib/python-text.js";
import { isTestPath } from "../../repo-view.js";
import type { RawFinding, RepoDetector } from "../../types.js";

const CODE = /\.(py|ipynb|[cm]?[jt]sx?)$/;
/** A call that asks a model for a completion (OpenAI, Anthropic, Gemini, LangChain, LlamaIndex, LiteLLM, Ollama, AI SDK). */
const MODEL_CALL =
  /\.(chat\.)?completions\.(create|parse)\s*\(|\.responses\.(create|parse)\s*\(|\.messages\.create\s*\(|\.generate_content\s*\(|\.generateContent\s*\(|\b(generateText|streamText|generateObject)\s*\(|\bollama\.(chat|generate)\s*\(|\blitellm\.a?completion\s*\(|\b\w*(llm|chat|model|chain|agent)\w*\.a?invoke\s*\(|\b\w*engine\w*\.a?(query|chat|stream_chat)\s*\(|\b\w*llm\w*\.a?(complete|chat|stream_complete)\s*\(/i;
/** Model APIs called over plain HTTP (fetch, requests) instead of an SDK. */
const API_HOST =
  /https:\/\/(api\.openai\.com|api\.anthropic\.com|generativelanguage\.googleapis\.com|api\.mistral\.ai|api\.groq\.com|openrouter\.ai\/api|api\.together\.xyz|api\.deepseek\.com)/;
const API_HOST_GATE = literalGate(API_HOST);
const HTTP_POST = /\bfetch\s*\(|\b(requests|httpx|session|client|axios)\.post\s*\(/;
/** Anything that reads or records token use: the usage fields, a callback, a tracing or cost tool. */
const READS_USAGE =
  /\busage\b|prompt_tokens|completion_tokens|total_tokens|input_tokens|output_tokens|promptTokens|completionTokens|totalTokens|inputTokens|outputTokens|usage_metadata|usageMetadata|token_usage|tokenUsage|get_openai_callback|get_usage_metadata_callback|UsageMetadataCallbackHandler|llm_output|langfuse|langsmith|LANGCHAIN_TRACING|LANGSMITH_TRACING|helicone|openlit|traceloop|opentelemetry|openinference|phoenix|weave|agentops|promptlayer|logfire|completion_cost|success_callback|count_tokens|tiktoken|TokenCountingHandler|mlflow\.\w+\.autolog/i;
/** Env templates can switch tracing on (`LANGSMITH_TRACING=true`). */
const ENV_TEMPLATE = /(^|\/)\.env(\.[\w.-]+)?$/;

export const tokenUsageUnread: RepoDetector = {
  scope: "repo",
  meta: {
    id: "observability/token-usage-unread",
    area: "observability",
    level: "informative",
    title: "The project calls a model but never looks at how many tokens it used",
    why: "Every response reports the tokens it consumed (`usage` in OpenAI and Anthropic, `usage_metadata` in LangChain), and tokens are what a model call costs and what fills its context window. Without recording them, a prompt that quietly doubled in size, or a retry loop, shows up only on the bill.",
    tryThis:
      "Log `response.usage` (prompt and completion tokens) after each model call, then run your app on 10 typical inputs and compute the average tokens and cost per request.",
    learnMore: [
      "https://platform.openai.com/docs/api-reference/chat/object#chat/object-usage",
      "https://python.langchain.com/docs/how_to/chat_token_usage_tracking/",
    ],
    example: {
      language: "python",
      file: "bot.py",
      bad: "response = client.chat.completions.create(model=MODEL, messages=messages)\nreturn response.choices[0].message.content",
      good: 'response = client.chat.completions.create(model=MODEL, messages=messages)\nlogger.info("tokens: prompt=%d completion=%d", response.usage.prompt_tokens, response.usage.completion_tokens)\nreturn response.choices[0].message.content',
    },
    goal: "Record the tokens of every model call and report the average tokens and cost per request",
  },
  // A whole-repo fact: in PR mode (only changed files read) it stays quiet rather than read every file.
  reads: (path) => ENV_TEMPLATE.test(path),
  applies: (repo) => repo.usesLlm() || repo.files.some((f) => CODE.test(f.path) && API_HOST_GATE.test(f)),
  check(repo) {
    if (!seesWholeRepo(repo)) return [];
    let first: RawFinding | null = null;
    for (const file of repo.files) {
      const isCode = CODE.test(file.path);
      if (!isCode && !ENV_TEMPLATE.test(file.path)) continue;
      const python = file.language === "python";
      const text = file.lines
        .map((l) => (python ? stripComment(l) : l.replace(/(^|\s)\/\/.*$/, "$1")))
        .join("\n");
      if (READS_USAGE.test(text)) return [];
      if (first || !isCode || isTestPath(file.path)) continue;
      const http = API_HOST.test(text);
      const index = text.split("\n").findIndex((l) => MODEL_CALL.test(l) || (http && HTTP_POST.test(l)));
      if (index !== -1) {
        first = {
          file: file.path,
          line: index + 1,
          message:
            "The project calls a model (first here) but no code reads the token counts the responses report, so cost and context use go unmeasured.",
        };
      }
    }
    return first ? [first] : [];
  },
};
