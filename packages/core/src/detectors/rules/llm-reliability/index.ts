// The llm-reliability rules, in the order their findings read best.
import type { Detector } from "../../types.js";
import { unvalidatedJsonOutput } from "./unvalidated-json-output.js";

export const llmReliabilityRules: readonly Detector[] = [unvalidatedJsonOutput];
