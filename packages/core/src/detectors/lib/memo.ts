// Answers worked out once and asked for again: per review (a repo-wide scan several rules need, whether a file
// names a model API) or per file while the pass is on it (its masked code). Keyed by object, so they go when the
// review does.
import type { SourceFile } from "../../snapshot/types.js";
import type { RepoView } from "../repo-view.js";
import type { SharedAnswer } from "../types.js";

const memo = new WeakMap<object, Map<string, unknown>>();
/** Per-file answers the file pass drops when it is done with the file (see `forgetFile`). */
const fileMemo = new WeakMap<object, Map<string, unknown>>();

function remembered<T>(
  store: WeakMap<object, Map<string, unknown>>,
  owner: object,
  key: string,
  compute: () => T,
): T {
  let answers = store.get(owner);
  if (!answers) {
    answers = new Map();
    store.set(owner, answers);
  }
  if (!answers.has(key)) answers.set(key, compute());
  return answers.get(key) as T;
}

/** A repo-wide answer computed once per review (rules ask it again for every file they check). */
export const perRepo = <T>(repo: RepoView, key: string, compute: () => T): T =>
  remembered(memo, repo, key, compute);

/** A rule's shared answer (see `FileDetector.shared`): worked out once per review, or the one a worker was sent. */
export const sharedAnswer = <T>(repo: RepoView, { key, compute }: SharedAnswer<T>): T =>
  perRepo(repo, key, () => compute(repo));

/**
 * An answer about one file computed once while the file pass is on it, whichever rule asks first: the file's
 * masked code, its blocks. Dropped when the pass is done with the file, so a review does not hold a copy of every
 * file's text (and the collector does not carry them from young space to old).
 */
export const perFile = <T>(file: SourceFile, key: string, compute: () => T): T =>
  remembered(fileMemo, file, key, compute);

/** An answer about one file kept for the whole review: repo-wide questions ask it of every file (small answers). */
export const perFileForReview = <T>(file: SourceFile, key: string, compute: () => T): T =>
  remembered(memo, file, key, compute);

/** Drops the file's `perFile` answers: the file pass is done with it (a later ask works them out again). */
export const forgetFile = (file: SourceFile): void => {
  fileMemo.delete(file);
};
