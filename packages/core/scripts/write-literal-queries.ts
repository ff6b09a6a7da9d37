// Writes the gates' literal queries (src/detectors/lib/literal-queries.generated.ts); a test fails when it is stale.
import { writeFileSync } from "node:fs";
import { renderQueryTable } from "../src/detectors/lib/literal-query-table.js";
import { literalGates } from "../src/detectors/lib/needles.js";
import { DETECTORS } from "../src/detectors/registry.js";
import { gatePrefilters } from "../src/detectors/run.js";

gatePrefilters(DETECTORS);
const target = new URL("../src/detectors/lib/literal-queries.generated.ts", import.meta.url);
writeFileSync(target, renderQueryTable(literalGates().flatMap((gate) => gate.patterns)));
process.stdout.write(`wrote ${target.pathname}\n`);
