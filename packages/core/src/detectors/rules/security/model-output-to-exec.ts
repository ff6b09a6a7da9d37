// security/model-output-to-exec: a model's reply reaches eval/exec, a shell, SQL, raw HTML or a server template.
import { callName, lineOf } from "../../../parse/syntax.js";
import type { Node } from "../../../parse/tree-sitter.js";
import { AGENT_LIBRARIES, FRAMEWORK_PARAMS, unguardedTools } from "../../lib/agent-tools.js";
import { type SinkKind, sinksIn } from "../../lib/code-sinks.js";
import { repoFlow } from "../../lib/repo-flow.js";
import { isModelReply } from "../../lib/taint-sources.js";
import { patternNames, scopeOf, ValueFlow } from "../../lib/value-flow.js";
import { outsideTests } from "../../repo-view.js";
import type { FileDetector, RawFinding } from "../../types.js";

/** Helpers learners write to pull the code or SQL out of a reply: their result is still the model's text. */
const EXTRACTOR =
  /(^|\.)(extract|parse|get|clean|strip)_?\w*(code|sql|query|command|cmd|script|block|fences?)$/i;
const CARRIES =
  /^(marked|marked\.parse|markdown|markdown\.markdown|md\.render|text|sqlalchemy\.text|shlex\.split)$/;
