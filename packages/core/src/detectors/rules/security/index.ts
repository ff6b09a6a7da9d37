// The security rules, in the order their findings read best.
import type { Detector } from "../../types.js";
import { agentShellTool } from "./agent-shell-tool.js";
import { envFileCommitted } from "./env-file-committed.js";
import { envNotGitignored } from "./env-not-gitignored.js";
import { hardcodedSecret } from "./hardcoded-secret.js";
import { modelOutputToExec } from "./model-output-to-exec.js";
import { secretsFromEnvironment } from "./secrets-from-environment.js";
import { unsafeDeserialization } from "./unsafe-deserialization.js";
import { unsafeYamlLoad } from "./unsafe-yaml-load.js";
import { userInputInSystemPrompt } from "./user-input-in-system-prompt.js";

export const securityRules: readonly Detector[] = [
  hardcodedSecret,
  envFileCommitted,
  envNotGitignored,
  modelOutputToExec,
  agentShellTool,
  unsafeDeserialization,
  userInputInSystemPrompt,
  unsafeYamlLoad,
  secretsFromEnvironment,
];
