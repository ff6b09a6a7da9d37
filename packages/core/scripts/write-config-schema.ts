// Writes docs/learnloop.schema.json from the zod config schema; a test fails when the committed copy is stale.
import { writeFileSync } from "node:fs";
import { configJsonSchema } from "../src/config/json-schema.js";

const target = new URL("../../../docs/learnloop.schema.json", import.meta.url);
writeFileSync(target, `${JSON.stringify(configJsonSchema(), null, 2)}\n`);
process.stdout.write(`wrote ${target.pathname}\n`);
