import { DETECTORS } from "@learnloop/core";
import { describe, expect, it } from "vitest";
import { runCli } from "./run-cli.js";

describe("learnloop rules", () => {
  it("lists every rule, one line each: id, level, title", () => {
    const run = runCli(["rules"]);
    expect(run.code).toBe(0);
    const lines = run.stdout.trimEnd().split("\n");
    expect(lines).toHaveLength(DETECTORS.length);
    expect(lines.find((l) => l.startsWith("testing/missing-tests "))).toMatch(
      /essential\s+The project has code but no automated tests$/,
    );
  });

  it("lists the catalog as JSON", () => {
    const rules = JSON.parse(runCli(["rules", "--format", "json"]).stdout);
    expect(rules).toHaveLength(DETECTORS.length);
    expect(Object.keys(rules[0]).sort()).toEqual(["area", "id", "level", "title"]);
  });

  it("prints one rule in full", () => {
    const run = runCli(["rules", "code-quality/bare-except"]);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain("code-quality/bare-except (Code quality, actionable)");
    expect(run.stdout).toContain("Why it matters: ");
    expect(run.stdout).toContain("    except:");
  });

  it("an unknown rule is one line with a suggestion", () => {
    expect(runCli(["rules", "code-quality/bare-excep"])).toEqual({
      code: 1,
      stdout: "",
      stderr:
        "learnloop: no rule 'code-quality/bare-excep' (did you mean code-quality/bare-except?); `learnloop rules` lists them all\n",
    });
    expect(runCli(["rules", "bare-except"]).stderr).toContain("did you mean code-quality/bare-except?");
  });
});
