// data/committed-data-files: large data files or model weights are committed to git.
import ignore from "ignore";
import { isTestPath, type RepoView } from "../../repo-view.js";
import type { RepoDetector } from "../../types.js";

const MB = 1024 * 1024;
/** One file this large is worth keeping out of git. */
const LARGE_FILE = 5 * MB;
/** Or this much data in all. */
const LARGE_TOTAL = 20 * MB;
/** Or this many data files, whatever their size. */
const MANY_FILES = 25;

const DATA_EXT =
  /\.(csv|tsv|parquet|jsonl|ndjson|npy|npz|pkl|pickle|joblib|feather|arrow|h5|hdf5|xlsx|xls|sqlite|sqlite3|db|duckdb|avro|orc)$/i;
const WEIGHTS =
  /\.(pt|pth|ckpt|safetensors|onnx|gguf|keras|tflite)$|(^|\/)(pytorch_model|model|adapter_model|tf_model)[\w.-]*\.bin$/i;
/** JSON counts as data only when it is big (a dataset, not a config), and is not a lockfile. */
const BIG_JSON = /\.json$/i;
const NOT_DATA =
  /(^|\/)(package-lock|npm-shrinkwrap|composer|Pipfile|bun|deno)\.(json|lock)$|\.(min|map)\.json$|(^|\/)\.vscode\//;

interface Item {
  path: string;
  bytes: number | null;
  weights: boolean;
}

const size = (bytes: number): string =>
  bytes >= 10 * MB ? `${Math.round(bytes / MB)} MB` : `${(bytes / MB).toFixed(1).replace(/\.0$/, "")} MB`;

/** Patterns that `.gitattributes` hands to Git LFS: those files are pointers in git, not the data. */
function lfsMatcher(repo: RepoView): ((path: string) => boolean) | null {
  const attributes = repo.file(".gitattributes");
  if (!attributes) return null;
  const patterns = attributes.lines
    .map((l) => l.trim())
    .filter((l) => /\sfilter=lfs\b/.test(l) && !l.startsWith("#"))
    .map((l) => l.split(/\s+/)[0]!);
  if (patterns.length === 0) return null;
  const matcher = ignore().add(patterns);
  return (path) => matcher.ignores(path);
}

function dataFiles(repo: RepoView): Item[] {
  const bytes = new Map<string, number | null>();
  for (const f of repo.files) bytes.set(f.path, f.bytes);
  for (const s of repo.snapshot.skipped)
    if (!bytes.has(s.path) || s.bytes !== null) bytes.set(s.path, s.bytes);
  const inLfs = lfsMatcher(repo);
  const dvcTracked = new Set(repo.paths.filter((p) => p.endsWith(".dvc")).map((p) => p.slice(0, -4)));
  const out: Item[] = [];
  for (const path of repo.paths) {
    if (isTestPath(path) || /(^|\/)(fixtures?|testdata|test_data)\//.test(path)) continue;
    if (inLfs?.(path) || dvcTracked.has(path) || NOT_DATA.test(path)) continue;
    const known = bytes.get(path) ?? null;
    const weights = WEIGHTS.test(path);
    const data = DATA_EXT.test(path) || (BIG_JSON.test(path) && known !== null && known >= MB);
    if (weights || data) out.push({ path, bytes: known, weights });
  }
  return out;
}

export const committedDataFiles: RepoDetector = {
  scope: "repo",
  meta: {
    id: "data/committed-data-files",
    area: "data",
    level: "actionable",
    title: "Large data files or model weights are committed to git",
    why: "Git keeps every version of every file forever, so each commit of a large dataset or checkpoint makes every clone slower and the repository heavier, and a changed dataset cannot be told apart from a changed model. Data and weights are usually versioned beside the code (DVC, Git LFS, a bucket) and fetched by a script.",
    tryThis:
      "Move the largest file out of git: add it to `.gitignore`, put it in Git LFS, DVC or cloud storage, and write a small `download_data.py` (or a README step) that fetches it, with a checksum to confirm the right version.",
    learnMore: [
      "https://dvc.org/doc/start",
      "https://git-lfs.com/",
      "https://docs.github.com/en/repositories/working-with-files/managing-large-files/about-large-files-on-github",
    ],
    example: {
      language: "text",
      file: "(repository root)",
      bad: "data/train.csv        # 240 MB, in git\nmodels/best.pt        # 500 MB, in git",
      good: "data/.gitignore       # *.csv\ndata/train.csv.dvc    # DVC pointer: hash and size\nscripts/download_data.py",
    },
    goal: "Keep data and model weights out of git: version them with DVC or Git LFS (or a bucket) and fetch them with one documented command",
  },
  reads: (path) => path === ".gitattributes",
  check(repo) {
    const items = dataFiles(repo);
    if (items.length === 0) return [];
    const flagged = items.filter(
      (i) =>
        (i.bytes !== null && i.bytes >= LARGE_FILE) || (i.weights && (i.bytes === null || i.bytes >= MB)),
    );
    const total = items.reduce((sum, i) => sum + (i.bytes ?? 0), 0);
    if (flagged.length === 0 && total < LARGE_TOTAL && items.length < MANY_FILES) return [];

    const bySize = (a: Item, b: Item) => (b.bytes ?? -1) - (a.bytes ?? -1) || (a.path < b.path ? -1 : 1);
    const lead = [...(flagged.length > 0 ? flagged : items)].sort(bySize)[0]!;
    const what = lead.weights
      ? lead.bytes === null
        ? "model weights"
        : `model weights, ${size(lead.bytes)}`
      : lead.bytes === null
        ? "data"
        : size(lead.bytes);
    const others = items.length - 1;
    const allKnown = items.every((i) => i.bytes !== null);
    const sum = total > (lead.bytes ?? 0) ? ` (${allKnown ? "" : "at least "}${size(total)} in all)` : "";
    const rest =
      others === 0 ? "" : `, with ${others} more data or weight file${others === 1 ? "" : "s"}${sum}`;
    return [
      {
        file: lead.path,
        line: null,
        message: `\`${lead.path}\` (${what}) is committed to git${rest}.`,
      },
    ];
  },
};
