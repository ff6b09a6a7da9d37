// Bundles the CLI and the engine into one dependency-free file (plus the grammars), so the published
// package installs offline and fast.
import { fileURLToPath } from "node:url";
import { bundleApp } from "../../../tooling/bundle/bundle.js";

await bundleApp({
  entry: fileURLToPath(new URL("../src/bin.ts", import.meta.url)),
  dist: fileURLToPath(new URL("../dist/", import.meta.url)),
  name: "cli.js",
  header: ["#!/usr/bin/env node"],
  executable: true,
  split: true,
  // The detector worker of parallel reviews (see src/parallel.ts).
  entries: { worker: fileURLToPath(new URL("../src/worker.ts", import.meta.url)) },
});
