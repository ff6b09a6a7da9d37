// The observability rules, in the order their findings read best.
import type { Detector } from "../../types.js";
import { swallowedException } from "./swallowed-exception.js";

export const observabilityRules: readonly Detector[] = [swallowedException];
