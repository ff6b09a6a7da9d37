// The labelled corpora: small learner repositories whose gaps a mentor labelled by hand in each `expected.json`,
// reviewed by the real loader and pipeline. Measures precision and recall per area, for each set on its own, and
// lists every miss (file:line, rule id) so the author of a rule can act on it. Three sets: `fixtures/corpus`, which
// rule authors saw while writing rules (a tuning set); `fixtures/corpus-heldout` and `fixtures/corpus-blind2`, each
// labelled blind before the rules were run on it (each README says when rules were later fixed against it). A figure
// on a set the rules were tuned on says little about code the rules have not seen.
// Label anchors: `line` is the statement a rule points at (the call, the assignment, the first model call for
// "token usage never read", the call that sends a growing history), in a notebook the line of the .ipynb file that
// holds it; `line: null` for facts about the whole repo or a whole file (no tests, no eval set, no lockfile, a README
// with no measurable outcome or no run steps).
import { fileURLToPath } from "node:url";
import { beforeAll, describe, expect, it } from "vitest";
import { corpusRepos, type Expected, type Label, readExpected } from "./corpus/labels.js";
import { matchLabels } from "./corpus/match.js";
import { AREAS, type Area } from "./report/areas.js";
import type { Finding } from "./report/contract.js";
import { review } from "./review.js";
import { nodeFileSystem } from "./snapshot/file-system.js";
import { loadDirectory } from "./snapshot/load-directory.js";
import type { Snapshot } from "./snapshot/types.js";

interface CorpusSet {
  name: string;
  dir: string;
  /** Repos built to show the fundamentals done well: no labels, and at most MAX_GAPS_WELL_ENGINEERED gaps. */
  wellEngineered: string[];
  minRepos: number;
}

const SETS: CorpusSet[] = [
  {
    name: "tuning set (fixtures/corpus)",
    dir: fileURLToPath(new URL("../fixtures/corpus", import.meta.url)),
    wellEngineered: ["helpdesk-rag-good", "churn-model-good"],
    minRepos: 8,
  },
  {
    name: "held-out set (fixtures/corpus-heldout)",
    dir: fileURLToPath(new URL("../fixtures/corpus-heldout", import.meta.url)),
    wellEngineered: ["invoice-extractor-good"],
    minRepos: 6,
  },
  {
    name: "second blind set (fixtures/corpus-blind2)",
    dir: fileURLToPath(new URL("../fixtures/corpus-blind2", import.meta.url)),
    wellEngineered: ["recipe-tagger-good"],
    minRepos: 7,
  },
];
const MAX_GAPS_WELL_ENGINEERED = 2;
const MIN_PRECISION = 0.9;
const MIN_RECALL = 0.8;

/** What a reported gap is matched on, plus what an engineer needs to find it. */
interface Gap {
  ruleId: string;
  area: Area;
  file: string | null;
  line: number | null;
  message: string;
}

interface RepoScore {
  matched: { gap: Gap; label: Label }[];
  falsePositives: { gap: Gap; quiet: boolean }[];
  falseNegatives: Label[];
}

/** Gap findings only: strengths (celebratory) are never counted for or against. */
function gapsOf(findings: readonly Finding[]): Gap[] {
  return findings
    .filter((f) => f.level !== "celebratory")
    .map(({ ruleId, area, file, line, message }) => ({ ruleId, area, file, line, message }));
}

/** The corpus matching (corpus/match.ts), with each false positive marked when its area was labelled quiet. */
function scoreRepo(gaps: readonly Gap[], expected: Pick<Expected, "findings" | "quiet">): RepoScore {
  const { matched, unmatched, missed } = matchLabels(gaps, expected);
  return {
    matched,
    falsePositives: unmatched.map((gap) => ({ gap, quiet: expected.quiet.includes(gap.area) })),
    falseNegatives: missed,
  };
}

interface AreaScore {
  expected: number;
  reported: number;
  tp: number;
  fp: number;
  fn: number;
}

