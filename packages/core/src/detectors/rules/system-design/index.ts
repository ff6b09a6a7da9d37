// The system-design rules, in the order their findings read best.
import type { Detector } from "../../types.js";

export const systemDesignRules: readonly Detector[] = [];
