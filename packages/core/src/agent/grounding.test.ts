import { describe, expect, it } from "vitest";
import { snapshotOf } from "../testing/memory-fs.js";
import { groundFindings } from "./grounding.js";
import type { ModelFinding } from "./schema.js";

const BOT = [
  "import openai",
  "",
  "def ask(q):",
  "    reply = openai.chat(q)",
  "    return eval(reply)",
  "",
].join("\n");

const finding = (over: Partial<ModelFinding>): ModelFinding => ({
  area: "security",
  level: "essential",
  file: "bot.py",
  line: 5,
  quote: "return eval(reply)",
  message: "m",
  why: "w",
  tryThis: "t",
  ...over,
});

describe("groundFindings", () => {
  it("keeps a finding whose quote is at its lines, and uses the quote's real extent", async () => {
    const snap = await snapshotOf({ "bot.py": BOT });
    const g = groundFindings(
      [finding({ quote: "reply = openai.chat(q)\n    return eval(reply)", line: 4 })],
      snap,
    );
    expect(g).toMatchObject({ dropped: 0, moved: 0 });
    expect(g.kept[0]).toMatchObject({ line: 4, endLine: 5 });
  });

  it("moves a finding whose quote sits elsewhere in the file, and tolerates copied line numbers", async () => {
    const snap = await snapshotOf({ "bot.py": BOT });
    const g = groundFindings([finding({ line: 1, quote: "5| return eval(reply)" })], snap);
    expect(g).toMatchObject({ dropped: 0, moved: 1 });
    expect(g.kept[0]).toMatchObject({ line: 5, endLine: 5 });
  });

  it("drops a quote that is nowhere in the file, a file that does not exist and a quote too short to prove anything", async () => {
    const snap = await snapshotOf({ "bot.py": BOT });
    const g = groundFindings(
      [
        finding({ quote: "os.system(reply)" }),
        finding({ file: "missing.py" }),
        finding({ quote: ")" }),
        finding({ line: 999 }),
      ],
      snap,
    );
    expect(g.dropped).toBe(3);
    expect(g.moved).toBe(1);
    expect(g.kept).toHaveLength(1);
  });

  it("picks the occurrence nearest the claimed line when the quote appears twice", async () => {
    const snap = await snapshotOf({
      "a.py": ["x = load_data()", ...Array(20).fill("pass"), "x = load_data()"].join("\n"),
    });
    const g = groundFindings([finding({ file: "a.py", line: 20, quote: "x = load_data()" })], snap);
    expect(g.kept[0]?.line).toBe(22);
  });
});
