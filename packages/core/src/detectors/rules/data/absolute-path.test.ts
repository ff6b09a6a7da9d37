import { describe, expect, it } from "vitest";
import { reviewTree } from "../../../testing/memory-fs.js";
import { ipynbLine, jupyterJson } from "../../../testing/notebook.js";
import { absolutePath } from "./absolute-path.js";

const where = (report: Awaited<ReturnType<typeof reviewTree>>) =>
  report.findings.map((f) => [f.ruleId, f.file, f.line]);

describe("data/absolute-path", () => {
  it("fires on home, Windows (either slash), Colab Drive and WSL paths, one finding per line", async () => {
    const report = await reviewTree(
      {
        "load.py": [
          "import pandas as pd",
          'df = pd.read_csv("/Users/ana/Downloads/train.csv")',
          "model_dir = '/home/ana/models'",
          'raw = open("C:\\\\Users\\\\ana\\\\data.csv")',
          'win = pd.read_csv("C:/Users/ana/Desktop/data.csv")',
          'raw_win = r"D:\\Users\\ana\\x.csv"',
          'drive = "/content/drive/MyDrive/data.csv"',
          'wsl = "/mnt/c/Users/ana/data.csv"',
        ].join("\n"),
      },
      [absolutePath],
    );
    expect(where(report)).toEqual(
      [2, 3, 4, 5, 6, 7, 8].map((line) => ["data/absolute-path", "load.py", line]),
    );
    expect(report.findings[0]!.message).toBe("This path only exists on one computer.");
  });

  it("fires in JavaScript and TypeScript too", async () => {
    const report = await reviewTree(
      {
        "web/load.ts": 'const data = readFileSync("/Users/ana/data.json", "utf8");\n',
        "web/old.js": "const p = '/home/ana/p.json';\n",
      },
      [absolutePath],
    );
    expect(where(report)).toEqual([
      ["data/absolute-path", "web/load.ts", 1],
      ["data/absolute-path", "web/old.js", 1],
    ]);
  });

  it("fires in a notebook cell and names the cell", async () => {
    const notebook = jupyterJson({
      cells: [
        { cell_type: "markdown", source: "# Explore" },
        { cell_type: "code", source: ["import pandas as pd"], execution_count: 1, outputs: [] },
        {
          cell_type: "code",
          source: ["x = 1\n", "df = pd.read_csv('/Users/ana/data.csv')"],
          execution_count: 2,
          outputs: [],
        },
      ],
    });
    const report = await reviewTree({ "explore.ipynb": notebook }, [absolutePath]);
    expect(where(report)).toEqual([
      ["data/absolute-path", "explore.ipynb", ipynbLine(notebook, "df = pd.read_csv('/Users/ana/data.csv')")],
    ]);
    expect(report.findings[0]!.assistantPrompt).toContain("cell 3, line 2");
  });

  it("stays quiet on relative, configured and system paths, URLs, comments and unquoted text", async () => {
    const report = await reviewTree(
      {
        "load.py": [
          "from pathlib import Path",
          "import os",
          "# df = pd.read_csv('/Users/ana/Downloads/train.csv')",
          "df = pd.read_csv(DATA)  # was '/Users/ana/Downloads/train.csv'",
          'DATA = Path(__file__).parent / "data" / "train.csv"',
          'other = os.environ.get("DATA_DIR", "data")',
          'url = "https://example.com/Users/42/profile"',
          'tmp = "/tmp/cache.json"',
          'etc = "/etc/hosts"',
          "print('saved under the home folder of each user')",
          "notes = 'see /Users/ for macOS'",
        ].join("\n"),
        "web/load.ts": [
          '// readFileSync("/Users/ana/data.json")',
          'const data = readFileSync(new URL("./data.json", import.meta.url));',
        ].join("\n"),
        "README.md": 'Put the data in `/Users/you/data.csv`, e.g. "/Users/ana/data.csv".\n',
        "config.yaml": 'data: "/Users/ana/data.csv"\n',
      },
      [absolutePath],
    );
    expect(report.findings).toEqual([]);
  });
});
