import { describe, expect, it } from "vitest";
import { reviewTree } from "../../../testing/memory-fs.js";
import { ipynbLine, jupyterJson } from "../../../testing/notebook.js";
import { preprocessingBeforeSplit } from "./preprocessing-before-split.js";

const RULE = "ml-methodology/preprocessing-before-split";
const py = (...lines: string[]) => lines.join("\n");

describe("ml-methodology/preprocessing-before-split", () => {
  it("fires on a scaler fitted on all of X before train_test_split, at the fit", async () => {
    const report = await reviewTree(
      {
        "train.py": py(
          "from sklearn.preprocessing import StandardScaler",
          "from sklearn.model_selection import train_test_split",
          "",
          "scaler = StandardScaler()",
          "X_scaled = scaler.fit_transform(X)",
          "X_train, X_test, y_train, y_test = train_test_split(X_scaled, y, random_state=0)",
        ),
      },
      [preprocessingBeforeSplit],
    );
    expect(report.findings.map((f) => [f.ruleId, f.file, f.line, f.level])).toEqual([
      [RULE, "train.py", 5, "essential"],
    ]);
    expect(report.findings[0]!.message).toBe(
      "`scaler.fit_transform` learns from every row before `train_test_split` on line 6 splits them, so the test rows leak into the preprocessing.",
    );
  });

  it("fires on a vectorizer, an inline transformer, SMOTE and cross_val_score on leaked rows", async () => {
    const report = await reviewTree(
      {
        "text.py": py(
          "from sklearn.feature_extraction.text import TfidfVectorizer",
          "vec = TfidfVectorizer(max_features=5000)",
          "X = vec.fit_transform(df['text'])",
          "features = X.toarray()",
          "a, b, c, d = train_test_split(features, df['label'], test_size=0.2, random_state=1)",
        ),
        "inline.py": py(
          "from sklearn.decomposition import PCA",
          "X_train, X_test = train_test_split(PCA(n_components=5).fit_transform(X), random_state=1)",
        ),
        "smote.py": py(
          "from imblearn.over_sampling import SMOTE",
          "X_res, y_res = SMOTE(random_state=0).fit_resample(X, y)",
          "X_train, X_test, y_train, y_test = train_test_split(X_res, y_res, random_state=0)",
        ),
        "cv.py": py(
          "from sklearn.preprocessing import MinMaxScaler",
          "X = MinMaxScaler().fit_transform(X)",
          "scores = cross_val_score(LogisticRegression(), X, y, cv=5)",
        ),
      },
      [preprocessingBeforeSplit],
    );
    expect(report.findings.map((f) => [f.file, f.line])).toEqual([
      ["cv.py", 2],
      ["inline.py", 2],
      ["smote.py", 2],
      ["text.py", 3],
    ]);
    expect(report.findings[0]!.message).toContain("before `cross_val_score` on line 3");
  });

  it("fires on a fit on all rows whose transformer later transforms the training split", async () => {
    const report = await reviewTree(
      {
        "train.py": py(
          "imputer = SimpleImputer(strategy='mean')",
          "imputer.fit(df)",
          "train, test = train_test_split(df, random_state=0)",
          "train = imputer.transform(train)",
        ),
      },
      [preprocessingBeforeSplit],
    );
    expect(report.findings.map((f) => [f.file, f.line])).toEqual([["train.py", 2]]);
  });

  it("fires across notebook cells, in cell order, and names the cell", async () => {
    const notebook = jupyterJson({
      cells: [
        { cell_type: "code", source: "from sklearn.preprocessing import StandardScaler", outputs: [] },
        {
          cell_type: "code",
          source: ["scaler = StandardScaler()\n", "df[cols] = scaler.fit_transform(df[cols])"],
          outputs: [],
        },
        { cell_type: "markdown", source: "## Split" },
        { cell_type: "code", source: "train, test = train_test_split(df, random_state=42)", outputs: [] },
      ],
    });
    const report = await reviewTree({ "explore.ipynb": notebook }, [preprocessingBeforeSplit]);
    expect(report.findings.map((f) => [f.ruleId, f.file, f.line])).toEqual([
      [RULE, "explore.ipynb", ipynbLine(notebook, "df[cols] = scaler.fit_transform(df[cols])")],
    ]);
    expect(report.findings[0]!.assistantPrompt).toContain("cell 2, line 2");
  });

  it("stays quiet when the transformer is fitted on the training split, or lives in a Pipeline", async () => {
    const report = await reviewTree(
      {
        "train.py": py(
          "scaler = StandardScaler()",
          "X_train, X_test, y_train, y_test = train_test_split(X, y, random_state=0)",
          "X_train = scaler.fit_transform(X_train)",
          "X_test = scaler.transform(X_test)",
          "X_tr, X_val, y_tr, y_val = train_test_split(X_train, y_train, random_state=0)",
          "pipe = make_pipeline(StandardScaler(), LogisticRegression())",
          "scores = cross_val_score(pipe, X, y, cv=5)",
          "pipe.fit(X, y)",
        ),
      },
      [preprocessingBeforeSplit],
    );
    expect(report.findings).toEqual([]);
  });

  it("stays quiet on near misses: a PCA only for a plot, labels encoded, rows rebound, another function", async () => {
    const report = await reviewTree(
      {
        "plot.py": py(
          "pca = PCA(n_components=2)",
          "X_2d = pca.fit_transform(X)",
          "plt.scatter(X_2d[:, 0], X_2d[:, 1])",
          "X_train, X_test, y_train, y_test = train_test_split(X, y, random_state=0)",
        ),
        "labels.py": py(
          "le = LabelEncoder()",
          "y = le.fit_transform(y)",
          "X_train, X_test, y_train, y_test = train_test_split(X, y, random_state=0)",
        ),
        "rebound.py": py(
          "X = StandardScaler().fit_transform(X)",
          "X = raw_frame.values",
          "X_train, X_test = train_test_split(X, random_state=0)",
        ),
        "functions.py": py(
          "scaler = StandardScaler()",
          "def prepare(X):",
          "    return scaler.fit_transform(X)",
          "",
          "def split(X, y):",
          "    return train_test_split(X, y, random_state=0)",
        ),
        "late.py": py(
          "X_train, X_test = train_test_split(X, random_state=0)",
          "final_scaler = StandardScaler().fit(X)  # refit on everything for production",
        ),
      },
      [preprocessingBeforeSplit],
    );
    expect(report.findings).toEqual([]);
  });
});
