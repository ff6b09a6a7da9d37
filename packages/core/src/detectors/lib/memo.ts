// Answers worked out once and asked for again: per review (a repo-wide scan several rules need) or per file (a
// file's masked code, whether it names a model API). Keyed by object, so they go when the review does.
import type { SourceFile } from "../../snapshot/types.js";
import type { RepoView } from "../repo-view.js";

const memo = new WeakMap<object, Map<string, unknown>>();

function remembered<T>(owner: object, key: string, compute: () => T): T {
  let answers = memo.get(owner);
  if (!answers) {
    answers = new Map();
    memo.set(owner, answers);
  }
  if (!answers.has(key)) answers.set(key, compute());
  return answers.get(key) as T;
}

/** A repo-wide answer computed once per review (rules ask it again for every file they check). */
export const perRepo = <T>(repo: RepoView, key: string, compute: () => T): T =>
  remembered(repo, key, compute);

/** An answer about one file computed once per review, whichever rule asks first. */
export const perFile = <T>(file: SourceFile, key: string, compute: () => T): T =>
  remembered(file, key, compute);
