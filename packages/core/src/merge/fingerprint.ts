// A finding's identity across runs: rule + file + the normalised code it points at, so it survives line shifts.
import * as crypto from "node:crypto";

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

/**
 * A hex SHA-256 digest: Node's one-call `crypto.hash` (20.12 on) where it exists, about a fifth of the cost of a
 * `createHash` object, which a review of thousands of findings felt; the same digest either way.
 */
const sha256: (data: string) => string =
  typeof crypto.hash === "function"
    ? (data) => crypto.hash("sha256", data, "hex")
    : (data) => crypto.createHash("sha256").update(data).digest("hex");

export function fingerprint(input: FingerprintInput): string {
  return sha256(
    [
      input.ruleId,
      input.file ?? "",
      normalise(input.code),
      String(input.occurrence),
      input.detail ?? "",
    ].join("\0"),
  ).slice(0, 16);
}
