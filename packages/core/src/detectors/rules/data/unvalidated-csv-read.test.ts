import { describe, expect, it } from "vitest";
import { reviewTree } from "../../../testing/memory-fs.js";
import { ipynbLine, jupyterJson } from "../../../testing/notebook.js";
import { unvalidatedCsvRead } from "./unvalidated-csv-read.js";

const RULE = "data/unvalidated-csv-read";
const TRAIN = [
  "import pandas as pd",
  "from sklearn.linear_model import LogisticRegression",
  "from sklearn.model_selection import train_test_split",
  "",
  "df = pd.read_csv('data/reviews.csv')",
  "X_train, X_test, y_train, y_test = train_test_split(df['text'], df['label'], random_state=0)",
  "model = LogisticRegression().fit(X_train, y_train)",
].join("\n");

describe("data/unvalidated-csv-read", () => {
  it("fires once, at the first read of a training script, naming the file read", async () => {
    const report = await reviewTree(
      { "train.py": TRAIN, "train_v2.py": TRAIN, "data/reviews.csv": "text,label\nok,1\n" },
      [unvalidatedCsvRead],
    );
    expect(report.findings.map((f) => [f.ruleId, f.file, f.line, f.level])).toEqual([
      [RULE, "train.py", 5, "informative"],
    ]);
    expect(report.findings[0]!.message).toBe(
      "`data/reviews.csv` is read with `pd.read_csv` and used to train with no check of its columns or types, so a changed file trains silently on the wrong data.",
    );
  });

  it("fires in a training notebook that reads a CSV from a variable", async () => {
    const notebook = jupyterJson({
      cells: [
        { cell_type: "code", source: "import pandas as pd\nfrom sklearn.svm import SVC", outputs: [] },
        { cell_type: "code", source: "df = pd.read_csv(DATA_PATH)\ndf.head()", outputs: [] },
        { cell_type: "code", source: "clf = SVC().fit(df[['a', 'b']], df['y'])", outputs: [] },
      ],
    });
    const report = await reviewTree({ "model.ipynb": notebook }, [unvalidatedCsvRead]);
    expect(report.findings.map((f) => [f.file, f.line])).toEqual([
      ["model.ipynb", ipynbLine(notebook, "df = pd.read_csv(DATA_PATH)")],
    ]);
    expect(report.findings[0]!.message).toMatch(
      /^In cell 2, line 1: The training data is read with `pd.read_csv`/,
    );
  });

  it("stays quiet when types or columns are given, checked by hand, or a validation library is used", async () => {
    const typed = TRAIN.replace(
      "read_csv('data/reviews.csv')",
      "read_csv('data/reviews.csv', dtype={'label': int})",
    );
    const asserted = `${TRAIN}\nassert set(df.columns) >= {'text', 'label'}\n`;
    const inspected = `${TRAIN}\ndf.info()\n`;
    // A cast of a derived column is not a check of the input.
    const cast = await reviewTree(
      { "train.py": `${TRAIN}\ndf['label'] = (df['rating'] >= 4).astype(int)\n` },
      [unvalidatedCsvRead],
    );
    expect(cast.findings.map((f) => f.line)).toEqual([5]);
    const trees: Record<string, string>[] = [
      { "train.py": typed },
      { "train.py": asserted },
      { "train.py": inspected },
      { "train.py": TRAIN, "schema.py": "import pandera as pa\nschema = pa.DataFrameSchema({})\n" },
    ];
    for (const tree of trees) {
      const report = await reviewTree(tree, [unvalidatedCsvRead]);
      expect(report.findings).toEqual([]);
    }
  });

  it("fires on a cleaning pipeline that reads a CSV and writes the result on", async () => {
    const report = await reviewTree(
      {
        "pipeline.py": [
          "import pandas as pd",
          "def main(config):",
          "    df = pd.read_csv(config['input_file'])",
          "    df = clean(df)",
          "    df.to_sql('sales_clean', engine, if_exists='replace')",
        ].join("\n"),
      },
      [unvalidatedCsvRead],
    );
    expect(report.findings.map((f) => [f.file, f.line, f.message])).toEqual([
      [
        "pipeline.py",
        3,
        "The input is read with `pd.read_csv` and processed and saved with no check of its columns or types, so a changed file flows silently into the output.",
      ],
    ]);
  });

  it("stays quiet when the CSV is only explored, and in tests", async () => {
    const report = await reviewTree(
      {
        "report.py": "import pandas as pd\ndf = pd.read_csv('sales.csv')\nprint(df.groupby('month').sum())\n",
        "tests/test_train.py": TRAIN,
        "ingest.py": "import pandas as pd\ndf = pd.read_csv('docs.csv')\nindex.add(df['text'].tolist())\n",
      },
      [unvalidatedCsvRead],
    );
    expect(report.findings).toEqual([]);
  });
});
