import { describe, expect, it } from "vitest";
import { reviewTree } from "../../../testing/memory-fs.js";
import { missingReadme } from "./missing-readme.js";

describe("documentation/missing-readme", () => {
  it("fires once, for the whole repo, when there is no README at the root", async () => {
    const report = await reviewTree({ "app.py": "print('hi')\n", "docs/notes.md": "# notes\n" }, [
      missingReadme,
    ]);
    expect(report.findings.map((f) => [f.ruleId, f.file, f.line, f.level])).toEqual([
      ["documentation/missing-readme", null, null, "essential"],
    ]);
    expect(report.findings[0]!.message).toBe("There is no README at the root of the project.");
  });

  it("fires when the only README is in a subfolder", async () => {
    const report = await reviewTree({ "app.py": "", "docs/README.md": "# docs\n", "src/readme.txt": "x" }, [
      missingReadme,
    ]);
    expect(report.findings.map((f) => f.ruleId)).toEqual(["documentation/missing-readme"]);
  });

  it.each(["README.md", "readme.md", "Readme.markdown", "README.rst", "README.txt", "README", "README.adoc"])(
    "stays quiet with %s at the root",
    async (name) => {
      const report = await reviewTree({ "app.py": "", [name]: "# Project\n" }, [missingReadme]);
      expect(report.findings).toEqual([]);
    },
  );

  it("does not count a README that .gitignore leaves out", async () => {
    const report = await reviewTree({ ".gitignore": "README.md\n", "README.md": "# x\n", "app.py": "" }, [
      missingReadme,
    ]);
    expect(report.findings.map((f) => f.ruleId)).toEqual(["documentation/missing-readme"]);
  });
});
