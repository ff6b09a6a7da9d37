// Every detector learnloop runs, in one list: adding a rule means adding its module here.
import { bareExcept } from "./rules/code-quality/bare-except.js";
import { absolutePath } from "./rules/data/absolute-path.js";
import { missingReadme } from "./rules/documentation/missing-readme.js";
import { missingRunInstructions } from "./rules/documentation/missing-run-instructions.js";
import { unvalidatedJsonOutput } from "./rules/llm-reliability/unvalidated-json-output.js";
import { seededRandomness } from "./rules/ml-methodology/seeded-randomness.js";
import { unseededSplit } from "./rules/ml-methodology/unseeded-split.js";
import { swallowedException } from "./rules/observability/swallowed-exception.js";
import { unpinnedRequirements } from "./rules/reproducibility/unpinned-requirements.js";
import { hardcodedSecret } from "./rules/security/hardcoded-secret.js";
import { secretsFromEnvironment } from "./rules/security/secrets-from-environment.js";
import { missingTests } from "./rules/testing/missing-tests.js";
import type { Detector } from "./types.js";

export const DETECTORS: readonly Detector[] = [
  missingTests,
  unvalidatedJsonOutput,
  hardcodedSecret,
  secretsFromEnvironment,
  unseededSplit,
  seededRandomness,
  absolutePath,
  unpinnedRequirements,
  swallowedException,
  bareExcept,
  missingReadme,
  missingRunInstructions,
];

export function findDetector(id: string): Detector | undefined {
  return DETECTORS.find((d) => d.meta.id === id);
}
