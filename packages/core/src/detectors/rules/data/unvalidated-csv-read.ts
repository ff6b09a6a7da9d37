// data/unvalidated-csv-read: training data read from CSV with no column types and no check of its shape, in a
// project that validates data nowhere.
import { calls, keywordArguments, lineOf, positionalArguments } from "../../../parse/syntax.js";
import type { SourceFile } from "../../../snapshot/types.js";
import { stringContent } from "../../lib/llm-code.js";
import { DATA_FRAMES, isTestPath, moduleList, type RepoView } from "../../repo-view.js";
import type { FileDetector } from "../../types.js";

const READ = /^(pd|pandas|pl|polars)\.(read_csv|read_table|read_excel)$/;
/** Arguments that say which columns and types to expect. */
const TYPED = ["dtype", "dtypes", "usecols", "converters", "schema", "schema_overrides", "columns", "names"];
/** Calls that train (or fit) a model on what was read. */
const TRAINS =
  /\.fit\(|\.fit_transform\(|\btrain_test_split\(|\bcross_val(_score|idate)\(|\bTrainer\(|\bSFTTrainer\(/;
/** Or that writes what was read on to a database or a file: a pipeline whose output others use. */
const WRITES = /\.to_(sql|parquet|csv|json|excel|feather)\(|\.write_(parquet|csv|database|json)\(/;
/** Libraries that validate data against a schema. */
const VALIDATORS = moduleList([
  "pandera",
  "pydantic",
  "great_expectations",
  "pandas_schema",
  "frictionless",
  "pointblank",
  "deepchecks",
  "evidently",
  "dataframely",
  "patito",
  "cerberus",
  "jsonschema",
  "marshmallow",
  "tensorflow_data_validation",
  "whylogs",
]);
/** Checks written by hand: asserts on columns or types, a look at the dtypes, a validate function. */
const HAND_CHECKS =
  /\bassert\b[^\n]*\b(columns|dtypes?|shape|isna|isnull|notna|len)\b|\.dtypes\b|\.info\(|\.columns\s*[!=]=|expected_columns|required_columns|\bvalidate\w*\(|\bcheck_\w+\(/i;
const TEXT_GATE = /read_(csv|table|excel)\s*\(/;

/** The first file (in path order) that reads a CSV, trains or writes, and checks nothing: one finding per repo. */
function firstCandidate(repo: RepoView): SourceFile | undefined {
  return repo.files.find(
    (f) =>
      f.language === "python" &&
      !isTestPath(f.path) &&
      TEXT_GATE.test(f.text) &&
      (TRAINS.test(f.text) || WRITES.test(f.text)) &&
      !HAND_CHECKS.test(f.text),
  );
}

export const unvalidatedCsvRead: FileDetector = {
  scope: "file",
  languages: ["python"],
  prefilter: TEXT_GATE,
  meta: {
    id: "data/unvalidated-csv-read",
    area: "data",
    level: "informative",
    title: "Data is read from CSV with no check of its columns or types",
    why: "`read_csv` guesses each column's type from the file, so a new export with a renamed column, a stray text value in a number column or a changed label spelling still loads, and the model trains on it (or the pipeline saves it) without an error. A schema (the columns you expect, their types and allowed values) turns those changes into a clear failure at load time.",
    tryThis:
      "Write down the columns the code needs with their types (`dtype={...}` in `read_csv`, or a small pandera or Pydantic schema), validate the frame right after loading it, and try it on a copy of the file with one column renamed.",
    learnMore: [
      "https://pandera.readthedocs.io/en/stable/",
      "https://pandas.pydata.org/docs/reference/api/pandas.read_csv.html",
    ],
    example: {
      language: "python",
      file: "train.py",
      bad: 'df = pd.read_csv("data/reviews.csv")\nmodel.fit(df["text"], df["label"])',
      good: 'schema = pa.DataFrameSchema({\n    "text": pa.Column(str),\n    "label": pa.Column(int, pa.Check.isin([0, 1])),\n})\ndf = schema.validate(pd.read_csv("data/reviews.csv"))\nmodel.fit(df["text"], df["label"])',
    },
    goal: "Validate input data right after loading it: expected columns, types and allowed values, failing loudly when they change",
  },
  applies: (repo) => repo.imports(DATA_FRAMES) && !repo.imports(VALIDATORS),
  check(file, { repo, syntax }) {
    if (firstCandidate(repo)?.path !== file.path) return [];
    const tree = syntax();
    if (!tree) return [];
    for (const { node, name } of calls(tree)) {
      if (!READ.test(name)) continue;
      const kw = keywordArguments(node);
      if (kw === null || TYPED.some((k) => kw.has(k))) continue;
      const source = positionalArguments(node)[0];
      const literal = source ? stringContent(source) : null;
      const trains = TRAINS.test(file.text);
      const what =
        literal && literal.length <= 60 ? `\`${literal}\`` : trains ? "The training data" : "The input";
      const use = trains
        ? "used to train with no check of its columns or types, so a changed file trains silently on the wrong data"
        : "processed and saved with no check of its columns or types, so a changed file flows silently into the output";
      return [
        { file: file.path, line: lineOf(node), message: `${what} is read with \`${name}\` and ${use}.` },
      ];
    }
    return [];
  },
};
