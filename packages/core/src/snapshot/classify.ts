// Decides, cheaply and before any rule runs, which files a review should not read.
import type { SkipReason } from "./types.js";

/** Folders of code the learner did not write, skipped whole (counted once each). */
const VENDORED_DIRS = new Set([
  "node_modules",
  "bower_components",
  "vendor",
  "third_party",
  "third-party",
  ".venv",
  "venv",
  "site-packages",
]);

/** Folders that tools write, never worth a review. */
const GENERATED_DIRS = new Set([
  "__pycache__",
  ".ipynb_checkpoints",
  ".pytest_cache",
  ".mypy_cache",
  ".ruff_cache",
  ".tox",
  ".turbo",
  ".next",
  ".cache",
]);

/** Extensions that are never text a person wrote; checked before reading so large weights are never opened. */
const BINARY_EXTENSIONS = new Set(
  (
    "png jpg jpeg gif bmp ico webp tiff svgz psd mp3 mp4 wav ogg flac avi mov mkv webm pdf zip gz tgz bz2 xz 7z rar tar " +
    "jar war whl egg so dll dylib exe bin o a pyc pyo class wasm woff woff2 ttf otf eot " +
    "pt pth ckpt safetensors onnx h5 hdf5 keras pb tflite pkl pickle joblib npy npz parquet feather arrow avro orc " +
    "db sqlite sqlite3 duckdb xls xlsx doc docx ppt pptx"
  ).split(" "),
);

export const MAX_FILE_BYTES = 1024 * 1024;
/** Notebooks carry their outputs (plots as base64), so they get more room than source files. */
export const MAX_NOTEBOOK_BYTES = 10 * 1024 * 1024;

export function skippedDirReason(name: string): SkipReason | null {
  if (VENDORED_DIRS.has(name)) return "vendored";
  if (GENERATED_DIRS.has(name)) return "generated";
  return null;
}

export function extensionOf(path: string): string {
  const slash = path.lastIndexOf("/");
  const dot = path.lastIndexOf(".");
  return dot > slash ? path.slice(dot + 1).toLowerCase() : "";
}

export const hasBinaryExtension = (path: string): boolean => BINARY_EXTENSIONS.has(extensionOf(path));

const MINIFIABLE = new Set(["js", "mjs", "cjs", "css"]);

/** Minified bundles are machine output: a name that says so, or very long lines on average. */
export function looksMinified(path: string, text: string): boolean {
  if (/\.min\.(js|mjs|cjs|css)$/i.test(path)) return true;
  if (!MINIFIABLE.has(extensionOf(path)) || text.length < 2000) return false;
  let lines = 1;
  let longest = 0;
  let start = 0;
  for (let i = text.indexOf("\n"); i !== -1; i = text.indexOf("\n", i + 1)) {
    longest = Math.max(longest, i - start);
    start = i + 1;
    lines += 1;
  }
  longest = Math.max(longest, text.length - start);
  return longest > 1000 && text.length / lines > 300;
}
