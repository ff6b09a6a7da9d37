// Lines holding a secret are hidden before repository text goes to the model provider (found by the secret scanner).
import { scanForSecrets } from "../detectors/lib/secret-scan.js";
import type { SourceFile } from "../snapshot/types.js";

export const HIDDEN_LINE = "[line hidden by learnloop: a secret was found here]";

export type SecretMask = (file: SourceFile) => Promise<SourceFile>;

/** Scans each file once, when it is first shown to the model, and returns a copy with secret lines hidden. */
export function secretMask(): SecretMask {
  const cache = new Map<string, Promise<SourceFile>>();
  return (file) => {
    let masked = cache.get(file.path);
    if (!masked) {
      masked = scanForSecrets(file, file.path).then((hits) => {
        if (hits.length === 0) return file;
        const lines = [...file.lines];
        for (const hit of hits) if (hit.line <= lines.length) lines[hit.line - 1] = HIDDEN_LINE;
        return { ...file, lines, text: lines.join("\n") };
      });
      cache.set(file.path, masked);
    }
    return masked;
  };
}
