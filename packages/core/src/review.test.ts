import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { DEFAULT_CONFIG } from "./config/defaults.js";
import { reportSchema } from "./report/contract.js";
import { review } from "./review.js";
import { nodeFileSystem } from "./snapshot/file-system.js";
import { loadDirectory } from "./snapshot/load-directory.js";
import { snapshotOf } from "./testing/memory-fs.js";

const EXAMPLE = fileURLToPath(new URL("../../../examples/bylaws-bot", import.meta.url));

describe("review of the bundled example", () => {
  it("finds gaps in at least 4 areas, celebrates strengths and matches the JSON contract", async () => {
    const loaded = await loadDirectory(EXAMPLE, { fs: nodeFileSystem, name: "examples/bylaws-bot" });
    if (!loaded.ok) throw new Error(loaded.error.message);
    const report = await review(loaded.value);

    expect(() => reportSchema.parse(JSON.parse(JSON.stringify(report)))).not.toThrow();
    const gapAreas = new Set(report.findings.filter((f) => f.level !== "celebratory").map((f) => f.area));
    expect(gapAreas.size).toBeGreaterThanOrEqual(4);
    expect(report.findings.some((f) => f.level === "celebratory")).toBe(true);
    expect(report.goals.length).toBe(gapAreas.size);
    expect(report.stats.files).toBeGreaterThan(5);
  });
});

const APP = [
  "import json",
  "",
  "def f():",
  "    try:",
  "        run()",
  "    except:",
  "        pass",
  "",
].join("\n");

describe("review", () => {
  it("ranks essential before actionable before strengths, and puts focus areas first", async () => {
    const snapshot = await snapshotOf({
      "app.py": APP,
      "requirements.txt": "openai\n",
      "README.md": "# x\n\n```\npython app.py\n```\n",
    });
    const plain = await review(snapshot);
    expect(plain.findings.map((f) => f.ruleId)).toEqual([
      "testing/missing-tests",
      "reproducibility/unpinned-requirements",
      "observability/swallowed-exception",
      "code-quality/bare-except",
    ]);
    const focused = await review(snapshot, { config: { ...DEFAULT_CONFIG, focus: ["code-quality"] } });
    expect(focused.findings.map((f) => f.ruleId).slice(1, 2)).toEqual(["code-quality/bare-except"]);
  });

  it("leaves out the areas the config skips, and runs none of their detectors", async () => {
    const snapshot = await snapshotOf({ "app.py": APP });
    const report = await review(snapshot, {
      config: { ...DEFAULT_CONFIG, skip: ["testing", "documentation"] },
    });
    expect(report.findings.map((f) => f.area).sort()).toEqual(["code-quality", "observability"]);
    expect(report.stats.detectors).toBeLessThan((await review(snapshot)).stats.detectors);
  });

  it("keeps fingerprints stable when lines shift, and distinct for identical lines", async () => {
    const before = await review(await snapshotOf({ "app.py": APP, "tests/test_app.py": "" }));
    const shifted = await review(
      await snapshotOf({ "app.py": `# a new comment\n\n${APP}`, "tests/test_app.py": "" }),
    );
    const prints = (r: typeof before) => r.findings.map((f) => f.fingerprint).sort();
    expect(prints(shifted)).toEqual(prints(before));
    expect(shifted.findings.find((f) => f.ruleId === "code-quality/bare-except")!.line).toBe(8);

    const twice = await review(await snapshotOf({ "app.py": `${APP}\n${APP}`, "tests/test_app.py": "" }));
    const bare = twice.findings.filter((f) => f.ruleId === "code-quality/bare-except");
    expect(bare).toHaveLength(2);
    expect(new Set(bare.map((f) => f.fingerprint)).size).toBe(2);
  });

  it("in PR mode reports file findings only on changed lines, and repo facts still", async () => {
    const snapshot = await snapshotOf({
      "app.py": `${APP}\n${APP}`,
      "new.py": "try:\n    x()\nexcept:\n    y()\n",
    });
    snapshot.changes = [
      { path: "app.py", status: "modified", addedLines: new Set([14]) },
      { path: "new.py", status: "added", addedLines: new Set() },
    ];
    const report = await review(snapshot);
    expect(report.stats.mode).toBe("changes");
    expect(report.findings.map((f) => `${f.ruleId} ${f.file}:${f.line}`)).toEqual([
      "testing/missing-tests null:null",
      "documentation/missing-readme null:null",
      "observability/swallowed-exception app.py:14",
      "code-quality/bare-except app.py:14",
      "code-quality/bare-except new.py:3",
    ]);
  });

  it("writes an assistant prompt that quotes the code and asks to learn, not to be handed the fix", async () => {
    const report = await review(await snapshotOf({ "app.py": APP, "tests/test_a.py": "" }));
    const bare = report.findings.find((f) => f.ruleId === "code-quality/bare-except")!;
    expect(bare.assistantPrompt).toContain("app.py, line 6");
    expect(bare.assistantPrompt).toContain("    except:");
    expect(bare.assistantPrompt).toContain("don't fix it for me");
  });

  it("reports what was skipped by reason and the time from the injected clock", async () => {
    let now = 1000;
    const snapshot = await snapshotOf({
      "a.png": "x",
      "b.jpg": "y",
      "node_modules/x/y.js": "z",
      "app.py": "x = 1",
    });
    const report = await review(snapshot, { clock: () => (now += 250), startedAt: 0 });
    expect(report.stats.skipped).toEqual({ binary: 2, vendored: 1 });
    expect(report.stats.ms).toBe(1250);
    expect(report.stats.bytes).toBe(5);
  });
});
