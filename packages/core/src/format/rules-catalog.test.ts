import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { DETECTORS } from "../detectors/registry.js";
import { renderRulesCatalog } from "./rules-catalog.js";

describe("docs/rules.md", () => {
  it("is in sync with the rules (run `pnpm --filter @learnloop/core rules-doc` after changing a rule)", () => {
    const committed = readFileSync(new URL("../../../../docs/rules.md", import.meta.url), "utf8");
    expect(committed).toBe(renderRulesCatalog(DETECTORS.map((d) => d.meta)));
  });

  it("has one section per rule with its bad and good example", () => {
    const doc = renderRulesCatalog(DETECTORS.map((d) => d.meta));
    for (const { meta } of DETECTORS) {
      const section = doc.slice(doc.indexOf(`### ${meta.id}\n`));
      expect(section.length).toBeLessThan(doc.length);
      expect(section).toContain(meta.example.bad);
      expect(section).toContain(meta.example.good);
    }
  });
});
