// The data rules, in the order their findings read best.
import type { Detector } from "../../types.js";
import { absolutePath } from "./absolute-path.js";
import { committedDataFiles } from "./committed-data-files.js";
import { silentRowLoss } from "./silent-row-loss.js";
import { unvalidatedCsvRead } from "./unvalidated-csv-read.js";

export const dataRules: readonly Detector[] = [
  absolutePath,
  committedDataFiles,
  silentRowLoss,
  unvalidatedCsvRead,
];
