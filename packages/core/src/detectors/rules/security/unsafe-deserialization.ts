// security/unsafe-deserialization: a pickle (pickle, joblib, torch.load, read_pickle) of data that came from a
// download or a user's upload: unpickling runs whatever code the file carries.
import { calls, keywordArguments, lineOf, positionalArguments } from "../../../parse/syntax.js";
import type { Node } from "../../../parse/tree-sitter.js";
import { stringContent } from "../../lib/llm-code.js";
import { maskedCode } from "../../lib/python-text.js";
import { isDownloadOrUpload, UPLOAD_TYPE } from "../../lib/taint-sources.js";
import { scopeOf, ValueFlow } from "../../lib/value-flow.js";
import { outsideTests, type RepoView } from "../../repo-view.js";
import type { FileDetector, RawFinding } from "../../types.js";

const PICKLE_LOAD =
  /^(pickle|cPickle|_pickle|dill|cloudpickle|joblib)\.loads?$|^(pd|pandas)\.read_pickle$|^(np|numpy)\.load$|^torch\.load$/;
/** The calls of PICKLE_LOAD as code text spells them (spaces allowed around the dots). */
const LOAD_TEXT =
  /\b((pickle|cPickle|_pickle|dill|cloudpickle|joblib)\s*\.\s*loads?|(pd|pandas)\s*\.\s*read_pickle|(np|numpy|torch)\s*\.\s*load)\s*\(/;
const FILE_KEYWORDS = ["f", "file", "filename", "filepath_or_buffer", "fp", "data"];
/** Calls that save a URL to a path given as an argument: (call, index of the path argument, its keyword). */
const SAVES_TO: { pattern: RegExp; index: number; keyword: string }[] = [
  { pattern: /(^|\.)urlretrieve$/, index: 1, keyword: "filename" },
  { pattern: /^wget\.download$/, index: 1, keyword: "out" },
  { pattern: /^gdown\.download$/, index: 1, keyword: "output" },
  { pattern: /(^|\.)download_url_to_file$/, index: 1, keyword: "dst" },
];
const UPLOAD = /file_uploader|request\.(files|data|stream|get_data|body)|UploadFile|FileStorage|UploadedFile/;
const MANIFEST =
  /(^|\/)(requirements[\w.-]*\.(txt|in)|pyproject\.toml|setup\.py|setup\.cfg|environment\.ya?ml|Pipfile)$/;
/** The version spec on a `torch` line: `torch==2.3.1`, `torch>=2.0,<2.6`, `pytorch=2.3.1` (conda), `torch = "2.3.1"`. */
const TORCH_LINE = /^[\s"'-]*(?:py)?torch(?![\w.-])\s*([^\n#]*)/m;
const BOUND = /(==|<=|>=|~=|<|>|(?<![<>=!~])=)\s*["']?(\d+(?:\.\d+)*)/g;

/**
 * What the project's manifests say about the PyTorch version: `old` when it is held below 2.6 (where `torch.load`
 * unpickles by default), `modern` when it is held at 2.6 or later (where it loads weights only by default).
 */
export function torchPin(repo: RepoView): { old: string | null; modern: boolean } {
  for (const file of repo.files) {
    if (!MANIFEST.test(file.path)) continue;
    const spec = TORCH_LINE.exec(file.text)?.[1];
    if (!spec) continue;
    for (const [, op, version] of spec.matchAll(BOUND)) {
      const [major = 0, minor = 0] = version!.split(".").map(Number);
      const before26 = major < 2 || (major === 2 && minor < 6);
      if (op === "<" ? major < 2 || (major === 2 && minor <= 6) : /^(==|<=|=)$/.test(op!) && before26)
        return { old: op === "<" ? `below ${version}` : version!, modern: false };
      if (/^(==|>=|~=|>|=)$/.test(op!) && !before26) return { old: null, modern: true };
    }
  }
  return { old: null, modern: false };
}

/** Why a `torch.load` of a local file can run code, or null when this PyTorch loads weights only. */
function ownCheckpointMessage(
  kw: Map<string, Node> | null,
  pin: { old: string | null; modern: boolean },
): string | null {
  // `**options` may carry `weights_only=True`: say nothing.
  if (kw === null) return null;
  if (kw.get("weights_only")?.text === "False")
    return "`torch.load(..., weights_only=False)` unpickles the file, so loading it runs any code pickled into it.";
  if (pin.old !== null)
    return `\`torch.load\` runs without \`weights_only=True\` on the pinned PyTorch ${pin.old}, where loading a file runs any code pickled into it.`;
  if (pin.modern) return null;
  return "`torch.load` is called without `weights_only=True`: before PyTorch 2.6 (which this project does not require) it unpickles the file, which can run any code in it.";
}

/** A path as written: a literal's text, or a name. */
const pathKey = (node: Node | undefined): string | null => {
  if (!node) return null;
  const text = stringContent(node);
  if (text !== null) return `"${text}`;
  return node.type === "identifier" ? node.text : null;
};

export const unsafeDeserialization: FileDetector = {
  scope: "file",
  languages: ["python"],
  appliesToPath: outsideTests,
  prefilter: /\b(pickle|dill|joblib|read_pickle|torch\.load|np\.load|numpy\.load)\b/,
  meta: {
    id: "security/unsafe-deserialization",
    area: "security",
    level: "essential",
    title: "A pickle that can run code is loaded (a download, an upload, or torch.load without weights_only)",
    why: "A pickle is not data: it is a small program that Python runs to rebuild objects, so loading one from someone else runs their code on your machine. `pickle`, `joblib`, `pandas.read_pickle` and `torch.load` (before PyTorch 2.6, or with `weights_only=False`) all work this way, and malicious model files on public hubs use exactly this. `torch.load(path, weights_only=True)` reads tensors only, whatever the version.",
    tryThis:
      "Save a model's weights with `torch.save(model.state_dict(), path)` and load them with `torch.load(path, weights_only=True)` (or `safetensors` for downloads), exchange data as CSV, Parquet or JSON, and keep pickles for files your own code wrote.",
    learnMore: [
      "https://docs.python.org/3/library/pickle.html",
      "https://pytorch.org/docs/stable/generated/torch.load.html",
      "https://huggingface.co/docs/hub/security-pickle",
    ],
    example: {
      language: "python",
      file: "load_model.py",
      bad: 'path = hf_hub_download(repo_id="someone/model", filename="model.pkl")\nmodel = joblib.load(path)',
      good: 'path = hf_hub_download(repo_id="someone/model", filename="model.safetensors")\nweights = safetensors.torch.load_file(path)',
    },
    goal: "Load nothing from the internet or from users with pickle: use safetensors or weights_only=True for weights and CSV/Parquet/JSON for data",
  },
  check(file, { repo, syntax }) {
    // Parse only a file whose code (not its comments or strings) calls one of the loaders.
    if (!LOAD_TEXT.test(maskedCode(file))) return [];
    const tree = syntax();
    if (!tree) return [];
    const all = calls(tree);
    const loads = all.filter(({ name }) => PICKLE_LOAD.test(name));
    if (loads.length === 0) return [];

    const downloaded = new Set<string>();
    const flowsFor = (withSavedPaths: boolean) => {
      const flows = new Map<number, ValueFlow>();
      return (node: Node): ValueFlow => {
        const scope = scopeOf(node);
        let flow = flows.get(scope.id);
        if (!flow) {
          flow = new ValueFlow(scope, {
            // A literal path a download was saved to is as untrusted as the download.
            isSource: (n) =>
              isDownloadOrUpload(n) ||
              (withSavedPaths && n.type === "string" && downloaded.has(pathKey(n) ?? "")),
            isSourceParameter: (_name, param) => UPLOAD_TYPE.test(param.text),
            carries: (name) =>
              /^(os\.path\.join|Path|pathlib\.Path|gzip\.open|bz2\.open|lzma\.open)$/.test(name),
          });
          flows.set(scope.id, flow);
        }
        return flow;
      };
    };
    const downloadFlow = flowsFor(false);

    // Paths a download was saved to: `urlretrieve(url, "m.pkl")`, or `open(p, "wb").write(requests.get(url).content)`.
    for (const { node, name } of all) {
      const saves = SAVES_TO.find((s) => s.pattern.test(name));
      if (saves) {
        const key = pathKey(
          positionalArguments(node)[saves.index] ?? keywordArguments(node)?.get(saves.keyword),
        );
        if (key) downloaded.add(key);
      }
    }
    for (const { node } of tree.captures("(with_statement) @w")) {
      for (const item of node.descendantsOfType("as_pattern")) {
        const opened = item?.namedChildren[0];
        const alias = item?.childForFieldName("alias")?.text;
        if (
          !opened ||
          !alias ||
          opened.type !== "call" ||
          opened.childForFieldName("function")?.text !== "open"
        )
          continue;
        const [target, modeArg] = positionalArguments(opened);
        const mode = modeArg ?? keywordArguments(opened)?.get("mode");
        if (!mode || !/[wa]/.test(stringContent(mode) ?? "")) continue;
        const writes = node.descendantsOfType("call").some((c) => {
          if (c?.childForFieldName("function")?.text !== `${alias}.write`) return false;
          const data = positionalArguments(c)[0];
          return data !== undefined && downloadFlow(data).sourceOf(data) !== null;
        });
        const key = pathKey(target);
        if (writes && key) downloaded.add(key);
      }
    }

    const flowFor = flowsFor(true);
    const found: RawFinding[] = [];
    for (const { node, name } of loads) {
      const kw = keywordArguments(node);
      if (name === "torch.load" && kw?.get("weights_only")?.text === "True") continue;
      if (/load$/.test(name) && /^(np|numpy)\./.test(name) && kw?.get("allow_pickle")?.text !== "True")
        continue;
      const kwFile = FILE_KEYWORDS.map((k) => kw?.get(k)).find((v) => v !== undefined);
      const arg = positionalArguments(node)[0] ?? kwFile;
      if (!arg) continue;
      const source = flowFor(arg).sourceOf(arg);
      const savedPath = [arg, ...(arg.type === "call" ? positionalArguments(arg).slice(0, 1) : [])].some(
        (n) => {
          const key = pathKey(n);
          return key !== null && downloaded.has(key);
        },
      );
      if (!source && !savedPath) {
        // The project's own checkpoint: unsafe when this torch.load still unpickles (old PyTorch, or asked to).
        const message = name === "torch.load" ? ownCheckpointMessage(kw, torchPin(repo)) : null;
        if (message) found.push({ file: file.path, line: lineOf(node), message });
        continue;
      }
      const origin = source && UPLOAD.test(source.text) ? "a user's upload" : "a download";
      found.push({
        file: file.path,
        line: lineOf(node),
        message:
          name === "torch.load"
            ? `\`torch.load\` reads ${origin} without \`weights_only=True\`, so on PyTorch before 2.6 (or with \`weights_only=False\`) the file can run code.`
            : `\`${name}\` unpickles ${origin}, so the file can run any code on this machine.`,
      });
    }
    return found;
  },
};
