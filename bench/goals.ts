// Goals model cost: parse + merge + render of a big goals body (500 goals, 1,000 history entries), target under 20 ms.
// Usage: pnpm goals
import { AREAS, DETECTORS, type Finding, type GoalsState } from "@learnloop/core";
import { mergeReview, parseGoalsBody, renderGoalsBody } from "@learnloop/core/goals";
import { reportOf } from "@learnloop/core/testing";

const GOALS = 500;
const HISTORY = 1_000;
const RUNS = 40;

const rules = DETECTORS.filter((d) => d.meta.level !== "celebratory").map((d) => d.meta);

function bigBody(): string {
  const state: GoalsState = { v: 1, goals: {}, hist: [], old: null, reg: {} };
  const lines = [
    "<!-- learnloop:goals -->",
    "## 🎯 My learning goals",
    "",
    "**What I am building:** a bot",
    "",
  ];
  for (let i = 0; i < GOALS; i++) {
    const meta = rules[i % rules.length]!;
    const id = `${meta.id}~${i + 2}`;
    if (i % 25 === 0) lines.push("", `### Section ${i / 25}`, "", `A note of mine about part ${i / 25}.`);
    lines.push(`- [${i % 3 === 0 ? "x" : " "}] ${meta.goal} <!-- goal:${id} -->`);
    if (i % 10 === 0) lines.push(`  - [ ] my own sub-goal ${i}: explain it to a friend ✨`);
    state.goals[id] = {
      a: meta.area,
      r: [meta.id],
      f: [`src/module_${i % 40}.py`],
      s: i % 3 === 0 ? "d" : "o",
    };
  }
  for (let i = 0; i < HISTORY; i++)
    state.hist.push([
      `#${i + 1}`,
      AREAS.map((_, a) => (i + a) % 5),
      `${i + 1}@${(i * 7919).toString(16).padStart(7, "0")}`,
    ]);
  const json = JSON.stringify(state).replace(/</g, "\\u003c").replace(/>/g, "\\u003e");
  lines.push("", `<!-- learnloop:state ${json} -->`, "");
  return lines.join("\n");
}

function finding(i: number): Finding {
  const meta = rules[(i * 7) % rules.length]!;
  return {
    ruleId: meta.id,
    area: meta.area,
    level: meta.level,
    file: `src/module_${i % 40}.py`,
    line: 1,
    endLine: 1,
    message: "seen",
    why: meta.why,
    tryThis: meta.tryThis,
    learnMore: [],
    assistantPrompt: "prompt",
    source: "detector",
    fingerprint: `fp${i}`,
  };
}

const report = reportOf(
  Array.from({ length: 60 }, (_, i) => finding(i)),
  { files: 40 },
);

const body = bigBody();
const options = { evidence: { pr: 1_001, commit: "abcdef0123" }, full: true };
const once = () => renderGoalsBody(mergeReview(parseGoalsBody(body).doc, report, options).doc);
// A floor to compare against on a busy machine: split the body into lines and join it back.
const reference = () => body.split("\n").join("\n");

/** Median and fastest of `RUNS` timed calls, after a warm-up. */
function time(fn: () => unknown): { median: number; fastest: number } {
  for (let i = 0; i < 5; i++) fn();
  const times: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const start = performance.now();
    fn();
    times.push(performance.now() - start);
  }
  times.sort((a, b) => a - b);
  return { median: times[Math.floor(times.length / 2)]!, fastest: times[0]! };
}

// Side by side, interleaved, so load on the machine hits both alike.
const parsed = parseGoalsBody(body).doc;
const merged = mergeReview(parsed, report, options).doc;
const all = time(once);
const parse = time(() => parseGoalsBody(body));
const merge = time(() => mergeReview(parsed, report, options));
const render = time(() => renderGoalsBody(merged));
const floor = time(reference);
const out = once();
const state = parseGoalsBody(out).doc.state!;
const ms = (t: { median: number; fastest: number }) =>
  `${t.median.toFixed(1)} ms (fastest ${t.fastest.toFixed(1)})`;
console.log(
  `goals: parse + merge + render of a ${body.length.toLocaleString("en")}-character body (${GOALS} goals, ${HISTORY} history entries), ${RUNS} runs`,
);
console.log(
  `  all three: median ${ms(all)}; target < 20 ms: ${all.median < 20 ? "met" : "not met"} (median)`,
);
console.log(`  parse ${ms(parse)} · merge ${ms(merge)} · render ${ms(render)}`);
console.log(
  `  split + join of the same body: ${ms(floor)}; ratio all / split+join: ${(all.median / floor.median).toFixed(0)}x`,
);
console.log(
  `  result: ${out.length.toLocaleString("en")} characters (500 goals do not fit GitHub's 65,536 limit: the run reports it and writes nothing); history ${state.hist.length} reviews kept, ${state.old?.[0] ?? 0} folded`,
);
