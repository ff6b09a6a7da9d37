// security/agent-shell-tool: an LLM agent is given a tool that runs shell commands, code or SQL the model writes,
// and nothing asks a person before it runs.
import { calls, lineOf, positionalArguments } from "../../../parse/syntax.js";
import type { Node } from "../../../parse/tree-sitter.js";
import {
  AGENT_LIBRARIES,
  DANGEROUS_TOOL,
  DANGEROUS_TOOL_NAMES,
  FRAMEWORK_PARAMS,
  hasRepoGuard,
  LOCAL_GUARD,
  unguardedTools,
} from "../../lib/agent-tools.js";
import { type Sink, type SinkKind, sinksIn } from "../../lib/code-sinks.js";
import { stringContent } from "../../lib/llm-code.js";
import { scopeOf, ValueFlow } from "../../lib/value-flow.js";
import { outsideTests } from "../../repo-view.js";
import type { FileDetector, RawFinding } from "../../types.js";

const WHAT: Partial<Record<SinkKind, string>> = {
  shell: "runs shell commands the model writes",
  sql: "runs SQL the model writes on the database",
};

export const agentShellTool: FileDetector = {
  scope: "file",
  languages: ["python", "javascript", "typescript"],
  appliesToPath: outsideTests,
  prefilter:
    /tool|Tool|tools|ShellTool|PythonREPL|create_\w+_agent|SQLDatabaseToolkit|load_tools|registerTool|execute/,
  meta: {
    id: "security/agent-shell-tool",
    area: "security",
    level: "essential",
    title: "An agent can run shell commands, Python or SQL with no one approving",
    why: "An agent picks its own tool calls, and prompt injection (a web page, a document, a user message) can choose them for it. A tool that runs any command, any code or any SQL the model writes gives that text full control of the machine or the database. Limit what a tool can do, and ask a person before anything that changes state.",
    tryThis:
      "Replace the open-ended tool with narrow ones (e.g. `list_files(folder)` instead of `run_shell(command)`), or keep it and ask for confirmation before it runs (`input(f'Run {command}? [y/N] ')`, or your framework's human-in-the-loop option); then test it with a prompt that asks the agent to delete a file.",
    learnMore: [
      "https://genai.owasp.org/llmrisk/llm062025-excessive-agency/",
      "https://python.langchain.com/docs/security/",
    ],
    example: {
      language: "python",
      file: "agent.py",
      bad: '@tool\ndef run_shell(command: str) -> str:\n    """Run a shell command."""\n    return subprocess.run(command, shell=True, capture_output=True, text=True).stdout',
      good: '@tool\ndef list_files(folder: str) -> list[str]:\n    """List the files in a folder of the workspace."""\n    root = WORKSPACE / folder\n    if not root.resolve().is_relative_to(WORKSPACE):\n        raise ValueError("outside the workspace")\n    return sorted(p.name for p in root.iterdir())',
    },
    goal: "Give every agent tool the least power it needs: no open shell, code or SQL tools, and a confirmation step before any tool that changes files or data",
  },
  applies: (repo) => repo.imports(AGENT_LIBRARIES),
  check(file, { repo, syntax }) {
    if (!repo.fileImports(file, AGENT_LIBRARIES) || hasRepoGuard(repo)) return [];
    const tree = syntax();
    if (!tree) return [];
    const found: RawFinding[] = [];

    for (const { node, name } of calls(tree)) {
      if (!DANGEROUS_TOOL.test(name) && !isShellToolList(node, name)) continue;
      const short = name.split(".").pop() ?? name;
      if (/sql/i.test(short) && LOCAL_GUARD.test(file.text)) continue;
      if (/pandas|csv/.test(short) && !/allow_dangerous_code\s*=\s*True/.test(node.text)) continue;
      const what = /sql/i.test(short)
        ? "runs SQL the model writes on the database"
        : /python|pandas|csv/i.test(short)
          ? "runs Python the model writes"
          : "runs shell commands the model writes";
      found.push({
        file: file.path,
        line: lineOf(node),
        message: `\`${short}\` gives the agent a tool that ${what}, and nothing asks before it runs.`,
      });
    }

    const tools = unguardedTools(tree, repo);
    if (tools.size > 0) {
      // A tool that evals the model's text is the model-output-to-exec finding; this rule is about the agent's
      // reach: shells and databases.
      const sinks = sinksIn(tree, file.text).filter((s) => s.kind === "shell" || s.kind === "sql");
      for (const { fn, name } of tools.values()) {
        const hit = sinks.find((s) => scopeOf(s.at).id === fn.id && fromParameters(fn, s));
        if (!hit) continue;
        found.push({
          file: file.path,
          line: lineOf(fn),
          endLine: lineOf(hit.at),
          message: `The agent tool \`${name}\` ${WHAT[hit.kind]}, and nothing asks before it runs.`,
        });
      }
    }
    return found.sort((a, b) => (a.line ?? 0) - (b.line ?? 0));
  },
};

/** `load_tools(["terminal", ...])`: LangChain's shell tool by name. */
function isShellToolList(node: Node, name: string): boolean {
  if (!/(^|\.)load_tools$/.test(name)) return false;
  const list = positionalArguments(node)[0];
  return (
    list?.type === "list" &&
    list.namedChildren.some((item) => item !== null && DANGEROUS_TOOL_NAMES.has(stringContent(item) ?? ""))
  );
}

/** Whether the sink's argument comes from the tool's parameters (which the model fills in). */
function fromParameters(fn: Node, sink: Sink): boolean {
  const flow = new ValueFlow(fn, {
    isSource: () => false,
    isSourceParameter: (name) => !FRAMEWORK_PARAMS.test(name),
    carries: (name) => /^(shlex\.split|text|sqlalchemy\.text)$/.test(name),
  });
  return flow.sourceOf(sink.argument) !== null;
}
