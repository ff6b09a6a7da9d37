import { describe, expect, it } from "vitest";
import { reviewTree } from "../../../testing/memory-fs.js";
import { ipynbLine, jupyterJson } from "../../../testing/notebook.js";
import { silentRowLoss } from "./silent-row-loss.js";

const RULE = "data/silent-row-loss";

describe("data/silent-row-loss", () => {
  it("fires once per file at the first silent drop, and counts the others", async () => {
    const report = await reviewTree(
      {
        "prepare.py": [
          "import pandas as pd",
          "",
          "def load(path):",
          "    df = pd.read_csv(path)",
          "    df = df.dropna().reset_index(drop=True)",
          "    df['text'] = df['text'].str.strip()",
          "    df.drop_duplicates(subset=['text'], inplace=True)",
          "    df = df[df['label'].notna()]",
          "    return df",
        ].join("\n"),
      },
      [silentRowLoss],
    );
    expect(report.findings.map((f) => [f.ruleId, f.file, f.line, f.level])).toEqual([
      [RULE, "prepare.py", 5, "actionable"],
    ]);
    expect(report.findings[0]!.message).toBe(
      "`df = df.dropna().reset_index(drop=True)` drops every row with a missing value and nothing reports how many were lost (2 more such steps in this file).",
    );
  });

  it("fires on a drop assigned to a new name, and on a ~duplicated() filter", async () => {
    const report = await reviewTree(
      {
        "clean.py": [
          "import pandas as pd",
          "raw = pd.read_csv('data.csv')",
          "clean = raw.drop_duplicates()",
          "",
          "",
          "",
          "",
          "",
          "",
          "",
          "",
          "",
          "",
          "rows = rows[~rows.duplicated(subset=['id'])]",
        ].join("\n"),
      },
      [silentRowLoss],
    );
    expect(report.findings.map((f) => [f.line, f.message])).toEqual([
      [
        3,
        "`clean = raw.drop_duplicates()` drops duplicate rows and nothing reports how many were lost (1 more such step in this file).",
      ],
    ]);
  });

  it("fires when the only counts printed nearby are of other frames", async () => {
    const report = await reviewTree(
      {
        "prepare.py": [
          "import pandas as pd",
          "df = pd.read_csv('reviews.csv')",
          "df = df[['text', 'rating']]",
          "df.dropna(subset=['text'], inplace=True)",
          "train_df, test_df = split(df)",
          "print(f'train: {len(train_df)} rows, test: {len(test_df)} rows')",
        ].join("\n"),
      },
      [silentRowLoss],
    );
    expect(report.findings.map((f) => [f.file, f.line])).toEqual([["prepare.py", 4]]);
  });

  it("fires in a notebook when neither the cell nor the next one shows the size", async () => {
    const notebook = jupyterJson({
      cells: [
        { cell_type: "code", source: "import pandas as pd\ndf = pd.read_csv('reviews.csv')", outputs: [] },
        { cell_type: "code", source: "df.dropna(inplace=True)", outputs: [] },
        { cell_type: "code", source: "X = df['text']\ny = df['label']", outputs: [] },
      ],
    });
    const report = await reviewTree({ "explore.ipynb": notebook }, [silentRowLoss]);
    expect(report.findings.map((f) => [f.ruleId, f.file, f.line])).toEqual([
      [RULE, "explore.ipynb", ipynbLine(notebook, "df.dropna(inplace=True)")],
    ]);
    expect(report.findings[0]!.assistantPrompt).toContain("cell 2, line 1");
  });

  it("stays quiet when the count is checked, printed or logged nearby, or shown by the next cell", async () => {
    const notebook = JSON.stringify({
      cells: [
        { cell_type: "code", source: "import pandas as pd\ndf = pd.read_csv('reviews.csv')", outputs: [] },
        { cell_type: "code", source: "df = df.dropna()", outputs: [] },
        { cell_type: "code", source: "df.shape", outputs: [] },
        { cell_type: "code", source: "df = df.drop_duplicates()\ndf", outputs: [] },
      ],
    });
    const report = await reviewTree(
      {
        "explore.ipynb": notebook,
        "prepare.py": [
          "import logging",
          "import pandas as pd",
          "logger = logging.getLogger(__name__)",
          "def load(path):",
          "    df = pd.read_csv(path)",
          "    before = len(df)",
          "    df = df.dropna()",
          "    logger.info('dropped %d rows', before - len(df))",
          "    df = df.drop_duplicates()",
          "    print(f'{len(df)} rows left')",
          "    return df",
        ].join("\n"),
      },
      [silentRowLoss],
    );
    expect(report.findings).toEqual([]);
  });

  it("stays quiet on column drops, single columns, measured drops and results that are not kept", async () => {
    const report = await reviewTree(
      {
        "features.py": [
          "import pandas as pd",
          "df = pd.read_csv('data.csv')",
          "df = df.dropna(axis=1)",
          "df = df.dropna(axis='columns', how='all')",
          "labels = df['label'].dropna()",
          "missing = len(df) - len(df.dropna())",
          "df.dropna()",
          "unique_users = df.user_id.drop_duplicates()",
        ].join("\n"),
        "tests/test_prepare.py": "import pandas as pd\ndf = df.dropna()\n",
      },
      [silentRowLoss],
    );
    expect(report.findings).toEqual([]);
  });
});
