import { describe, expect, it } from "vitest";
import type { Finding } from "../report/contract.js";
import { goalSchema } from "../report/contract.js";
import { finding, reportOf } from "../testing/reports.js";
import { type MergeOptions, mergeReview } from "./merge.js";
import { parseGoalsBody, renderGoalsBody } from "./parse-body.js";

const pr = (n: number, extra: Partial<MergeOptions> = {}): MergeOptions => ({
  evidence: { pr: n, commit: `${`${n}`.repeat(7)}abc` },
  full: false,
  changed: ["app.py"],
  ...extra,
});

function merge(body: string, findings: Finding[], options: MergeOptions) {
  const result = mergeReview(parseGoalsBody(body).doc, reportOf(findings), options);
  return { ...result, body: renderGoalsBody(result.doc) };
}

const BARE = finding("code-quality/bare-except");
const GIANT = finding("code-quality/giant-module");
const TESTS = finding("testing/missing-tests", null, "essential");
const ABS = finding("data/absolute-path");

describe("merging a review into the goals body", () => {
  it("creates a body with one specific goal per area, merging repeated gaps in an area", () => {
    const { body, goals, added } = merge("", [TESTS, BARE, GIANT], pr(1));
    expect(body.startsWith("<!-- learnloop:goals -->\n## 🎯 My learning goals")).toBe(true);
    expect(goals.map((g) => g.id)).toEqual(["testing/missing-tests", "code-quality/bare-except"]);
    expect(added).toHaveLength(2);
    for (const g of goals) expect(goalSchema.parse(g)).toEqual(g);
    expect(body).toContain("### Code quality\n\n- [ ] Replace every bare `except:`");
    expect(body.match(/<!-- goal:code-quality/g)).toHaveLength(1);
    expect(body).toContain("```mermaid\nxychart-beta");
  });

  it("keeps every learner line byte for byte and in order, CRLF and Unicode included", () => {
    const first = merge("", [BARE], pr(1)).body.replace(/\n/g, "\r\n");
    const mine = [
      "Mes notes: apprendre à commander au restaurant 🍝  ",
      "  * nested ~~thing~~",
      "- [ ] Ship the bot to 3 friends",
    ];
    const edited =
      first.replace("### Code quality\r\n", `### Code quality\r\n${mine[0]}\r\n${mine[1]}\r\n`) +
      `${mine[2]}`;
    const { body } = merge(edited, [BARE, ABS, TESTS], pr(2));
    const at = mine.map((l) =>
      body.indexOf(`${l}\r\n`) === -1 ? body.indexOf(l) : body.indexOf(`${l}\r\n`),
    );
    expect(at.every((i) => i >= 0)).toBe(true);
    expect([...at].sort((a, b) => a - b)).toEqual(at);
    expect(body).not.toMatch(/[^\r]\n/);
    expect(body).toContain("<!-- goal:data/absolute-path -->");
  });

  it("a goal the learner ticked stays ticked while the gap is still seen, without evidence", () => {
    const ticked = merge("", [BARE], pr(1)).body.replace("- [ ] Replace", "- [x] Replace");
    const { goals, body } = merge(ticked, [BARE], pr(2));
    expect(goals[0]).toMatchObject({ status: "done", evidence: null });
    expect(body).toContain("- [x] Replace");
    expect(body.match(/<!-- goal:/g)).toHaveLength(1);
  });

  it("ticks only with evidence: the gap gone where the review looked, with a link to the PR", () => {
    const first = merge("", [finding("code-quality/bare-except", "lib.py")], pr(1)).body;
    // The PR did not touch lib.py: absence there is not evidence.
    expect(merge(first, [], pr(2)).done).toEqual([]);
    const fixed = merge(first, [], pr(3, { changed: ["lib.py"] }));
    expect(fixed.done.map((g) => g.id)).toEqual(["code-quality/bare-except"]);
    expect(fixed.done[0]!.evidence).toEqual({ pr: 3, commit: "3333333abc" });
    expect(fixed.body).toMatch(
      /### Done\n\n- \[x\] Replace .* · shown in #3 \(3333333\) <!-- goal:code-quality\/bare-except -->/,
    );
  });

  it("a PR fixing the gap in one file does not tick it while another file the PR did not touch still has it", () => {
    const both = merge(
      "",
      [finding("code-quality/bare-except", "a.py"), finding("code-quality/bare-except", "b.py")],
      pr(1, { full: true }),
    ).body;
    const partial = merge(both, [], pr(2, { changed: ["a.py"] }));
    expect(partial.done).toEqual([]);
    expect(partial.doc.state!.goals["code-quality/bare-except"]!.f).toEqual(["b.py"]);
    expect(merge(partial.body, [], pr(3, { changed: ["b.py"] })).done.map((g) => g.id)).toEqual([
      "code-quality/bare-except",
    ]);
  });

  it("where a strength applies, a tick needs it seen too", () => {
    const first = merge("", [finding("evaluation/missing-eval-set", null)], pr(1)).body;
    expect(merge(first, [], pr(2, { full: true })).done).toEqual([]);
    const shown = merge(
      first,
      [finding("evaluation/eval-set-present", "evals/q.jsonl", "celebratory")],
      pr(2, { full: true }),
    );
    expect(shown.done.map((g) => g.area)).toEqual(["evaluation"]);
  });

  it("a goal the learner unticked stays open until a later review sees the gap again and then sees it gone", () => {
    const done = merge(merge("", [BARE], pr(1)).body, [], pr(2)).body;
    expect(done).toContain("- [x] Replace");
    const unticked = done.replace("- [x] Replace", "- [ ] Replace");
    const still = merge(unticked, [], pr(3));
    expect(still.goals[0]).toMatchObject({ status: "open", evidence: null });
    const seenAgain = merge(merge(still.body, [BARE], pr(4)).body, [], pr(5));
    expect(seenAgain.goals[0]).toMatchObject({ status: "done", evidence: { pr: 5 } });
  });

  it("a goal the learner deleted is not re-added for the same gap; a new gap in that area is", () => {
    const body = merge("", [BARE], pr(1)).body;
    const deleted = body
      .split("\n")
      .filter((l) => !l.includes("<!-- goal:code-quality/bare-except"))
      .join("\n");
    const again = merge(deleted, [BARE], pr(2));
    expect(again.goals).toEqual([]);
    expect(again.body).toContain('"s":"x"');
    const other = merge(again.body, [BARE, GIANT], pr(3));
    expect(other.added.map((g) => g.id)).toEqual(["code-quality/giant-module"]);
  });

  it("keeps the learner's own goals anywhere, reports them as source learner", () => {
    const body = `- [ ] Learn to order dinner in French\n${merge("", [BARE], pr(1)).body}\n  - [x] Explain embeddings to a friend\n`;
    const { goals, body: next } = merge(body, [BARE], pr(2));
    expect(next.startsWith("- [ ] Learn to order dinner in French\n")).toBe(true);
    expect(goals.filter((g) => g.source === "learner").map((g) => [g.text, g.status])).toEqual([
      ["Learn to order dinner in French", "open"],
      ["Explain embeddings to a friend", "done"],
    ]);
    for (const g of goals) goalSchema.parse(g);
  });

  it("quotes a vague goal back in its coaching without pinging anyone or opening HTML, and keeps the goal line as written", () => {
    const mine = "- [ ] learn AI @everyone <b>now</b>";
    const body = `${mine}\n${merge("", [BARE], pr(1)).body}`;
    const { body: next } = merge(body, [BARE], pr(2));
    expect(next.split("\n")).toContain(mine);
    const coaching = next.split("\n").find((l) => l.startsWith("💡 Your goal"));
    expect(coaching).toContain("learn AI @\u200beveryone &lt;b>now&lt;/b>");
    expect(coaching).not.toMatch(/(^|[^\w`])@everyone|<b>/);
  });

  it("a marker mangled by hand: every line kept, the problem named, no goal duplicated by the bot's own hand", () => {
    const body = merge("", [BARE], pr(1)).body.replace(
      "<!-- goal:code-quality/bare-except -->",
      "<!-- goal:code-quality/bare-except ->",
    );
    const parsed = parseGoalsBody(body);
    expect(parsed.problems.map((p) => p.message).join()).toMatch(/marker changed by hand/);
    const { body: next } = merge(body, [BARE], pr(2));
    for (const line of parsed.doc.lines) if (line.kind === "text") expect(next).toContain(line.text);
    expect(next.match(/Replace every bare/g)).toHaveLength(1);
  });

  it("a state block mangled by hand is reported and kept; goals in the body are still known", () => {
    const body = merge("", [BARE], pr(1)).body.replace('{"v":1', '{"v":1,,');
    const parsed = parseGoalsBody(body);
    expect(parsed.problems.map((p) => p.message).join()).toMatch(/hidden state could not be read/);
    const next = merge(body, [BARE, GIANT], pr(2));
    expect(next.goals.map((g) => g.id)).toEqual(["code-quality/bare-except"]);
    expect(next.body).toContain('{"v":1,,');
  });

  it("a learner's edit inside learnloop's chart block is kept above the fresh chart", () => {
    const body = merge("", [BARE], pr(1)).body.replace("```mermaid", "My own note on progress\n```mermaid");
    const next = merge(body, [BARE], pr(2));
    expect(next.problems.map((p) => p.message)).toEqual([
      "you edited learnloop's progress block: your lines are kept just above it",
    ]);
    expect(next.body.indexOf("My own note on progress")).toBeLessThan(
      next.body.indexOf("<!-- learnloop:progress:start -->"),
    );
  });

  it("the same review merged twice changes nothing the second time", () => {
    const once = merge("", [BARE, TESTS], pr(1)).body;
    expect(merge(once, [BARE, TESTS], pr(1)).body).toBe(once);
  });

  it("stays under GitHub's limit however long the history: old reviews folded, no goal dropped", () => {
    let body = merge("", [BARE], pr(1)).body;
    for (let n = 2; n < 80; n++) body = merge(body, n % 2 ? [BARE, ABS] : [BARE], pr(n)).body;
    const state = parseGoalsBody(body).doc.state!;
    expect(state.hist).toHaveLength(50);
    expect(state.old?.[0]).toBe(29);
    const big = `${"A learner's long notes. ".repeat(2_500).slice(0, 60_000)}\n${body}`;
    const next = merge(big, [BARE, ABS, TESTS], pr(90));
    expect(next.fits).toBe(true);
    expect(next.body.length).toBeLessThanOrEqual(65_000);
    expect(next.body.startsWith(big.slice(0, 60_000))).toBe(true);
    expect(next.goals.map((g) => g.id).sort()).toEqual([
      "code-quality/bare-except",
      "data/absolute-path",
      "testing/missing-tests",
    ]);
  });

  it("when even the smallest body is over GitHub's limit it says so and does not claim to fit (the caller writes nothing)", () => {
    const notes = "My notes, all of them mine. ".repeat(2_400);
    const { fits, problems, body } = merge(
      `${merge("", [BARE], pr(1)).body}\n${notes}\n`,
      [BARE, ABS, TESTS],
      pr(2),
    );
    expect(fits).toBe(false);
    expect(problems.at(-1)!.message).toMatch(/^the goals are \d+ characters, over GitHub's 65,536 limit/);
    expect(body).toContain(notes);
  });
});
