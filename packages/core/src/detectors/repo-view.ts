// Questions rules ask about the whole repository, answered once and shared by every rule.
import type { Snapshot, SourceFile } from "../snapshot/types.js";

const TEST_PATH =
  /(^|\/)(tests?|__tests__|spec)\/|(^|\/)test_[^/]*\.py$|_test\.py$|\.(test|spec)\.[cm]?[jt]sx?$/;
const CODE_PATH = /\.(py|ipynb|[cm]?[jt]sx?)$/;

export class RepoView {
  private readonly byPath: Map<string, SourceFile>;

  constructor(readonly snapshot: Snapshot) {
    this.byPath = new Map(snapshot.files.map((f) => [f.path, f]));
  }

  get paths(): readonly string[] {
    return this.snapshot.paths;
  }

  get files(): readonly SourceFile[] {
    return this.snapshot.files;
  }

  file(path: string): SourceFile | undefined {
    return this.byPath.get(path);
  }

  /** The README at the root, whatever its case or extension. */
  readme(): SourceFile | undefined {
    const path = this.paths.find((p) => /^readme(\.(md|markdown|rst|txt))?$/i.test(p));
    return path === undefined ? undefined : this.file(path);
  }

  hasCode(): boolean {
    return this.paths.some((p) => CODE_PATH.test(p));
  }

  hasPython(): boolean {
    return this.paths.some((p) => /\.(py|ipynb)$/.test(p));
  }

  testPaths(): string[] {
    return this.paths.filter((p) => TEST_PATH.test(p));
  }

  /** Files whose text matches, in path order. */
  filesMatching(pattern: RegExp): SourceFile[] {
    return this.files.filter((f) => pattern.test(f.text));
  }
}

export const isTestPath = (path: string): boolean => TEST_PATH.test(path);
