// Context window and price per model: defaults for models we know, overridable, never a failing lookup.

export interface ModelProfile {
  /** Tokens the model accepts in one request (prompt + answer). */
  contextWindow: number;
  /** US dollars per million prompt / completion tokens; null when we do not know the price. */
  inputPerMillion: number | null;
  outputPerMillion: number | null;
}

// Published list prices (USD per 1M tokens) as of late 2026. Longest prefix wins, so dated snapshots
// such as "gpt-4o-mini-2024-07-18" find their family.
const KNOWN: Record<string, ModelProfile> = {
  "gpt-4o": { contextWindow: 128_000, inputPerMillion: 2.5, outputPerMillion: 10 },
  "gpt-4o-mini": { contextWindow: 128_000, inputPerMillion: 0.15, outputPerMillion: 0.6 },
  "gpt-4.1": { contextWindow: 1_047_576, inputPerMillion: 2, outputPerMillion: 8 },
  "gpt-4.1-mini": { contextWindow: 1_047_576, inputPerMillion: 0.4, outputPerMillion: 1.6 },
  "gpt-4.1-nano": { contextWindow: 1_047_576, inputPerMillion: 0.1, outputPerMillion: 0.4 },
  "gpt-5": { contextWindow: 400_000, inputPerMillion: 1.25, outputPerMillion: 10 },
  "gpt-5-mini": { contextWindow: 400_000, inputPerMillion: 0.25, outputPerMillion: 2 },
  "gpt-5-nano": { contextWindow: 400_000, inputPerMillion: 0.05, outputPerMillion: 0.4 },
  o3: { contextWindow: 200_000, inputPerMillion: 2, outputPerMillion: 8 },
  "o3-mini": { contextWindow: 200_000, inputPerMillion: 1.1, outputPerMillion: 4.4 },
  "o4-mini": { contextWindow: 200_000, inputPerMillion: 1.1, outputPerMillion: 4.4 },
};

/** For a model we do not know (a local Ollama model, an Azure deployment name): a small, safe window. */
export const UNKNOWN_MODEL: ModelProfile = {
  contextWindow: 32_000,
  inputPerMillion: null,
  outputPerMillion: null,
};

export const DEFAULT_MODEL = "gpt-4o-mini";

export function modelProfile(model: string, override: Partial<ModelProfile> = {}): ModelProfile {
  const name = model.toLowerCase().replace(/^.*\//, "");
  const family = Object.keys(KNOWN)
    .filter((k) => name === k || name.startsWith(`${k}-`))
    .sort((a, b) => b.length - a.length)[0];
  return { ...(family ? KNOWN[family]! : UNKNOWN_MODEL), ...override };
}

export function costUsd(profile: ModelProfile, promptTokens: number, completionTokens: number): number {
  const cost =
    (promptTokens * (profile.inputPerMillion ?? 0) + completionTokens * (profile.outputPerMillion ?? 0)) /
    1_000_000;
  return Math.round(cost * 1_000_000) / 1_000_000;
}

/** Reasoning models (o-series, gpt-5 except chat) reject temperature and other sampling parameters. */
export function isReasoningModel(model: string): boolean {
  const name = model.toLowerCase().replace(/^.*\//, "");
  return /^o\d/.test(name) || (name.startsWith("gpt-5") && !name.startsWith("gpt-5-chat"));
}

/**
 * Environment variables with which LangChain would send every prompt (repository text) to LangSmith or print it to
 * the log. A learner may have them set for their own project; the apps clear them before the mentor runs, because
 * a review must not ship someone's code to a third party they did not choose for it.
 */
export const MODEL_TRACING_ENV = [
  "LANGSMITH_TRACING_V2",
  "LANGCHAIN_TRACING_V2",
  "LANGSMITH_TRACING",
  "LANGCHAIN_TRACING",
  "LANGCHAIN_VERBOSE",
] as const;
