import { describe, expect, it } from "vitest";
import { LLM_URL, mentionsLlmUrl } from "./llm-code.js";

describe("mentionsLlmUrl (LLM_URL with a cheap look for its parts first)", () => {
  // One address per alternative of LLM_URL: the shortcut must never say no where the expression says yes.
  const urls = [
    "https://api.openai.com/v1/chat/completions",
    "https://myorg.openai.azure.com/openai/deployments/x",
    "https://api.anthropic.com/v1/messages",
    "https://generativelanguage.googleapis.com/v1beta/models/x:generateContent",
    "https://api.mistral.ai/v1",
    "https://api.groq.com/openai/v1",
    "https://api.cohere.com/v2/chat",
    "https://api.together.xyz/v1",
    "https://openrouter.ai/api/v1",
    "https://api.deepseek.com",
    "https://api-inference.huggingface.co/models/x",
    "https://router.huggingface.co/v1",
    "https://api.perplexity.ai",
    "https://api.fireworks.ai/inference/v1",
    "https://api.x.ai/v1",
    "http://localhost:11434/api/chat",
    "http://127.0.0.1:11434/api/generate",
    "http://my-server:8000/v1/chat/completions",
  ];

  it.each(urls)("agrees with LLM_URL on %s", (url) => {
    const text = `URL = "${url}"`;
    expect(LLM_URL.test(text)).toBe(true);
    expect(mentionsLlmUrl(text)).toBe(true);
  });

  it("says no for text with no model API, and for a look-alike the expression rejects", () => {
    expect(mentionsLlmUrl('requests.get("https://example.com/api.json")')).toBe(false);
    expect(mentionsLlmUrl("self.api.call()")).toBe(false);
  });
});
