// The code-quality rules, in the order their findings read best.
import type { Detector } from "../../types.js";
import { anyCastOnModelOutput } from "./any-cast-on-model-output.js";
import { bareExcept } from "./bare-except.js";
import { duplicatedFunction } from "./duplicated-function.js";
import { giantModule } from "./giant-module.js";
import { mutableDefaultArgument } from "./mutable-default-argument.js";

export const codeQualityRules: readonly Detector[] = [
  mutableDefaultArgument,
  bareExcept,
  anyCastOnModelOutput,
  duplicatedFunction,
  giantModule,
];
