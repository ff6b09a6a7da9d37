import { readdirSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { review } from "../../review.js";
import { nodeFileSystem } from "../../snapshot/file-system.js";
import { loadDirectory } from "../../snapshot/load-directory.js";
import { DETECTORS } from "../registry.js";
import { gatePrefilters } from "../run.js";
import { gateQuery, gateQueryFallbacks, loadExpressionReader } from "./literal-queries.js";
import { renderQueryTable } from "./literal-query-table.js";
import { literalGates } from "./needles.js";
import { literalQuery } from "./regex-literals.js";

describe("the generated table of the gates' literal queries", () => {
  it("holds every expression a review asks about, so no thread reads one with regexpp (first: nothing read yet)", async () => {
    const corpus = fileURLToPath(new URL("../../../fixtures/corpus", import.meta.url));
    for (const repo of readdirSync(corpus)) {
      const loaded = await loadDirectory(`${corpus}/${repo}`, { fs: nodeFileSystem, name: repo });
      if (!loaded.ok) throw new Error(`${repo}: ${loaded.error.message}`);
      await review(loaded.value);
    }
    expect(gateQueryFallbacks()).toBe(0);
  });

  it("is in sync with the gates (run `pnpm --filter @learnloop/core literal-queries` after changing one)", () => {
    gatePrefilters(DETECTORS);
    const committed = readFileSync(new URL("./literal-queries.generated.ts", import.meta.url), "utf8");
    expect(committed).toBe(renderQueryTable(literalGates().flatMap((gate) => gate.patterns)));
  });

  it("answers as regexpp does; an expression it lacks asks for nothing until regexpp is loaded, then is read with it", async () => {
    gatePrefilters(DETECTORS);
    for (const gate of literalGates())
      for (const pattern of gate.patterns) expect(gateQuery(pattern)).toEqual(literalQuery(pattern));
    const before = gateQueryFallbacks();
    // The same source with other flags is another expression: `i` folds case, and the key says so.
    const miss = /learnloop[ \t]+table[ \t]+miss/i;
    expect(gateQuery(miss)).toEqual({ kind: "any" });
    await loadExpressionReader();
    expect(gateQuery(miss)).toEqual({ kind: "and", of: expect.any(Array) });
    expect(gateQueryFallbacks()).toBe(before + 2);
  });
});
