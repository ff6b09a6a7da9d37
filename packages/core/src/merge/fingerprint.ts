// A finding's identity across runs: rule + file + the normalised code it points at, so it survives line shifts.
import { digest } from "../digest.js";

const normalise = (code: string) => code.replace(/\s+/g, " ").trim();

export interface FingerprintInput {
  ruleId: string;
  file: string | null;
  /** The code of the line the finding points at ("" for repo- or file-level findings). */
  code: string;
  /** Which occurrence of identical code in the same file, from 0, so two identical lines stay two findings. */
  occurrence: number;
  /** Distinguishes findings with no line (e.g. two notebook cells). */
  detail?: string;
}

export function fingerprint(input: FingerprintInput): string {
  return digest(
    "sha256",
    [
      input.ruleId,
      input.file ?? "",
      normalise(input.code),
      String(input.occurrence),
      input.detail ?? "",
    ].join("\0"),
    "hex",
  ).slice(0, 16);
}
