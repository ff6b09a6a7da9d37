// data/absolute-path: a path to one person's machine written into the code.
import { stripComment } from "../../lib/python-text.js";
import type { FileDetector, RawFinding } from "../../types.js";

// A string literal that starts with a home or drive folder: works on one laptop only.
// Windows paths come with backslashes (`C:\\Users\\me`, r"C:\Users\me") or forward slashes (`C:/Users/me`).
const ABSOLUTE =
  /(["'])(\/Users\/[^"'\s/]+|\/home\/[^"'\s/]+|[A-Za-z]:(\\\\?|\/)Users(\\\\?|\/)[^"'\\/]+|\/content\/drive|\/mnt\/[a-z]\/Users)[^"']*\1/;

export const absolutePath: FileDetector = {
  scope: "file",
  languages: ["python", "javascript", "typescript"],
  prefilter: /\/Users\/|\/home\/|:\\\\?Users|\/content\/drive|\/mnt\//,
  meta: {
    id: "data/absolute-path",
    area: "data",
    level: "actionable",
    title: "A file path points into one person's computer",
    why: "A path like `/Users/you/data.csv` exists only on your machine, so the project breaks for anyone else, in CI, and on a server. Data locations belong in a path relative to the project, or in configuration.",
    tryThis:
      "Put the data under a `data/` folder of the project and build the path from the script's location (`Path(__file__).parent / 'data' / 'file.csv'`), or read it from an environment variable.",
    learnMore: ["https://docs.python.org/3/library/pathlib.html"],
    example: {
      language: "python",
      file: "train.py",
      bad: 'df = pd.read_csv("/Users/maya/projects/bot/data/questions.csv")',
      good: 'DATA = Path(__file__).parent / "data"\ndf = pd.read_csv(DATA / "questions.csv")',
    },
    goal: "Make the project run from a fresh clone on another machine: no absolute paths, data paths relative or configured",
  },
  check(file) {
    const found: RawFinding[] = [];
    file.lines.forEach((line, i) => {
      const trimmed = line.trimStart();
      if (trimmed.startsWith("#") || trimmed.startsWith("//")) return;
      if (ABSOLUTE.test(file.language === "python" ? stripComment(line) : line)) {
        found.push({ file: file.path, line: i + 1, message: "This path only exists on one computer." });
      }
    });
    return found;
  },
};
