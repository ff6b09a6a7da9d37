import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { AREAS } from "../report/areas.js";
import type { Finding } from "../report/contract.js";
import { finding, reportOf } from "../testing/reports.js";
import { goalLineText } from "./layout.js";
import { FENCE, GOAL_LINE, goalMarker, REGION_START, regionEnd, regionStart, STATE_LINE } from "./markers.js";
import { mergeReview } from "./merge.js";
import { parseGoalsBody, renderGoalsBody, splitLines } from "./parse-body.js";
import { encodeState } from "./state.js";
import type { DocLine, GoalsDoc, GoalsState } from "./types.js";

const RUNS = { numRuns: 300 };
/** Property runs take a while on a busy machine. */
const SLOW = 30_000;
const RULES = [
  "testing/missing-tests",
  "evaluation/missing-eval-set",
  "code-quality/bare-except",
  "code-quality/giant-module",
  "data/absolute-path",
  "security/hardcoded-secret",
  "observability/print-debugging",
];

// Text a learner might type: Unicode, emoji, Markdown, HTML, nested list items, task items of their own.
const piece = fc.oneof(
  fc.string({ unit: "grapheme", maxLength: 30 }),
  fc.constantFrom(
    "- [ ] Learn to order dinner in French",
    "  - [x] nested ✓",
    "* [X] ticked",
    "1. [ ] numbered",
  ),
  fc.constantFrom(
    "## Testing",
    "### Done",
    "> quote",
    "<details>",
    "| a | b |",
    "ünïcödé 日本語 🚀",
    "   ",
    "",
  ),
);
const learnerText = piece.filter(
  (t) =>
    !/[\r\n]/.test(t) && !GOAL_LINE.test(t) && !FENCE.test(t) && !REGION_START.test(t) && !STATE_LINE.test(t),
);
const eol = fc.constantFrom("\n", "\r\n");
const goalId = fc.constantFrom(...RULES, ...RULES.map((r) => `${r}~2`));

const stateArb: fc.Arbitrary<GoalsState> = fc.record({
  v: fc.constant(1 as const),
  goals: fc.dictionary(
    goalId,
    fc.record({
      a: fc.constantFrom(...AREAS),
      r: fc.array(fc.constantFrom(...RULES), { maxLength: 3 }),
      f: fc.array(fc.option(fc.string({ maxLength: 12 }), { nil: null }), { maxLength: 3 }),
      s: fc.constantFrom("o" as const, "d" as const, "x" as const),
    }),
  ),
  hist: fc.array(
    fc.tuple(
      fc.string({ maxLength: 8 }),
      fc.array(fc.nat(9), { minLength: 12, maxLength: 12 }),
      fc.string({ maxLength: 8 }),
    ),
    {
      maxLength: 5,
    },
  ),
  old: fc.constant(null),
  reg: fc.record({ progress: fc.string({ maxLength: 6 }) }, { requiredKeys: [] }),
});

/** A well-formed document: learner lines, goal lines, code blocks, learnloop blocks, at most one state line. */
const docArb: fc.Arbitrary<GoalsDoc> = fc
  .tuple(
    fc.array(
      fc.oneof(
        fc.tuple(learnerText, eol).map(([text, e]): DocLine[] => [{ kind: "text", text, eol: e }]),
        fc
          .tuple(
            learnerText.filter((t) => t.trim() !== ""),
            fc.boolean(),
            eol,
          )
          .map(([text, done, e]): DocLine[] => [
            { kind: "text", text: `\`\`\`${done ? "python" : ""}`, eol: e },
            { kind: "text", text: `- [ ] ${text} ${goalMarker("code-quality/in-a-fence")}`, eol: e },
            { kind: "text", text: "```", eol: e },
          ]),
        fc
          .tuple(
            fc.constantFrom("coach" as const, "progress" as const),
            fc.array(learnerText, { maxLength: 3 }),
            eol,
          )
          .map(([name, lines, e]): DocLine[] => [
            { kind: "region", name, lines, eols: [e, ...lines.map(() => e), e] },
          ]),
      ),
      { maxLength: 25 },
    ),
    fc.uniqueArray(
      fc.tuple(goalId, fc.string({ unit: "grapheme", minLength: 1, maxLength: 40 }), fc.boolean(), eol),
      {
        selector: ([id]) => id,
        maxLength: 6,
      },
    ),
    fc.option(stateArb, { nil: null }),
    eol,
  )
  .chain(([blocks, goals, state, e]) =>
    fc
      .shuffledSubarray([...blocks.map((b) => ({ b })), ...goals.map((g) => ({ g }))], {
        minLength: blocks.length + goals.length,
      })
      .map((order) => {
        // Regions are unique by name (a second one with the same name would be the learner's text).
        const names = new Set<string>();
        const lines: DocLine[] = order.flatMap((item) => {
          if ("g" in item) {
            const [id, text, done, ge] = item.g;
            const line = goalLineText(id, text.replace(/[\r\n]/g, " ")).replace(
              "- [ ]",
              done ? "- [x]" : "- [ ]",
            );
            return [{ kind: "goal", id, done, text: line, eol: ge }];
          }
          const region = item.b.find((l) => l.kind === "region");
          if (region && region.kind === "region") {
            if (names.has(region.name)) return [];
            names.add(region.name);
          }
          return item.b;
        });
        if (state) lines.push({ kind: "state", text: encodeState(state), eol: e });
        return { lines, state };
      }),
  );

