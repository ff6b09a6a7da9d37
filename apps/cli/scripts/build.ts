// Bundles the CLI and the engine into one dependency-free file (plus the tree-sitter grammars beside it),
// so the published package installs offline and fast.
import { chmod, copyFile, mkdir, rm } from "node:fs/promises";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { build } from "esbuild";

const dist = fileURLToPath(new URL("../dist/", import.meta.url));
const outfile = join(dist, "cli.js");
const GRAMMARS = [
  "tree-sitter.wasm",
  "tree-sitter-python.wasm",
  "tree-sitter-javascript.wasm",
  "tree-sitter-typescript.wasm",
  "tree-sitter-tsx.wasm",
];

await rm(dist, { recursive: true, force: true });
await build({
  entryPoints: [fileURLToPath(new URL("../src/bin.ts", import.meta.url))],
  outfile,
  bundle: true,
  platform: "node",
  format: "esm",
  target: "node20",
  minifySyntax: true,
  legalComments: "linked",
  logLevel: "warning",
  banner: {
    // Bundled CommonJS dependencies still use require() and __filename; give them both in this ES module.
    js: [
      "#!/usr/bin/env node",
      "import { createRequire as __llRequire } from 'node:module';",
      "import { fileURLToPath as __llPath } from 'node:url';",
      "const require = __llRequire(import.meta.url);",
      "const __filename = __llPath(import.meta.url);",
    ].join("\n"),
  },
});
await chmod(outfile, 0o755);

// The grammars ship beside the bundle; bin.ts points the parser at them.
const core = createRequire(fileURLToPath(new URL("../../../packages/core/package.json", import.meta.url)));
const wasmDir = dirname(core.resolve("@vscode/tree-sitter-wasm"));
await mkdir(join(dist, "grammars"), { recursive: true });
for (const file of GRAMMARS) await copyFile(join(wasmDir, file), join(dist, "grammars", file));
