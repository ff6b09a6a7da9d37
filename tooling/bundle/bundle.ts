// Bundles an app (CLI or Action) into one ES module plus the tree-sitter grammars it parses with.
import { chmod, copyFile, mkdir, rm } from "node:fs/promises";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { build, type Plugin } from "esbuild";

const GRAMMARS = [
  "tree-sitter.wasm",
  "tree-sitter-python.wasm",
  "tree-sitter-javascript.wasm",
  "tree-sitter-typescript.wasm",
  "tree-sitter-tsx.wasm",
];

export interface BundleOptions {
  entry: string;
  /** Output folder, emptied first; the bundle is `<dist>/<name>` and the grammars go to `<dist>/grammars/`. */
  dist: string;
  name: string;
  /** First lines of the bundle (a shebang, a "generated" note). */
  header: string[];
  executable?: boolean;
  /**
   * Code only dynamically imported (the model-facing half of core: LangChain, the OpenAI SDK, the tokenizer) goes
   * to chunk files beside the bundle, loaded when first needed: a start without a model reads a fraction of it.
   */
  split?: boolean;
  /**
   * More entry points bundled beside the main one (name without `.js` -> source), sharing its chunks: a worker
   * thread's entry loads only the code it needs. Needs `split`.
   */
  entries?: Record<string, string>;
}

const core = createRequire(fileURLToPath(new URL("../../packages/core/package.json", import.meta.url)));

/**
 * jsonc-parser's `main` is UMD, whose require() calls esbuild cannot follow; its maintainers point bundlers at the
 * ES module build beside it (microsoft/node-jsonc-parser#57).
 */
const jsoncParserAsModule: Plugin = {
  name: "jsonc-parser-esm",
  setup(build) {
    const esm = join(dirname(core.resolve("jsonc-parser")), "..", "esm", "main.js");
    build.onResolve({ filter: /^jsonc-parser$/ }, () => ({ path: esm }));
  },
};

export async function bundleApp(options: BundleOptions): Promise<void> {
  const outfile = join(options.dist, options.name);
  if (options.entries && !options.split) throw new Error("bundleApp: more entries need split chunks");
  await rm(options.dist, { recursive: true, force: true });
  await build({
    ...(options.split
      ? {
          entryPoints: { [options.name.replace(/\.js$/, "")]: options.entry, ...options.entries },
          outdir: options.dist,
          splitting: true,
          chunkNames: "[name]-[hash]",
        }
      : { entryPoints: [options.entry], outfile }),
    bundle: true,
    platform: "node",
    format: "esm",
    target: "node20",
    minifySyntax: true,
    legalComments: "none",
    logLevel: "warning",
    plugins: [jsoncParserAsModule],
    banner: {
      // Bundled CommonJS dependencies still use require() and __filename; give them both in this ES module.
      js: [
        ...options.header,
        "import { createRequire as __llRequire } from 'node:module';",
        "import { fileURLToPath as __llPath } from 'node:url';",
        "const require = __llRequire(import.meta.url);",
        "const __filename = __llPath(import.meta.url);",
      ].join("\n"),
    },
  });
  if (options.executable) await chmod(outfile, 0o755);

  const wasmDir = dirname(core.resolve("@vscode/tree-sitter-wasm"));
  await mkdir(join(options.dist, "grammars"), { recursive: true });
  for (const file of GRAMMARS) await copyFile(join(wasmDir, file), join(options.dist, "grammars", file));
}
