// The code-quality rules, in the order their findings read best.
import type { Detector } from "../../types.js";
import { bareExcept } from "./bare-except.js";

export const codeQualityRules: readonly Detector[] = [bareExcept];
