// The data rules, in the order their findings read best.
import type { Detector } from "../../types.js";
import { absolutePath } from "./absolute-path.js";

export const dataRules: readonly Detector[] = [absolutePath];
