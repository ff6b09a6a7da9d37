// Entry point of the bundled Action (dist/index.js): grammars ship beside the bundle.
import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { setGrammarDirectory } from "@learnloop/core";
import { run } from "./main.js";

const grammars = fileURLToPath(new URL("./grammars/", import.meta.url));
if (existsSync(grammars)) setGrammarDirectory(grammars);

await run();
