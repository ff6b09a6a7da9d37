// Runs the detectors over a snapshot: each file parsed at most once and shared by its rules, repo rules once.
import { type Syntax, syntaxOf } from "../parse/syntax.js";
import { grammarOf, loadParsers, type Parsers, type Tree } from "../parse/tree-sitter.js";
import type { Snapshot, SourceFile } from "../snapshot/types.js";
import { RepoView } from "./repo-view.js";
import type { Detector, FileDetector, RawFinding, RuleMeta } from "./types.js";

export interface DetectedFinding extends RawFinding {
  meta: RuleMeta;
}

export async function runDetectors(
  snapshot: Snapshot,
  detectors: readonly Detector[],
): Promise<DetectedFinding[]> {
  const repo = new RepoView(snapshot);
  const active = detectors.filter((d) => !d.applies || d.applies(repo));
  const fileRules = active.filter((d): d is FileDetector => d.scope === "file");
  const changed = snapshot.changes ? new Map(snapshot.changes.map((c) => [c.path, c])) : null;
  const out: DetectedFinding[] = [];

  for (const detector of active) {
    if (detector.scope === "repo")
      for (const raw of detector.check(repo)) out.push({ ...raw, meta: detector.meta });
  }

  const grammars =
    fileRules.length === 0 ? [] : snapshot.files.map((f) => grammarOf(f.path)).filter((g) => g !== null);
  const parsers = grammars.length > 0 ? await loadParsers(grammars) : null;

  for (const file of snapshot.files) {
    const change = changed?.get(file.path);
    if (changed && !change) continue;
    const rules = fileRules.filter(
      (d) =>
        d.languages.includes(file.language) &&
        (!d.appliesToPath || d.appliesToPath(file.path)) &&
        (!d.prefilter || d.prefilter.test(file.text)),
    );
    if (rules.length === 0) continue;
    const lazy = lazySyntax(file, parsers);
    try {
      for (const detector of rules) {
        for (const raw of await detector.check(file, { repo, syntax: lazy.get })) {
          // In PR mode a finding counts only where the change touched, or anywhere in a new file.
          if (change && change.status !== "added" && raw.line !== null && !touches(change.addedLines, raw))
            continue;
          out.push({ ...raw, meta: detector.meta });
        }
      }
    } finally {
      lazy.dispose();
    }
  }
  return out;
}

/** Parses on first use only, and frees the tree's WebAssembly memory when the file is done. */
function lazySyntax(file: SourceFile, parsers: Parsers | null) {
  let tree: Tree | null = null;
  let syntax: Syntax | null | undefined;
  return {
    get: (): Syntax | null => {
      if (syntax !== undefined) return syntax;
      const grammar = grammarOf(file.path);
      tree = grammar && parsers ? parsers.parse(grammar, file.text) : null;
      syntax = tree && grammar && parsers ? syntaxOf(tree, grammar, parsers) : null;
      return syntax;
    },
    dispose: () => tree?.delete(),
  };
}

function touches(added: ReadonlySet<number>, raw: RawFinding): boolean {
  const end = raw.endLine ?? raw.line!;
  for (let line = raw.line!; line <= end; line++) if (added.has(line)) return true;
  return false;
}
