// Writes docs/rules.md from the rules' meta; a test fails when the committed copy is stale.
import { writeFileSync } from "node:fs";
import { DETECTORS } from "../src/detectors/registry.js";
import { renderRulesCatalog } from "../src/format/rules-catalog.js";

const target = new URL("../../../docs/rules.md", import.meta.url);
writeFileSync(target, renderRulesCatalog(DETECTORS.map((d) => d.meta)));
process.stdout.write(`wrote ${target.pathname}\n`);
