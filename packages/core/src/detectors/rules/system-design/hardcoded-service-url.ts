// system-design/hardcoded-service-url: the address of a local server or database written into a client's constructor.
import { ancestor, calls, keywordArguments, lineOf, positionalArguments } from "../../../parse/syntax.js";
import type { Node } from "../../../parse/tree-sitter.js";
import { bindings, hasInterpolation, stringContent } from "../../lib/llm-code.js";
import { isTestPath } from "../../repo-view.js";
import type { FileDetector, RawFinding } from "../../types.js";

/** Settings that say where a service lives. */
const ADDRESS_KEYS = new Set([
  "base_url",
  "baseURL",
  "baseUrl",
  "api_base",
  "apiBase",
  "openai_api_base",
  "azure_endpoint",
  "endpoint",
  "url",
  "uri",
  "host",
  "location",
  "path",
  "connection_string",
  "connectionString",
  "database_url",
  "dsn",
]);
/** Clients whose first argument is the address. */
const POSITIONAL_CLIENT =
  /(^|\.)(create_engine|create_async_engine|MongoClient|AsyncIOMotorClient|from_url|fromUrl|QdrantClient|Elasticsearch|AsyncElasticsearch|Client|AsyncClient|connect)$/;
/** Servers bind to an address (`app.run(host="0.0.0.0")`): that is not a client's setting. */
const SERVER = /(^|\.)(run|serve|listen|launch|run_server|Server|Config|uvicorn\.run)$/;
/** Database and broker URLs, wherever they point; HTTP URLs only when they point at this machine or a private network. */
const DATABASE_URL =
  /^(postgres(ql)?(\+\w+)?|mysql(\+\w+)?|mariadb(\+\w+)?|mongodb(\+srv)?|rediss?|amqps?|neo4j|bolt):\/\/[^\s]+$/i;
const LOCAL_HTTP =
  /^https?:\/\/(localhost|127\.0\.0\.1|0\.0\.0\.0|host\.docker\.internal|\[::1\]|10\.\d+\.\d+\.\d+|192\.168\.\d+\.\d+|172\.(1[6-9]|2\d|3[01])\.\d+\.\d+)(:\d+)?(\/[^\s]*)?$/i;
/** Names of module-level settings that hold an address. */
const SETTING_NAME = /url|uri|dsn|host|endpoint|base|server|database|db|conn|addr/i;
/** A local or private server's address, or a database URL. */
const ADDRESS_TEXT =
  /:\/\/(localhost|127\.0\.0\.1|0\.0\.0\.0|host\.docker\.internal|\[::1\]|10\.|192\.168\.|172\.)|(postgres|mysql|mariadb|mongodb|redis|amqp|neo4j|bolt)\w*(\+\w+)?:\/\//i;
/** `user:password@` in a URL is a secret: the security rules report it, and it is never quoted here. */
const CREDENTIALS = /:\/\/[^/@\s]*:[^/@\s]*@/;

export const hardcodedServiceUrl: FileDetector = {
  scope: "file",
  languages: ["python", "javascript", "typescript"],
  prefilter: ADDRESS_TEXT,
  appliesToPath: (path) => !isTestPath(path) && !path.endsWith(".ipynb"),
  meta: {
    id: "system-design/hardcoded-service-url",
    area: "system-design",
    level: "informative",
    title: "A server or database address is written into the code",
    why: "Where the model server, vector database or database lives changes between your laptop, a teammate's machine, CI and a deployment. An address written into the code works only on the machine it was written on; read from the environment with a sensible default, the same code runs everywhere, and a change of server is a change of setting, not of code.",
    tryThis:
      "Read the address from the environment with the current value as the default (`os.getenv('OLLAMA_BASE_URL', 'http://localhost:11434/v1')` or `process.env.OLLAMA_BASE_URL ?? ...`), list the variable in `.env.example`, and run the app once with it pointing somewhere else.",
    learnMore: ["https://12factor.net/config", "https://pypi.org/project/python-dotenv/"],
    example: {
      language: "python",
      file: "bot.py",
      bad: 'client = OpenAI(base_url="http://localhost:11434/v1", api_key="ollama")',
      good: 'client = OpenAI(\n    base_url=os.getenv("LLM_BASE_URL", "http://localhost:11434/v1"),\n    api_key=os.getenv("LLM_API_KEY", "ollama"),\n)',
    },
    goal: "Read every server, database and model endpoint address from the environment, with the variables listed in .env.example",
  },
  check(file, { syntax }) {
    const tree = syntax();
    if (!tree) return [];
    const found: RawFinding[] = [];
    for (const { node, name } of calls(tree)) {
      if (SERVER.test(name)) continue;
      const kwargs = keywordArguments(node);
      if (!kwargs) continue;
      const candidates: [string | null, Node][] = [...kwargs].filter(([key]) => ADDRESS_KEYS.has(key));
      const first = positionalArguments(node)[0];
      if (first && POSITIONAL_CLIENT.test(name)) candidates.push([null, first]);
      for (const [key, value] of candidates) {
        const url = address(value);
        if (!url) continue;
        const shown = key === null ? `"${url}"` : `${key}${tree.grammar === "python" ? "=" : ": "}"${url}"`;
        found.push({
          file: file.path,
          line: lineOf(value),
          message: `\`${shown}\` is written into the \`${name.split(".").pop()}\` call instead of read from the environment.`,
        });
        break;
      }
    }
    // `DB_URL = "postgresql://localhost:5432/app"` at the top of a module (not a settings class default).
    for (const binding of bindings(tree)) {
      if (binding.scope !== null || !SETTING_NAME.test(binding.name)) continue;
      if (ancestor(binding.value, ["class_definition", "class_declaration", "class_body"])) continue;
      const url = address(binding.value);
      if (!url) continue;
      found.push({
        file: file.path,
        line: lineOf(binding.value),
        message: `\`${binding.name} = "${url}"\` is written into the code instead of read from the environment.`,
      });
    }
    return found;
  },
};

/** The URL a plain string literal holds, when it is a service address to move into config. */
function address(value: Node): string | null {
  if (hasInterpolation(value)) return null;
  const text = stringContent(value);
  if (text === null || CREDENTIALS.test(text)) return null;
  return DATABASE_URL.test(text) || LOCAL_HTTP.test(text) ? text : null;
}
