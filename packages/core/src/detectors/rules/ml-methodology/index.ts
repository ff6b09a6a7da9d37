// The ml-methodology rules, in the order their findings read best.
import type { Detector } from "../../types.js";
import { seededRandomness } from "./seeded-randomness.js";
import { unseededSplit } from "./unseeded-split.js";

export const mlMethodologyRules: readonly Detector[] = [seededRandomness, unseededSplit];