/** A SQL path that only reads (a SELECT check, a read-only connection, a SQL parser) is a guard: say nothing. */
const READ_ONLY_GUARD =
  /startswith\(\s*\(?\s*["'](select|with)|startsWith\(\s*["'](select|with)|sqlglot|mode=ro\b|read_?only|readonly|query_only|\bis_select/i;

/** Markdown renderers: their HTML keeps any `<script>` or `onerror=` the markdown carried. */
const MARKDOWN_TO_HTML =
  /^(marked|marked\.parse|marked\.marked|snarkdown|micromark|converter\.makeHtml|\w*(md|markdown|markdownIt|mdParser)\w*\.render)$/i;
const SANITIZED = /DOMPurify|sanitize|xss|escapeHtml|escape_html/i;
/** A page that gets its text from a server (the model's reply, in an LLM app). */
const FETCHES = /\bfetch\s*\(|\baxios\b|\bEventSource\b|\bWebSocket\b|\buseChat\b/;

const CONSEQUENCE: Record<SinkKind, string> = {
  code: "so text the model writes runs as code",
  shell: "so the model chooses the command that runs",
  sql: "so the model can change or delete data",
  html: "so a reply with a script in it runs in the user's browser",
  template: "so a reply can run code on the server",
};

export const modelOutputToExec: FileDetector = {
  scope: "file",
  languages: ["python", "javascript", "typescript"],
  appliesToPath: outsideTests,
  prefilter:
    /\b(eval|exec|compile|system|popen|getoutput|subprocess|execute|executescript|sql|query|innerHTML|outerHTML|dangerouslySetInnerHTML|insertAdjacentHTML|write|unsafe_allow_html|html|Markup|render_template_string|from_string|Function|vm|execSync|spawn|execa|raw|unsafe)\b/,
  meta: {
    id: "security/model-output-to-exec",
    area: "security",
    level: "essential",
    title: "A model's reply is run as code, a shell command, SQL or HTML",
    why: "A model's reply is untrusted text: a user, or a document the model read, can steer it with prompt injection. Handed to `eval`, a shell, a SQL query or a page's HTML, that text gets all the power of your program: it can delete files, read keys or change data. OWASP lists this as improper output handling.",
    tryThis:
      "Have the model choose from a fixed set of actions instead of writing code: parse its reply into a schema (an enum of allowed actions with typed arguments) and map each action to a function you wrote. For SQL, run it on a read-only connection; for HTML, escape the reply or sanitize it with an allow-list.",
    learnMore: [
      "https://genai.owasp.org/llmrisk/llm052025-improper-output-handling/",
      "https://cheatsheetseries.owasp.org/cheatsheets/LLM_Prompt_Injection_Prevention_Cheat_Sheet.html",
    ],
    example: {
      language: "python",
      file: "agent.py",
      bad: "code = response.choices[0].message.content\nexec(code)",
      good: 'class Action(BaseModel):\n    name: Literal["search", "summarize"]\n    query: str\n\naction = Action.model_validate_json(response.choices[0].message.content)\nresult = HANDLERS[action.name](action.query)  # only functions you wrote',
    },
    goal: "Keep every model reply away from eval, shells, SQL and raw HTML: map replies to an allow-list of actions, and add a test that feeds in a malicious reply",
  },
  applies: (repo) => repo.usesLlm(),
  async check(file, { repo, syntax }) {
    const tree = syntax();
    if (!tree) return [];
    const sinks = sinksIn(tree, file.text);
    if (sinks.length === 0) return [];
    // Python functions elsewhere that return a reply, and parameters that callers fill with one.
    const across = tree.grammar === "python" ? await repoFlow(repo) : null;
    const tools = repo.fileImports(file, AGENT_LIBRARIES) ? unguardedTools(tree, repo) : new Map();
    const lastName = (n: Node) => (callName(n) ?? "").replace(/\(\)/g, "").split(".").pop() ?? "";

    const flows = new Map<number, ValueFlow>();
    const flowFor = (node: Node): ValueFlow => {
      const scope = scopeOf(node);
      let flow = flows.get(scope.id);
      if (!flow) {
        const fnName = scope.childForFieldName("name")?.text ?? "";
        const isTool = tools.has(scope.id);
        flow = new ValueFlow(scope, {
          isSource: (n) =>
            isModelReply(n) || (n.type === "call" && (across?.modelFunctions.has(lastName(n)) ?? false)),
          // A tool's arguments are written by the model; so are parameters a caller fills with a reply.
          isSourceParameter: (name) =>
            (isTool && !FRAMEWORK_PARAMS.test(name)) || (across?.modelParams(fnName).has(name) ?? false),
          carries: (name) => CARRIES.test(name) || EXTRACTOR.test(name),
        });
        flows.set(scope.id, flow);
      }
      return flow;
    };
    const found: RawFinding[] = [];
    const reported = new Set<number>();
    // A browser page of an LLM app that fetches text and renders it as markdown straight into the page.
    const chatPage = tree.grammar !== "python" && FETCHES.test(file.text) && !SANITIZED.test(file.text);
    for (const sink of sinks) {
      if (reported.has(sink.at.id)) continue;
      const source = flowFor(sink.argument).sourceOf(sink.argument);
      if (!source && chatPage && sink.kind === "html" && rendersMarkdown(sink.argument)) {
        reported.add(sink.at.id);
        found.push({
          file: file.path,
          line: lineOf(sink.at),
          message: `Fetched text is rendered from markdown into ${sink.label} with no sanitizer; in a chat page that text is the model's reply, so a reply with a script in it runs in the user's browser.`,
        });
        continue;
      }
      if (!source) continue;
      if (sink.kind === "sql" && READ_ONLY_GUARD.test(scopeOf(sink.at).text)) continue;
      reported.add(sink.at.id);
      found.push({
        file: file.path,
        line: lineOf(sink.at),
        message: `${subject(source, tools.has(scopeOf(source).id))} reaches ${sink.label} here, ${CONSEQUENCE[sink.kind]}.`,
      });
    }
    return found;
  },
};

/** `marked.parse(text)`: markdown from a variable turned into HTML. */
function rendersMarkdown(node: Node): boolean {
  if (node.type !== "call_expression") return false;
  const arg = node.childForFieldName("arguments")?.namedChildren[0];
  return (
    MARKDOWN_TO_HTML.test(callName(node) ?? "") && arg !== undefined && arg !== null && arg.type !== "string"
  );
}

/** How to name what reached the sink: the reply itself, or the parameter it came in through. */
function subject(source: Node, inTool: boolean): string {
  if (source.type.endsWith("parameter") || source.type === "identifier") {
    const name = patternNames(source)[0]?.text ?? source.text;
    return inTool ? `The model's tool argument \`${name}\`` : `The model's reply, passed in as \`${name}\`,`;
  }
  return "The model's reply";
}
