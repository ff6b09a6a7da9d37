// security/secrets-from-environment (strength): API keys come from the environment and .env stays out of git.
import { isEnvFilePath } from "../../lib/dotenv-files.js";
import { literalGate } from "../../lib/needles.js";
import type { RepoDetector } from "../../types.js";

const FROM_ENV =
  /(os\.environ\s*(\[|\.get\()|os\.getenv\(|process\.env\.|process\.env\[)\s*["']?[A-Z0-9_]*(API_KEY|TOKEN|SECRET)/;
// `os.environ["OPENAI_API_KEY"] = "sk-..."` writes the key in code (a notebook habit): that is not reading it.
const SETS_ENV = /(os\.environ\s*\[[^\]]*\]|process\.env(\.\w+|\[[^\]]*\]))\s*=(?!=)/;
const ENV_GATE = literalGate(FROM_ENV);

export const secretsFromEnvironment: RepoDetector = {
  scope: "repo",
  meta: {
    id: "security/secrets-from-environment",
    area: "security",
    level: "celebratory",
    title: "API keys are read from the environment, not written in code",
    why: "Reading keys from the environment keeps them out of git history and lets each machine (yours, CI, a server) bring its own. It is the habit that prevents the most expensive beginner mistake.",
    tryThis:
      "Add a `.env.example` listing every variable the project needs (names only, no values) so others know what to set.",
    learnMore: ["https://12factor.net/config"],
    example: {
      language: "python",
      file: "config.py",
      bad: 'OPENAI_API_KEY = "sk-..."',
      good: 'OPENAI_API_KEY = os.environ["OPENAI_API_KEY"]',
    },
    goal: "Document every environment variable the project needs in a .env.example",
  },
  reads: (path) => path === ".gitignore" || isEnvFilePath(path),
  check(repo) {
    const envCommitted = repo.paths.some(isEnvFilePath);
    if (envCommitted) return [];
    for (const file of repo.files) {
      if (file.language === "markdown" || file.language === "text" || !ENV_GATE.test(file)) continue;
      const index = file.lines.findIndex((l) => FROM_ENV.test(l) && !SETS_ENV.test(l));
      if (index !== -1) {
        return [
          {
            file: file.path,
            line: index + 1,
            message: `API keys are read from the environment (${file.path}).`,
          },
        ];
      }
    }
    return [];
  },
};
