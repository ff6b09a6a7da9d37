// The llm-reliability rules, in the order their findings read best.
import type { Detector } from "../../types.js";
import { rawHttpWithoutTimeout } from "./raw-http-without-timeout.js";
import { retriesDisabled } from "./retries-disabled.js";
import { scatteredModelName } from "./scattered-model-name.js";
import { schemaValidatedOutput } from "./schema-validated-output.js";
import { uncappedAgentLoop } from "./uncapped-agent-loop.js";
import { unvalidatedJsonOutput } from "./unvalidated-json-output.js";

export const llmReliabilityRules: readonly Detector[] = [
  uncappedAgentLoop,
  unvalidatedJsonOutput,
  rawHttpWithoutTimeout,
  retriesDisabled,
  scatteredModelName,
  schemaValidatedOutput,
];
