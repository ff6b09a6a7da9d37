import { existsSync, readdirSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { AREAS } from "../report/areas.js";
import { DETECTORS } from "./registry.js";

const RULES_DIR = fileURLToPath(new URL("./rules", import.meta.url));
const ruleFiles = AREAS.flatMap((area) =>
  existsSync(`${RULES_DIR}/${area}`)
    ? readdirSync(`${RULES_DIR}/${area}`)
        .filter((f) => f.endsWith(".ts") && !f.endsWith(".test.ts") && f !== "index.ts")
        .map((f) => `${area}/${f.replace(/\.ts$/, "")}`)
    : [],
);

describe("the detector registry", () => {
  it("registers every rule module, once, under the id its path names", () => {
    const ids = DETECTORS.map((d) => d.meta.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect([...ids].sort()).toEqual([...ruleFiles].sort());
  });

  it.each(DETECTORS.map((d) => [d.meta.id, d] as const))(
    "%s is complete and in the learnloop voice",
    (id, detector) => {
      const { meta } = detector;
      expect(id).toMatch(/^[a-z-]+\/[a-z0-9]+(-[a-z0-9]+)*$/);
      expect(id.split("/")[0]).toBe(meta.area);
      expect(id.split("/")[1]).not.toMatch(/^(no|disallow)-/);
      expect(existsSync(`${RULES_DIR}/${id}.test.ts`)).toBe(true);
      for (const text of [meta.title, meta.why, meta.tryThis, meta.goal]) {
        expect(text.length).toBeGreaterThan(10);
        expect(text).not.toMatch(/\b(just|simply|obviously|easy|stupid)\b/i);
      }
      expect(meta.learnMore.length).toBeGreaterThan(0);
      expect(meta.example.bad.trim()).not.toBe("");
      expect(meta.example.good.trim()).not.toBe(meta.example.bad.trim());
      for (const url of meta.learnMore) expect(url).toMatch(/^https:\/\//);
    },
  );
});
