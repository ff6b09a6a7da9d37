// Runs the detectors over a snapshot: file rules on the files in scope, repo rules once.
import type { Snapshot, SourceFile } from "../snapshot/types.js";
import { RepoView } from "./repo-view.js";
import type { Detector, RawFinding, RuleMeta } from "./types.js";

export interface DetectedFinding extends RawFinding {
  meta: RuleMeta;
}

export async function runDetectors(
  snapshot: Snapshot,
  detectors: readonly Detector[],
): Promise<DetectedFinding[]> {
  const repo = new RepoView(snapshot);
  const changed = snapshot.changes ? new Map(snapshot.changes.map((c) => [c.path, c])) : null;
  const inScope = (f: SourceFile) => !changed || changed.has(f.path);
  const out: DetectedFinding[] = [];

  for (const detector of detectors) {
    if (detector.scope === "repo") {
      for (const raw of detector.check(repo)) out.push({ ...raw, meta: detector.meta });
      continue;
    }
    for (const file of snapshot.files) {
      if (!inScope(file) || !detector.languages.includes(file.language)) continue;
      if (detector.appliesToPath && !detector.appliesToPath(file.path)) continue;
      if (detector.prefilter && !detector.prefilter.test(file.text)) continue;
      for (const raw of await detector.check(file, repo)) {
        const change = changed?.get(file.path);
        // In PR mode a finding counts only where the change touched, or for the whole file when it is new.
        if (change && change.status !== "added" && raw.line !== null && !touches(change.addedLines, raw))
          continue;
        out.push({ ...raw, meta: detector.meta });
      }
    }
  }
  return out;
}

function touches(added: ReadonlySet<number>, raw: RawFinding): boolean {
  const end = raw.endLine ?? raw.line!;
  for (let line = raw.line!; line <= end; line++) if (added.has(line)) return true;
  return false;
}
