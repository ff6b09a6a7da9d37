// The documentation rules, in the order their findings read best.
import type { Detector } from "../../types.js";
import { measurableOutcomeStated } from "./measurable-outcome.js";
import { missingReadme } from "./missing-readme.js";
import { missingRunInstructions } from "./missing-run-instructions.js";
import { undocumentedEnvVars } from "./undocumented-env-vars.js";
import { vagueOutcome } from "./vague-outcome.js";

export const documentationRules: readonly Detector[] = [
  missingReadme,
  missingRunInstructions,
  vagueOutcome,
  undocumentedEnvVars,
  measurableOutcomeStated,
];