/** Anything a hand may leave in a body: every kind of line above, broken ones too, any line endings. */
const bodyArb: fc.Arbitrary<string> = fc
  .array(
    fc.tuple(
      fc.oneof(
        piece,
        fc
          .tuple(goalId, fc.boolean(), piece)
          .map(([id, done, t]) => `- [${done ? "x" : " "}] ${t} ${goalMarker(id)}`),
        fc.constantFrom(
          "```",
          "~~~python",
          regionStart("progress"),
          regionEnd("progress"),
          regionStart("coach"),
          "<!-- learnloop:goals -->",
          '<!-- learnloop:state {"v":1,"goals":{},"hist":[],"old":null,"reg":{}} -->',
          "<!-- learnloop:state {not json -->",
          "<!-- goal:testing/missing-tests ->",
          "- [ ] Write tests <!-- goal:testing/missing-tests",
          "<!-- learnloop:progres:start -->",
        ),
      ),
      fc.constantFrom("\n", "\r\n", "\r", ""),
    ),
    { maxLength: 30 },
  )
  .map((parts) => parts.map(([t, e]) => t + (e === "" ? "\n" : e)).join(""))
  .chain((body) => fc.boolean().map((trim) => (trim ? body.replace(/(\r\n|\n|\r)$/, "") : body)));

const findingsArb: fc.Arbitrary<Finding[]> = fc.array(
  fc
    .tuple(fc.constantFrom(...RULES), fc.constantFrom("app.py", "lib.py", null))
    .map(([rule, file]) => finding(rule, file, rule.startsWith("testing") ? "essential" : "actionable")),
  { maxLength: 6 },
);

/** Whether `needles` appear in `hay` in the same order (other lines may sit between). */
function inOrder(needles: readonly string[], hay: readonly string[]): boolean {
  let at = 0;
  for (const n of needles) {
    while (at < hay.length && hay[at] !== n) at++;
    if (at === hay.length) return false;
    at++;
  }
  return true;
}

describe("goals body round trip (property-based)", () => {
  it(
    "parse(render(doc)) equals doc",
    () => {
      fc.assert(
        fc.property(docArb, (doc) => {
          expect(parseGoalsBody(renderGoalsBody(doc)).doc).toEqual(doc);
        }),
        RUNS,
      );
    },
    SLOW,
  );

  it(
    "render(parse(body)) is the body, byte for byte, whatever a hand left in it",
    () => {
      fc.assert(
        fc.property(bodyArb, (body) => {
          expect(renderGoalsBody(parseGoalsBody(body).doc)).toBe(body);
        }),
        RUNS,
      );
    },
    SLOW,
  );

  it(
    "a merge keeps every learner line in order, byte for byte, and fits GitHub's limit",
    () => {
      fc.assert(
        fc.property(bodyArb, findingsArb, fc.boolean(), (body, findings, full) => {
          const { doc } = parseGoalsBody(body);
          const mine = doc.lines.flatMap((l) => (l.kind === "text" ? [l.text] : []));
          const result = mergeReview(doc, reportOf(findings), {
            evidence: { pr: 9, commit: "abcdef0" },
            full,
            changed: ["app.py"],
          });
          const out = splitLines(renderGoalsBody(result.doc)).map((l) => l.text);
          expect(inOrder(mine, out)).toBe(true);
          expect(result.fits).toBe(true);
          expect(new Set(result.goals.map((g) => g.id)).size).toBe(result.goals.length);
        }),
        RUNS,
      );
    },
    SLOW,
  );

  it(
    "merging the same review twice changes nothing more",
    () => {
      fc.assert(
        fc.property(bodyArb, findingsArb, (body, findings) => {
          const options = { evidence: { pr: 3, commit: null }, full: true };
          const once = renderGoalsBody(
            mergeReview(parseGoalsBody(body).doc, reportOf(findings), options).doc,
          );
          const twice = renderGoalsBody(
            mergeReview(parseGoalsBody(once).doc, reportOf(findings), options).doc,
          );
          expect(twice).toBe(once);
        }),
        RUNS,
      );
    },
    SLOW,
  );

  it(
    "a body whose markers were mangled by hand keeps every line and names what it could not read",
    () => {
      fc.assert(
        fc.property(findingsArb, fc.nat(), fc.nat(), (findings, pick, cut) => {
          const body = renderGoalsBody(
            mergeReview(parseGoalsBody("").doc, reportOf([...findings, finding("data/absolute-path")]), {
              evidence: { pr: 1, commit: null },
              full: false,
            }).doc,
          );
          const markers = [...body.matchAll(/<!-- (goal|learnloop):[^\n]*?-->/g)];
          const m = markers[pick % markers.length]!;
          // Cut one character out of the marker's own syntax (not out of the JSON inside a state line).
          const offsets = [1, 2, 3, m[0].length - 1, m[0].length - 2];
          const at = m.index! + offsets[cut % offsets.length]!;
          const mangled = body.slice(0, at) + body.slice(at + 1);
          const parsed = parseGoalsBody(mangled);
          expect(parsed.problems.length).toBeGreaterThan(0);
          const result = mergeReview(parsed.doc, reportOf(findings), {
            evidence: { pr: 2, commit: null },
            full: false,
          });
          const out = splitLines(renderGoalsBody(result.doc)).map((l) => l.text);
          const mine = parsed.doc.lines.flatMap((l) => (l.kind === "text" ? [l.text] : []));
          expect(inOrder(mine, out)).toBe(true);
        }),
        RUNS,
      );
    },
    SLOW,
  );
});