const precisionOf = (s: AreaScore): number => (s.tp + s.fp === 0 ? 1 : s.tp / (s.tp + s.fp));
const recallOf = (s: AreaScore): number => (s.tp + s.fn === 0 ? 1 : s.tp / (s.tp + s.fn));

function byArea(scores: readonly RepoScore[]): Map<Area | "overall", AreaScore> {
  const table = new Map<Area | "overall", AreaScore>(
    [...AREAS, "overall" as const].map((a) => [a, { expected: 0, reported: 0, tp: 0, fp: 0, fn: 0 }]),
  );
  const add = (area: Area, key: "tp" | "fp" | "fn") => {
    for (const row of [table.get(area)!, table.get("overall")!]) {
      row[key] += 1;
      if (key !== "fp") row.expected += 1;
      if (key !== "fn") row.reported += 1;
    }
  };
  for (const s of scores) {
    for (const m of s.matched) add(m.label.area, "tp");
    for (const f of s.falsePositives) add(f.gap.area, "fp");
    for (const l of s.falseNegatives) add(l.area, "fn");
  }
  return table;
}

/**
 * The areas under target, one line each. An area with no labels is still judged on precision: a finding there is
 * a false positive (only an area nothing was expected in and nothing reported in is left out).
 */
function belowTarget(table: Map<Area | "overall", AreaScore>): string[] {
  const below: string[] = [];
  for (const [area, s] of table) {
    if (area !== "overall" && s.expected === 0 && s.reported === 0) continue;
    const p = precisionOf(s);
    const r = recallOf(s);
    if (p < MIN_PRECISION || r < MIN_RECALL)
      below.push(
        `  ${area}: precision ${p.toFixed(2)}, recall ${r.toFixed(2)} (TP ${s.tp}, FP ${s.fp}, FN ${s.fn})`,
      );
  }
  return below;
}

function renderTable(table: Map<Area | "overall", AreaScore>): string {
  const pct = (n: number) => n.toFixed(2);
  const head = ["area", "expected", "reported", "TP", "FP", "FN", "precision", "recall"];
  const rows = [...table].map(([area, s]) => [
    area,
    String(s.expected),
    String(s.reported),
    String(s.tp),
    String(s.fp),
    String(s.fn),
    s.reported === 0 ? "-" : pct(precisionOf(s)),
    s.expected === 0 ? "-" : pct(recallOf(s)),
  ]);
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: string[]) =>
    cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join("  ");
  return [line(head), ...rows.map(line)].join("\n");
}

const where = (repo: string, file: string | null, line: number | null) =>
  file === null ? `${repo} (repo)` : `${repo}/${file}${line === null ? "" : `:${line}`}`;

function renderMisses(results: readonly { repo: string; gaps: Gap[]; score: RepoScore }[]): string {
  const out: string[] = [];
  for (const area of AREAS) {
    const fns = results.flatMap((r) =>
      r.score.falseNegatives
        .filter((l) => l.area === area)
        .map((l) => {
          // An unmatched report of the same area in the same repo (same file first): often a line or null mismatch.
          const same = r.score.falsePositives.filter((f) => f.gap.area === area).map((f) => f.gap);
          const near = same.find((g) => g.file === l.file) ?? same[0];
          const hint = near ? ` [unmatched ${near.ruleId} at ${where(r.repo, near.file, near.line)}]` : "";
          return `    FN ${where(r.repo, l.file, l.line)}: ${l.why}${hint}`;
        }),
    );
    const fps = results.flatMap((r) =>
      r.score.falsePositives
        .filter((f) => f.gap.area === area)
        .map(
          (f) =>
            `    FP ${where(r.repo, f.gap.file, f.gap.line)} ${f.gap.ruleId}${f.quiet ? " (area labelled quiet)" : ""}: ${f.gap.message}`,
        ),
    );
    if (fns.length + fps.length > 0) out.push(`  ${area}`, ...fns, ...fps);
  }
  return out.join("\n");
}

