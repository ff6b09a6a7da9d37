// The evaluation rules, in the order their findings read best.
import type { Detector } from "../../types.js";
import { evalSetPresent } from "./eval-set-present.js";
import { metricsOnlyPrinted } from "./metrics-only-printed.js";
import { missingEvalSet } from "./missing-eval-set.js";
import { ragWithoutRetrievalMetric } from "./rag-without-retrieval-metric.js";

export const evaluationRules: readonly Detector[] = [
  missingEvalSet,
  ragWithoutRetrievalMetric,
  metricsOnlyPrinted,
  evalSetPresent,
];
