// Places where text becomes an action: code run by eval/exec, a shell command, a SQL statement, HTML put on a
// page, a server-side template. The security rules ask whether untrusted text reaches one of these.
import { calls, keywordArguments, positionalArguments, type Syntax } from "../../parse/syntax.js";
import type { Node } from "../../parse/tree-sitter.js";
import { stringContent } from "./llm-code.js";

export type SinkKind = "code" | "shell" | "sql" | "html" | "template";

export interface Sink {
  kind: SinkKind;
  /** The node the sink sits on (the call, the assignment, the JSX attribute): its line is reported. */
  at: Node;
  /** The argument whose text is run or rendered. */
  argument: Node;
  /** How to name the sink to a person, e.g. "`eval`" or "`subprocess.run(..., shell=True)`". */
  label: string;
}

const PY_CODE = new Set(["eval", "exec", "compile", "builtins.eval", "builtins.exec"]);
const PY_SHELL_STRING = new Set([
  "os.system",
  "os.popen",
  "subprocess.getoutput",
  "subprocess.getstatusoutput",
  "commands.getoutput",
  "asyncio.create_subprocess_shell",
]);
const PY_SUBPROCESS = /^(subprocess|sp)\.(run|call|check_call|check_output|Popen)$/;
const PY_SQL =
  /(^|\.)(cur|cursor|c|conn|connection|con|db|database|session|engine|sqlite_conn|db_conn|connect\(\)|cursor\(\))\.(execute|executescript|executemany|sql|query)$|^duckdb\.(sql|query|execute)$|(^|\.)(db|database|sql_db)\.run$/i;
const PY_HTML_FLAGGED = /^(st|streamlit)\.(markdown|write|caption)$/;
const PY_HTML =
  /^((st|streamlit)\.components\.v1\.html|components\.html|components\.v1\.html|Markup|markupsafe\.Markup)$/;
const PY_TEMPLATE =
  /^(render_template_string|flask\.render_template_string|jinja2\.Template|jinja2\.Environment\(\)\.from_string|\w*env\w*\.from_string)$/i;
/** Interpreters that run their `-c` argument as code. */
const INTERPRETERS = /^(bash|sh|zsh|python3?|node|powershell|pwsh|cmd(\.exe)?)$/;

const JS_CODE = /^(eval|Function|vm\.runInNewContext|vm\.runInThisContext|vm\.runInContext|vm\.Script)$/;
const JS_SHELL_MEMBER = /^(child_process|childProcess|cp)\.(exec|execSync)$/;
const JS_SHELL_BARE = new Set(["exec", "execSync"]);
const JS_PROGRAM =
  /^((child_process|childProcess|cp)\.)?(spawn|spawnSync|execFile|execFileSync)$|^(execa|execaSync|execaCommand|execaCommandSync)$/;
const JS_SQL =
  /(^|\.)(db|database|conn|connection|pool|sql|knex|prisma|sequelize|pg|mysql|sqlite|tx|trx)\.(query|execute|exec|raw|unsafe|\$queryRawUnsafe|\$executeRawUnsafe|prepare)$/i;

const truthy = (node: Node | undefined): boolean => node !== undefined && /^(True|true)$/.test(node.text);

