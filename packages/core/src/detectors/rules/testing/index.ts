// The testing rules, in the order their findings read best.
import type { Detector } from "../../types.js";
import { assertionFreeTest } from "./assertion-free-test.js";
import { clientAtImport } from "./client-at-import.js";
import { missingTests } from "./missing-tests.js";
import { testsInCi } from "./tests-in-ci.js";
import { testsNotInCi } from "./tests-not-in-ci.js";

export const testingRules: readonly Detector[] = [
  missingTests,
  testsNotInCi,
  assertionFreeTest,
  clientAtImport,
  testsInCi,
];
