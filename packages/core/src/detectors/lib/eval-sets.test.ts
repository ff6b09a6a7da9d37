import { describe, expect, it } from "vitest";
import { snapshotOf } from "../../testing/memory-fs.js";
import { RepoView } from "../repo-view.js";
import { prepareEvalSets, recordFields } from "./eval-sets.js";

const CASES = "cases:\n  - question: Can I park overnight?\n    expected_answer: No\n";

describe("recordFields", () => {
  it("reads YAML records once their reader is loaded, which happens only for repos with YAML data", async () => {
    const yamlFile = (await snapshotOf({ "evals/cases.yaml": CASES })).files[0]!;
    // A repo whose only YAML is CI configuration: the reader stays unloaded, and asking for YAML says why, loudly.
    const ciOnly = new RepoView(
      await snapshotOf({ ".github/workflows/ci.yml": "on: push\n", "data/qa.json": '[{"q": "a"}]\n' }),
    );
    await prepareEvalSets(ciOnly);
    expect(recordFields(ciOnly.file("data/qa.json")!)).toEqual(["q"]);
    expect(() => recordFields(yamlFile)).toThrow("evals/cases.yaml: the YAML reader is not loaded");
    await prepareEvalSets(new RepoView(await snapshotOf({ "evals/cases.yaml": CASES })));
    expect(recordFields(yamlFile)).toEqual(["question", "expected_answer"]);
    // Text that is not YAML reads as no fields.
    const broken = (await snapshotOf({ "evals/broken.yaml": "a: [1, 2\nb: }\n" })).files[0]!;
    expect(recordFields(broken)).toEqual([]);
  });
});
