// The ml-methodology rules, in the order their findings read best.
import type { Detector } from "../../types.js";
import { accuracyOnlyOnClassification } from "./accuracy-only-on-classification.js";
import { evalModeNotSet } from "./eval-mode-not-set.js";
import { gradientsNotCleared } from "./gradients-not-cleared.js";
import { missingBaseline } from "./missing-baseline.js";
import { preprocessingBeforeSplit } from "./preprocessing-before-split.js";
import { scoredOnTrainingData } from "./scored-on-training-data.js";
import { seededRandomness } from "./seeded-randomness.js";
import { unseededSplit } from "./unseeded-split.js";

export const mlMethodologyRules: readonly Detector[] = [
  preprocessingBeforeSplit,
  scoredOnTrainingData,
  gradientsNotCleared,
  evalModeNotSet,
  unseededSplit,
  accuracyOnlyOnClassification,
  missingBaseline,
  seededRandomness,
];
