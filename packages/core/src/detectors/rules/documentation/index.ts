// The documentation rules, in the order their findings read best.
import type { Detector } from "../../types.js";
import { missingReadme } from "./missing-readme.js";
import { missingRunInstructions } from "./missing-run-instructions.js";

export const documentationRules: readonly Detector[] = [missingReadme, missingRunInstructions];
