// The observability rules, in the order their findings read best.
import type { Detector } from "../../types.js";
import { loggingConfigured } from "./logging-configured.js";
import { printDebugging } from "./print-debugging.js";
import { swallowedException } from "./swallowed-exception.js";
import { tokenUsageUnread } from "./token-usage-unread.js";

export const observabilityRules: readonly Detector[] = [
  swallowedException,
  tokenUsageUnread,
  printDebugging,
  loggingConfigured,
];
