// The system-design rules, in the order their findings read best.
import type { Detector } from "../../types.js";
import { hardcodedServiceUrl } from "./hardcoded-service-url.js";
import { indexRebuiltEveryRun } from "./index-rebuilt-every-run.js";
import { inlinePrompts } from "./inline-prompts.js";
import { perItemEmbeddingCalls } from "./per-item-embedding-calls.js";
import { unlimitedPublicLlmEndpoint } from "./unlimited-public-llm-endpoint.js";

export const systemDesignRules: readonly Detector[] = [
  unlimitedPublicLlmEndpoint,
  perItemEmbeddingCalls,
  indexRebuiltEveryRun,
  hardcodedServiceUrl,
  inlinePrompts,
];
