// system-design/unlimited-public-llm-endpoint: a web route that calls a model for anyone, with any input, any number of times.
import { calls, keywordArguments, lineOf, positionalArguments } from "../../../parse/syntax.js";
import type { Node } from "../../../parse/tree-sitter.js";
import {
  bindings,
  isModelCall,
  modelCallers,
  seesWholeRepo,
  stringContent,
  within,
} from "../../lib/llm-code.js";
import { perRepo } from "../../lib/memo.js";
import { importedModelFunctions } from "../../lib/model-imports.js";
import { outsideTests, type RepoView } from "../../repo-view.js";
import type { FileDetector, RawFinding } from "../../types.js";

const PY_ROUTE = /^([\w.]+)\.(get|post|put|patch|delete|route|api_route|websocket)$/;
const JS_ROUTE = /^(app|router|server|api|routes?)\.(get|post|put|patch|delete|all)$/;
const NOT_A_SERVER = /^(requests|httpx|session|client|mock|pytest|aiohttp|urllib)$/;
const NEXT_ROUTE = /(^|\/)app\/(.*\/)?route\.[cm]?[jt]sx?$/;
const HTTP_METHODS = /^(GET|POST|PUT|PATCH|DELETE)$/;

/** A declared limit on the request's size, anywhere in the repo (pydantic, zod, body parser). */
const DECLARED_CAP =
  /max_length\s*=|\bconstr\(|StringConstraints|\.max\(\s*\d|\bmaxLength\b|(express|bodyParser)\.(json|text|urlencoded)\(\s*\{[^}]*\blimit\b|MAX_CONTENT_LENGTH/;
/** A check or a cut of the input inside the handler. */
const HANDLER_CAP =
  /\blen\([^()]*(\([^()]*\))?[^()]*\)\s*[<>]|\[\s*:\s*[\w.]+\s*\]|\.length\s*[<>]|\.slice\(\s*0\s*,|\.substring\(\s*0\s*,|\bMAX_\w*(CHARS|LENGTH|LEN|INPUT|WORDS)\b|\bcount_tokens|\btiktoken/i;
/** Rate limiting or authentication set up anywhere in the repo: the route is not open to everyone without limit. */
const GUARDED =
  /slowapi|flask_limiter|flask-limiter|fastapi_limiter|fastapi-limiter|express-rate-limit|rate-limiter-flexible|@upstash\/ratelimit|express-slow-down|@fastify\/rate-limit|rate[_-]?limit(?!\w*error)|throttl|HTTPBearer|OAuth2PasswordBearer|APIKeyHeader|APIKeyQuery|get_current_user|verify_api_key|verify_token|login_required|jwt_required|requires_auth|passport|next-auth|getServerSession|@clerk|clerkMiddleware|supabase\.auth|firebase-admin|\breq\.user\b|(req|request)\.headers(\.get\(|\[|\.)\s*["']?(authorization|x-api-key)/i;
const GUARD_FILE =
  /\.(py|ipynb|[cm]?[jt]sx?)$|(^|\/)(requirements[^/]*\.txt|pyproject\.toml|package\.json|Pipfile)$/;

function guarded(repo: RepoView): boolean {
  return repo.files.some(
    (f) => GUARD_FILE.test(f.path) && (GUARDED.test(f.text) || DECLARED_CAP.test(f.text)),
  );
}

interface Handler {
  fn: Node;
  line: number;
  label: string;
}

export const unlimitedPublicLlmEndpoint: FileDetector = {
  scope: "file",
  languages: ["python", "javascript", "typescript"],
  prefilter:
    /@\w+\.(get|post|put|patch|delete|route|api_route|websocket)\(|\.(get|post|put|patch|delete|all)\(\s*["'`]\/|export\s+(async\s+)?function\s+(GET|POST|PUT|PATCH|DELETE)\b/,
  appliesToPath: outsideTests,
  // A limiter or a login set up anywhere in the repo counts, so the rule needs to see all of it (not in PR mode).
  applies: (repo) => seesWholeRepo(repo),
  meta: {
    id: "system-design/unlimited-public-llm-endpoint",
    area: "system-design",
    level: "actionable",
    title: "A web endpoint calls a model with no limit on input size or request rate",
    why: "Every request to this route spends tokens on your API key. Without a cap on the input, one request can send a whole book; without a rate limit or a login, one script can send thousands of requests. Public LLM endpoints get found and abused, and the bill arrives at the end of the month.",
    tryThis:
      "Cap the input (`text: str = Field(max_length=4000)` in the request model, or `z.string().max(4000)`), add a per-client rate limit (slowapi for FastAPI, flask-limiter, express-rate-limit), and send 20 quick requests to see the limit answer 429.",
    learnMore: [
      "https://genai.owasp.org/llmrisk/llm102025-unbounded-consumption/",
      "https://slowapi.readthedocs.io/en/latest/",
    ],
    example: {
      language: "python",
      file: "main.py",
      bad: 'class Question(BaseModel):\n    text: str\n\n@app.post("/ask")\ndef ask(q: Question):\n    return answer(q.text)',
      good: 'limiter = Limiter(key_func=get_remote_address)\n\nclass Question(BaseModel):\n    text: str = Field(max_length=2000)\n\n@app.post("/ask")\n@limiter.limit("10/minute")\ndef ask(request: Request, q: Question):\n    return answer(q.text)',
    },
    goal: "Give every endpoint that calls a model an input size cap and a per-client rate limit, and test that both answer with an error",
  },
  check(file, { repo, syntax }) {
    const tree = syntax();
    if (!tree) return [];
    const allCalls = calls(tree);
    const local = modelCallers(tree.root, allCalls, bindings(tree));
    const imported = importedModelFunctions(file, repo);
    const found: RawFinding[] = [];
    for (const handler of handlers(tree.root, file.path, tree.grammar === "python")) {
      if (HANDLER_CAP.test(handler.fn.text)) continue;
      const callsModel = allCalls.some(({ node, name }) => {
        if (!within(node, handler.fn)) return false;
        const bare = name.replace(/^(self|this)\./, "");
        return isModelCall(name, node) || local.has(bare) || imported.has(bare);
      });
      if (!callsModel) continue;
      found.push({
        file: file.path,
        line: handler.line,
        message: `\`${handler.label}\` calls a model with no cap on input length and no rate limit, so anyone who can reach it spends your API credits.`,
      });
    }
    // A limiter, a login or a declared input cap anywhere in the repo guards every route: looked for (once per
    // repo) only when a route would be reported, since it means reading every file.
    if (found.length === 0 || perRepo(repo, "unlimited-endpoint:guarded", () => guarded(repo))) return [];
    return found;
  },
};

/** Route handlers: FastAPI/Flask decorators, Express `app.post("/x", handler)`, Next.js `export async function POST`. */
function handlers(root: Node, path: string, python: boolean): Handler[] {
  const out: Handler[] = [];
  if (python) {
    for (const decorated of root.descendantsOfType("decorated_definition")) {
      const fn = decorated?.childForFieldName("definition");
      if (!decorated || !fn) continue;
      const decorators = decorated.namedChildren.filter((c): c is Node => c?.type === "decorator");
      // Any further decorator may be a login or a limit (`@login_required`, `@limiter.limit`): say nothing.
      const routes = decorators.filter((d) => {
        const call = d.namedChildren[0];
        const m =
          call?.type === "call" ? PY_ROUTE.exec(call.childForFieldName("function")?.text ?? "") : null;
        return m !== null && !NOT_A_SERVER.test(m[1]!.split(".")[0]!);
      });
      if (routes.length !== 1 || decorators.length !== 1) continue;
      // A FastAPI dependency or header parameter often checks a key or a user.
      if (/Depends\(|Security\(|Header\(/.test(fn.childForFieldName("parameters")?.text ?? "")) continue;
      const call = routes[0]!.namedChildren[0]!;
      const method = PY_ROUTE.exec(call.childForFieldName("function")!.text)![2]!;
      const route = positionalArguments(call)[0];
      const methods = keywordArguments(call)?.get("methods");
      const verb =
        method === "route" || method === "api_route"
          ? (/["'](POST|PUT|PATCH|DELETE)["']/i.exec(methods?.text ?? "")?.[1]?.toUpperCase() ?? "GET")
          : method.toUpperCase();
      out.push({
        fn,
        line: lineOf(decorated),
        label: `${verb} ${route ? (stringContent(route) ?? route.text) : ""}`.trim(),
      });
    }
    return out;
  }
  for (const call of root.descendantsOfType("call_expression")) {
    const name = call?.childForFieldName("function")?.text ?? "";
    const m = JS_ROUTE.exec(name);
    if (!call || !m) continue;
    const args = positionalArguments(call);
    const route = args[0] ? stringContent(args[0]) : null;
    const fn = args[args.length - 1];
    // Middleware between the path and the handler may be a limit or a login check: say nothing.
    if (route === null || !route.startsWith("/") || args.length !== 2 || !fn) continue;
    if (!/arrow_function|function_expression|function/.test(fn.type)) continue;
    out.push({ fn, line: lineOf(call), label: `${m[2]!.toUpperCase()} ${route}` });
  }
  if (NEXT_ROUTE.test(path)) {
    const route = `/${path.replace(/^(.*\/)?app\//, "").replace(/\/?route\.[cm]?[jt]sx?$/, "")}`;
    for (const fn of root.descendantsOfType("function_declaration")) {
      const verb = fn?.childForFieldName("name")?.text ?? "";
      if (!fn || !HTTP_METHODS.test(verb) || fn.parent?.type !== "export_statement") continue;
      out.push({ fn, line: lineOf(fn), label: `${verb} ${route}` });
    }
  }
  return out;
}