interface Loaded {
  repo: string;
  snapshot: Snapshot;
  expected: Expected;
  gaps: Gap[];
}

async function loadRepo(corpus: string, repo: string): Promise<Loaded> {
  const dir = `${corpus}/${repo}`;
  const expected = readExpected(dir);
  const loaded = await loadDirectory(dir, { fs: nodeFileSystem, name: repo, ignore: ["expected.json"] });
  if (!loaded.ok) throw new Error(`${repo}: ${loaded.error.message}`);
  const report = await review(loaded.value);
  return { repo, snapshot: loaded.value, expected, gaps: gapsOf(report.findings) };
}

describe("corpus scoring (the harness itself)", () => {
  const gap = (area: Area, file: string | null, line: number | null, ruleId = `${area}/rule`): Gap => ({
    ruleId,
    area,
    file,
    line,
    message: "seen",
  });
  const label = (area: Area, file: string | null, line: number | null): Label => ({
    area,
    file,
    line,
    why: "why",
  });

  it("matches a line within ±2, not 3, and null only with null", () => {
    const s = scoreRepo(
      [
        gap("data", "a.py", 12),
        gap("data", "b.py", 13),
        gap("data", "c.py", null),
        gap("testing", null, null),
      ],
      {
        findings: [
          label("data", "a.py", 10),
          label("data", "b.py", 10),
          label("data", "c.py", 4),
          label("testing", null, null),
        ],
        quiet: [],
      },
    );
    expect(s.matched.map((m) => m.gap.file)).toEqual(["a.py", null]);
    expect(s.falsePositives.map((f) => f.gap.file)).toEqual(["b.py", "c.py"]);
    expect(s.falseNegatives.map((l) => l.file)).toEqual(["b.py", "c.py"]);
  });

  it("needs the same area and file, and uses each label at most once", () => {
    const s = scoreRepo([gap("data", "a.py", 5), gap("data", "a.py", 5), gap("security", "a.py", 5)], {
      findings: [label("data", "a.py", 5)],
      quiet: [],
    });
    expect(s.matched).toHaveLength(1);
    expect(s.falsePositives.map((f) => f.gap.area)).toEqual(["data", "security"]);
    expect(s.falseNegatives).toEqual([]);
  });

  it("finds the largest one-to-one matching, not the greedy one", () => {
    // Greedy nearest-first pairs 12↔12 and leaves 10 and 14 alone; 10↔12 and 12↔14 match both.
    const s = scoreRepo([gap("data", "a.py", 12), gap("data", "a.py", 10)], {
      findings: [label("data", "a.py", 12), label("data", "a.py", 14)],
      quiet: [],
    });
    expect(s.matched).toHaveLength(2);
    expect(s.falsePositives).toEqual([]);
  });

  it("counts any gap in a quiet area as a false positive, and ignores strengths", () => {
    const s = scoreRepo([gap("security", ".env", null)], { findings: [], quiet: ["security"] });
    expect(s.falsePositives).toEqual([{ gap: gap("security", ".env", null), quiet: true }]);
    const strength = { level: "celebratory", ruleId: "testing/tests-in-ci" } as Finding;
    expect(gapsOf([strength])).toEqual([]);
  });

  it("holds an area with no labels to the precision target, and leaves out areas with nothing at all", () => {
    const s = scoreRepo([gap("data", "a.py", 1), gap("security", ".env", null)], {
      findings: [label("data", "a.py", 1)],
      quiet: [],
    });
    const below = belowTarget(byArea([s]));
    expect(below.map((line) => line.trim().split(":")[0])).toEqual(["security", "overall"]);
  });

  it("computes precision and recall per area and overall", () => {
    const s = scoreRepo([gap("data", "a.py", 1), gap("data", "b.py", 1), gap("testing", null, null)], {
      findings: [label("data", "a.py", 1), label("data", "z.py", 1), label("data", "y.py", 1)],
      quiet: [],
    });
    const table = byArea([s]);
    expect(table.get("data")).toEqual({ expected: 3, reported: 2, tp: 1, fp: 1, fn: 2 });
    expect(precisionOf(table.get("data")!)).toBe(0.5);
    expect(recallOf(table.get("data")!)).toBeCloseTo(1 / 3);
    expect(table.get("overall")).toEqual({ expected: 3, reported: 3, tp: 1, fp: 2, fn: 2 });
  });
});

