// Bundles the CLI and the engine into one dependency-free file, so the published package installs offline and fast.
import { chmod } from "node:fs/promises";
import { build } from "esbuild";

const outfile = new URL("../dist/cli.js", import.meta.url).pathname;

await build({
  entryPoints: [new URL("../src/bin.ts", import.meta.url).pathname],
  outfile,
  bundle: true,
  platform: "node",
  format: "esm",
  target: "node20",
  minifySyntax: true,
  legalComments: "linked",
  logLevel: "warning",
  banner: {
    // Bundled CommonJS dependencies still call require(); give them one in this ES module.
    js: "#!/usr/bin/env node\nimport { createRequire as __learnloopRequire } from 'node:module';\nconst require = __learnloopRequire(import.meta.url);",
  },
});
await chmod(outfile, 0o755);
