// security/hardcoded-secret: an API key or credential written into a file (or a notebook's output) of the repo.
import { cellOf } from "../../../snapshot/notebook-cells.js";
import { scanForSecrets } from "../../lib/secret-scan.js";
import type { FileDetector, RawFinding } from "../../types.js";

export const hardcodedSecret: FileDetector = {
  scope: "file",
  languages: ["python", "javascript", "typescript", "markdown", "text"],
  meta: {
    id: "security/hardcoded-secret",
    area: "security",
    level: "essential",
    title: "A secret (API key, token, password) is written into the repository",
    why: "Anything committed to git stays in its history, and bots scan public repositories for keys within minutes: a leaked model key can run up a large bill. Secrets belong in environment variables or a secret store, never in code, notebooks or their outputs.",
    tryThis:
      "Revoke this key at the provider now (deleting the line does not remove it from git history), create a new one, and load it with `os.environ['...']` from a `.env` file that `.gitignore` lists.",
    learnMore: [
      "https://genai.owasp.org/llmrisk/llm022025-sensitive-information-disclosure/",
      "https://platform.openai.com/docs/guides/production-best-practices#api-keys",
    ],
    sensitive: true,
    example: {
      language: "python",
      file: "bot.py",
      bad: 'client = OpenAI(api_key="sk-...your key...")',
      good: "# .env (listed in .gitignore): OPENAI_API_KEY=...\nload_dotenv()\nclient = OpenAI()  # reads OPENAI_API_KEY from the environment",
    },
    goal: "Keep every secret out of git: revoke the leaked key, load keys from the environment, and list .env in .gitignore",
  },
  async check(file) {
    const found: RawFinding[] = [];
    for (const hit of await scanForSecrets(file, file.path)) {
      const cell = file.notebook ? cellOf(file.notebook.cells, hit.line) : null;
      // `sensitive` in meta keeps the pipeline from quoting this line: the secret itself.
      found.push({
        file: file.path,
        line: hit.line,
        message: cell
          ? `${aOrAn(hit.kind)} ${hit.kind} is written in cell ${cell.cell} (line ${cell.line}).`
          : `${aOrAn(hit.kind)} ${hit.kind} is written in this file.`,
      });
    }
    for (const cell of file.notebook?.cells ?? []) {
      for (const hit of await scanForSecrets(cell.outputText, file.path)) {
        found.push({
          file: file.path,
          line: null,
          message: `${aOrAn(hit.kind)} ${hit.kind} appears in the output of cell ${cell.index}.`,
        });
      }
    }
    return found;
  },
};

const aOrAn = (kind: string): string => (/^[aeiou]/i.test(kind) ? "An" : "A");