/** Whether a file imports Node's child_process, so a bare `exec(...)` is a shell call and not a regex. */
const importsChildProcess = (text: string): boolean => /["'](node:)?child_process["']/.test(text);

/**
 * The argument of a subprocess call that names what runs: the command string under `shell=True`; otherwise the
 * program (first item of a list), the code after `-c` of an interpreter, or a whole command list built elsewhere.
 */
function commandArguments(call: Node, shell: boolean): Node[] {
  const kw = keywordArguments(call);
  const first = positionalArguments(call)[0] ?? kw?.get("args") ?? kw?.get("command");
  if (!first) return [];
  if (shell) return [first];
  if (first.type !== "list" && first.type !== "array" && first.type !== "tuple") return [first];
  const items = first.namedChildren.filter((c): c is Node => c !== null && c.type !== "comment");
  const program = items[0];
  if (!program) return [];
  const name = stringContent(program);
  if (name !== null && INTERPRETERS.test(name.split("/").pop() ?? "")) {
    const flag = items.findIndex((i) => /^(-c|\/c|-e|-Command)$/.test(stringContent(i) ?? ""));
    return flag === -1 ? [] : items.slice(flag + 1);
  }
  return [program];
}

/** Every sink in the file, Python or JavaScript/TypeScript. */
export function sinksIn(syntax: Syntax, fileText: string): Sink[] {
  return syntax.grammar === "python" ? pythonSinks(syntax) : scriptSinks(syntax, fileText);
}

function pythonSinks(syntax: Syntax): Sink[] {
  const out: Sink[] = [];
  for (const { node, name } of calls(syntax)) {
    const args = positionalArguments(node);
    const kw = keywordArguments(node);
    const first = args[0];
    if (PY_CODE.has(name) && first)
      out.push({ kind: "code", at: node, argument: first, label: `\`${name}\`` });
    else if (PY_SHELL_STRING.has(name) && first)
      out.push({ kind: "shell", at: node, argument: first, label: `\`${name}\`` });
    else if (PY_SUBPROCESS.test(name)) {
      const shell = truthy(kw?.get("shell"));
      for (const argument of commandArguments(node, shell)) {
        out.push({
          kind: "shell",
          at: node,
          argument,
          label: shell ? `\`${name}(..., shell=True)\`` : `\`${name}\``,
        });
      }
    } else if (PY_SQL.test(name) && first)
      out.push({ kind: "sql", at: node, argument: first, label: `\`${name}\`` });
    else if (PY_HTML_FLAGGED.test(name) && first && truthy(kw?.get("unsafe_allow_html")))
      out.push({
        kind: "html",
        at: node,
        argument: first,
        label: `\`${name}(..., unsafe_allow_html=True)\``,
      });
    else if (PY_HTML.test(name) && first)
      out.push({ kind: "html", at: node, argument: first, label: `\`${name}\`` });
    else if (PY_TEMPLATE.test(name) && first)
      out.push({ kind: "template", at: node, argument: first, label: `\`${name}\`` });
  }
  return out;
}

function scriptSinks(syntax: Syntax, fileText: string): Sink[] {
  const out: Sink[] = [];
  const childProcess = importsChildProcess(fileText);
  for (const { node, name } of calls(syntax)) {
    const args = positionalArguments(node);
    const first = args[0];
    if (!first) continue;
    if (JS_CODE.test(name)) {
      // `new Function("a", "b", body)`: the last argument is the code.
      out.push({ kind: "code", at: node, argument: args[args.length - 1]!, label: `\`${name}\`` });
    } else if (JS_SHELL_MEMBER.test(name) || (childProcess && JS_SHELL_BARE.has(name))) {
      out.push({ kind: "shell", at: node, argument: first, label: `\`${name}\`` });
    } else if (JS_PROGRAM.test(name) && (childProcess || name.startsWith("execa"))) {
      const shell = truthy(keywordArguments(node)?.get("shell"));
      out.push({
        kind: "shell",
        at: node,
        argument: first,
        label: `\`${name}\`${shell ? " with `shell: true`" : ""}`,
      });
    } else if (JS_SQL.test(name)) {
      out.push({ kind: "sql", at: node, argument: first, label: `\`${name}\`` });
    } else if (/^document\.(write|writeln)$/.test(name)) {
      out.push({ kind: "html", at: node, argument: first, label: `\`${name}\`` });
    } else if (/\.insertAdjacentHTML$/.test(name) && args[1]) {
      out.push({ kind: "html", at: node, argument: args[1], label: "`insertAdjacentHTML`" });
    }
  }
  for (const capture of syntax.captures("(assignment_expression) @a")) {
    const left = capture.node.childForFieldName("left");
    const right = capture.node.childForFieldName("right");
    const property =
      left?.type === "member_expression" ? left.childForFieldName("property")?.text : undefined;
    if (right && (property === "innerHTML" || property === "outerHTML"))
      out.push({ kind: "html", at: capture.node, argument: right, label: `\`${property}\`` });
  }
  if (syntax.grammar !== "typescript") {
    for (const capture of syntax.captures("(jsx_attribute) @a")) {
      const attr = capture.node;
      if (attr.namedChildren[0]?.text !== "dangerouslySetInnerHTML") continue;
      for (const pair of attr.descendantsOfType("pair")) {
        const value = pair?.childForFieldName("value");
        if (pair && value && pair.childForFieldName("key")?.text.replace(/["']/g, "") === "__html")
          out.push({ kind: "html", at: attr, argument: value, label: "`dangerouslySetInnerHTML`" });
      }
    }
  }
  return out;
}
