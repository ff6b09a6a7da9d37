import { describe, expect, it } from "vitest";
import { reviewTree } from "../../../testing/memory-fs.js";
import { ipynbLine, jupyterJson } from "../../../testing/notebook.js";
import { unsafeYamlLoad } from "./unsafe-yaml-load.js";

const RULE = "security/unsafe-yaml-load";

describe("security/unsafe-yaml-load", () => {
  it("fires on yaml.load with no Loader, with yaml.Loader or UnsafeLoader, and on unsafe_load", async () => {
    const report = await reviewTree(
      {
        "config.py": [
          "import yaml",
          "with open('config.yaml') as f:",
          "    config = yaml.load(f)",
          "prompts = yaml.load(open('prompts.yaml'), Loader=yaml.Loader)",
          "docs = list(yaml.load_all(text, yaml.UnsafeLoader))",
          "raw = yaml.unsafe_load(text)",
        ].join("\n"),
      },
      [unsafeYamlLoad],
    );
    expect(report.findings.map((f) => [f.ruleId, f.file, f.line, f.level])).toEqual([
      [RULE, "config.py", 3, "actionable"],
      [RULE, "config.py", 4, "actionable"],
      [RULE, "config.py", 5, "actionable"],
      [RULE, "config.py", 6, "actionable"],
    ]);
    expect(report.findings[0]!.message).toBe(
      "`yaml.load` is called without a safe Loader: PyYAML 6 rejects it, and older versions build any Python object the file describes.",
    );
    expect(report.findings[1]!.message).toContain("`yaml.Loader`");
  });

  it("fires in a notebook cell", async () => {
    const notebook = jupyterJson({
      cells: [
        { cell_type: "code", source: "import yaml", outputs: [] },
        { cell_type: "code", source: "cfg = yaml.load(open('params.yaml'))", outputs: [] },
      ],
    });
    const report = await reviewTree({ "explore.ipynb": notebook }, [unsafeYamlLoad]);
    expect(report.findings.map((f) => [f.file, f.line])).toEqual([
      ["explore.ipynb", ipynbLine(notebook, "cfg = yaml.load(")],
    ]);
  });

  it("stays quiet on safe_load, SafeLoader, CSafeLoader, FullLoader and **kwargs", async () => {
    const report = await reviewTree(
      {
        "config.py": [
          "import yaml",
          "a = yaml.safe_load(open('a.yaml'))",
          "b = yaml.load(open('b.yaml'), Loader=yaml.SafeLoader)",
          "c = yaml.load(text, yaml.CSafeLoader)",
          "d = yaml.load(text, Loader=yaml.FullLoader)",
          "e = yaml.load(text, **options)",
          "# yaml.load(f)",
          "f = json.load(open('f.json'))",
          "yaml.dump(config, open('out.yaml', 'w'))",
        ].join("\n"),
        "tests/test_config.py": "import yaml\nyaml.load(text)\n",
      },
      [unsafeYamlLoad],
    );
    expect(report.findings).toEqual([]);
  });
});
