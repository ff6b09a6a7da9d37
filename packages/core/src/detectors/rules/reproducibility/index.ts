// The reproducibility rules, in the order their findings read best.
import type { Detector } from "../../types.js";
import { unpinnedRequirements } from "./unpinned-requirements.js";

export const reproducibilityRules: readonly Detector[] = [unpinnedRequirements];
