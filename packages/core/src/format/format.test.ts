import { describe, expect, it } from "vitest";
import { DETECTORS } from "../detectors/registry.js";
import { review } from "../review.js";
import { snapshotOf } from "../testing/memory-fs.js";
import { renderMarkdown } from "./markdown.js";
import { renderSarif } from "./sarif.js";
import { summaryLine } from "./summary.js";

const TREE = {
  "app.py": "import random\nrandom.seed(1)\ntry:\n    run()\nexcept:\n    log()\n",
  "requirements.txt": "openai\nnumpy==2.0.0\n",
  "README.md": "# x | y\n",
};

describe("output formats", () => {
  it("SARIF: 2.1.0, one rule per used id, levels mapped, fingerprints kept, whole-project findings anchored", async () => {
    const report = await review(await snapshotOf(TREE));
    const sarif = renderSarif(report, {
      toolVersion: "1.2.3",
      informationUri: "https://example.org",
      rules: DETECTORS.map((d) => d.meta),
    });
    expect(sarif.version).toBe("2.1.0");
    const run = sarif.runs[0]!;
    expect(run.tool.driver.version).toBe("1.2.3");
    expect(run.tool.driver.rules!.map((r) => r.id).sort()).toEqual(
      [...new Set(report.findings.map((f) => f.ruleId))].sort(),
    );
    const results = run.results!;
    expect(results).toHaveLength(report.findings.length);
    for (const [i, r] of results.entries()) {
      expect(run.tool.driver.rules![r.ruleIndex!]!.id).toBe(r.ruleId);
      expect(r.partialFingerprints!["learnloop/v1"]).toBe(report.findings[i]!.fingerprint);
    }
    const bare = results.find((r) => r.ruleId === "code-quality/bare-except")!;
    expect(bare.level).toBe("warning");
    expect(bare.locations![0]!.physicalLocation!.region).toEqual({ startLine: 5, endLine: 5 });
    const tests = results.find((r) => r.ruleId === "testing/missing-tests")!;
    expect(tests.level).toBe("error");
    expect(tests.locations![0]!.physicalLocation!.artifactLocation!.uri).toBe("README.md");
    expect(results.find((r) => r.ruleId === "ml-methodology/seeded-randomness")!.kind).toBe("pass");
  });

  it("Markdown: areas as headings, strengths and goals, prompt folded, tone concise drops the why", async () => {
    const report = await review(await snapshotOf(TREE));
    const md = renderMarkdown(report, { title: "demo | repo" });
    expect(md).toContain("## learnloop review: demo \\| repo");
    expect(md).toContain("### Code quality");
    expect(md).toContain("`app.py:5`");
    expect(md).toContain("### What you did well");
    expect(md).toContain("- [ ] Pin every dependency");
    expect(md).toContain("<details><summary>Prompt for your AI assistant</summary>");
    expect(md).toContain("*Why it matters:*");
    expect(renderMarkdown(report, { title: "x", tone: "concise" })).not.toContain("*Why it matters:*");
  });

  it("summary line counts gaps, areas, strengths, files and skipped files", async () => {
    const report = await review(await snapshotOf({ ...TREE, "logo.png": "x" }));
    expect(summaryLine(report)).toMatch(
      /^4 gaps in 4 areas \(1 essential, 3 actionable\) · 1 strength · 3 files reviewed, 1 skipped · \d+\.\d s$/,
    );
  });
});
