// The llm-mechanics rules, in the order their findings read best.
import type { Detector } from "../../types.js";
import { arithmeticAskedOfLlm } from "./arithmetic-asked-of-llm.js";
import { chunkingWithoutOverlap } from "./chunking-without-overlap.js";
import { embeddingModelMismatch } from "./embedding-model-mismatch.js";
import { highTemperatureExtraction } from "./high-temperature-extraction.js";
import { unboundedChatHistory } from "./unbounded-chat-history.js";

export const llmMechanicsRules: readonly Detector[] = [
  embeddingModelMismatch,
  unboundedChatHistory,
  highTemperatureExtraction,
  arithmeticAskedOfLlm,
  chunkingWithoutOverlap,
];