describe.each(SETS)("labelled corpus: $name", (set) => {
  const repos = corpusRepos(set.dir);
  const loaded: Loaded[] = [];
  const isWellEngineered = (repo: string) => set.wellEngineered.includes(repo);

  beforeAll(async () => {
    for (const repo of repos) loaded.push(await loadRepo(set.dir, repo));
  }, 120_000);

  it(`has at least ${set.minRepos} repositories, including the well-engineered ones`, () => {
    expect(repos.length).toBeGreaterThanOrEqual(set.minRepos);
    for (const repo of set.wellEngineered) expect(repos).toContain(repo);
  });

  it("labels point at files and lines that exist, never in a quiet area", () => {
    const problems: string[] = [];
    for (const { repo, snapshot, expected } of loaded) {
      const quiet = new Set(expected.quiet);
      const learner = !isWellEngineered(repo);
      if (learner && (expected.findings.length < 4 || expected.findings.length > 10))
        problems.push(`${repo}: ${expected.findings.length} labelled gaps (a learner repo has 4 to 10)`);
      if (!learner && expected.findings.length > 0)
        problems.push(`${repo}: a well-engineered repo with labels`);
      for (const l of expected.findings) {
        const at = where(repo, l.file, l.line);
        if (quiet.has(l.area)) problems.push(`${at}: labelled ${l.area}, which the repo lists as quiet`);
        if (l.file === null) continue;
        if (!snapshot.paths.includes(l.file)) problems.push(`${at}: no such file in the snapshot`);
        const file = snapshot.files.find((f) => f.path === l.file);
        if (l.line === null) continue;
        // A notebook's label is a line of the .ipynb file, and one that holds code of a cell.
        if (file?.notebook && !file.notebook.ipynbLines.includes(l.line))
          problems.push(`${at}: no code cell's source on this line of the notebook`);
        else if (!file || (!file.notebook && l.line > file.lines.length))
          problems.push(`${at}: line past the end of the file (as the loader reads it)`);
      }
    }
    expect(problems).toEqual([]);
  });

  it(`the well-engineered repositories draw at most ${MAX_GAPS_WELL_ENGINEERED} gap findings each`, () => {
    const over = loaded
      .filter((l) => isWellEngineered(l.repo) && l.gaps.length > MAX_GAPS_WELL_ENGINEERED)
      .map(
        (l) =>
          `${l.repo}: ${l.gaps.length} gaps\n${l.gaps.map((g) => `    ${where(l.repo, g.file, g.line)} ${g.ruleId}: ${g.message}`).join("\n")}`,
      );
    expect(over, over.join("\n")).toEqual([]);
  });

  it(`reaches precision ≥ ${MIN_PRECISION} and recall ≥ ${MIN_RECALL} per area and overall`, () => {
    const results = loaded.map((l) => ({ repo: l.repo, gaps: l.gaps, score: scoreRepo(l.gaps, l.expected) }));
    const table = byArea(results.map((r) => r.score));
    process.stdout.write(
      `\nlearnloop corpus, ${set.name}: ${results.length} repositories\n${renderTable(table)}\n`,
    );

    const below = belowTarget(table);
    if (below.length > 0) {
      expect.fail(
        [
          `${set.name}: precision must be ≥ ${MIN_PRECISION} and recall ≥ ${MIN_RECALL}; below target:`,
          ...below,
          "",
          "Unmatched findings by area (FN = labelled gap no rule reported; FP = reported gap with no label):",
          renderMisses(results),
        ].join("\n"),
      );
    }
  });
});
