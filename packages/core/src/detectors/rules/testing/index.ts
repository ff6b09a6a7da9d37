// The testing rules, in the order their findings read best.
import type { Detector } from "../../types.js";
import { missingTests } from "./missing-tests.js";

export const testingRules: readonly Detector[] = [missingTests];
