// The security rules, in the order their findings read best.
import type { Detector } from "../../types.js";
import { hardcodedSecret } from "./hardcoded-secret.js";
import { secretsFromEnvironment } from "./secrets-from-environment.js";

export const securityRules: readonly Detector[] = [hardcodedSecret, secretsFromEnvironment];
