import { describe, expect, it } from "vitest";
import { reviewTree } from "../../../testing/memory-fs.js";
import { ipynbLine, jupyterJson } from "../../../testing/notebook.js";
import { agentShellTool } from "./agent-shell-tool.js";

const RULE = "security/agent-shell-tool";
type Report = Awaited<ReturnType<typeof reviewTree>>;
const where = (report: Report) => report.findings.map((f) => [f.ruleId, f.file, f.line]);

describe("security/agent-shell-tool", () => {
  it("fires on a @tool that runs the model's command in a shell, at the def, and names the tool", async () => {
    const report = await reviewTree(
      {
        "agent.py": [
          "import subprocess",
          "from langchain_core.tools import tool",
          "from langgraph.prebuilt import create_react_agent",
          "",
          "@tool",
          "def run_shell(command: str) -> str:",
          '    """Run a shell command and return its output."""',
          "    result = subprocess.run(command, shell=True, capture_output=True, text=True)",
          "    return result.stdout",
          "",
          "agent = create_react_agent(llm, [run_shell])",
        ].join("\n"),
      },
      [agentShellTool],
    );
    expect(where(report)).toEqual([[RULE, "agent.py", 6]]);
    expect(report.findings[0]!.endLine).toBe(8);
    expect(report.findings[0]!.message).toBe(
      "The agent tool `run_shell` runs shell commands the model writes, and nothing asks before it runs.",
    );
    expect(report.findings[0]!.level).toBe("essential");
  });

  it("fires on tools passed by name (a dispatch table, tools=[...]) and model-written SQL, not on eval (model-output-to-exec)", async () => {
    const report = await reviewTree(
      {
        "tools.py": [
          "import os, sqlite3, subprocess",
          "from openai import OpenAI",
          "from langchain.agents import Tool",
          "from langchain_core.tools import tool",
          "",
          "def run_command(cmd):",
          "    return os.popen(cmd).read()",
          "",
          "def run_sql(query):",
          "    conn = sqlite3.connect('shop.db')",
          "    return conn.execute(query).fetchall()",
          "",
          "def run_python(code):",
          "    exec(code)",
          "",
          "@tool",
          "def query_db(query: str) -> str:",
          '    """Run a SQL query."""',
          "    return db.run(query)",
          "",
          'AVAILABLE = {"run_command": run_command}',
          "agent = build_agent(tools=[run_sql])",
          "python_tool = Tool(name='python', func=run_python, description='Run Python')",
          "def git(args):",
          "    return subprocess.check_output(f'git {args}', shell=True)",
          "git_tool = Tool(name='git', func=git, description='Run git')",
        ].join("\n"),
      },
      [agentShellTool],
    );
    expect(report.findings.map((f) => [f.line, f.message])).toEqual([
      [
        6,
        "The agent tool `run_command` runs shell commands the model writes, and nothing asks before it runs.",
      ],
      [
        9,
        "The agent tool `run_sql` runs SQL the model writes on the database, and nothing asks before it runs.",
      ],
      [
        17,
        "The agent tool `query_db` runs SQL the model writes on the database, and nothing asks before it runs.",
      ],
      [24, "The agent tool `git` runs shell commands the model writes, and nothing asks before it runs."],
    ]);
  });

  it("fires on LangChain's shell and Python REPL tools, in a notebook too", async () => {
    const notebook = jupyterJson({
      cells: [
        { cell_type: "code", source: "from langchain_community.tools import ShellTool", outputs: [] },
        {
          cell_type: "code",
          source: [
            "from langchain.agents import load_tools\n",
            "tools = load_tools(['terminal', 'llm-math'], llm=llm)",
          ],
          outputs: [],
        },
        { cell_type: "code", source: "shell = ShellTool()", outputs: [] },
      ],
    });
    const report = await reviewTree({ "agent.ipynb": notebook }, [agentShellTool]);
    expect(where(report)).toEqual([
      [RULE, "agent.ipynb", ipynbLine(notebook, "tools = load_tools(['terminal', 'llm-math'], llm=llm)")],
      [RULE, "agent.ipynb", ipynbLine(notebook, "shell = ShellTool()")],
    ]);
    expect(report.findings[1]!.message).toBe(
      "In cell 3, line 1: `ShellTool` gives the agent a tool that runs shell commands the model writes, and nothing asks before it runs.",
    );
  });

  it("fires on a PythonREPL wrapped as a tool", async () => {
    const report = await reviewTree(
      {
        "tools/python_repl.py": [
          "from langchain.agents import Tool",
          "from langchain_experimental.utilities import PythonREPL",
          "python_repl = PythonREPL()",
          "repl_tool = Tool(name='python_repl', description='A Python shell.', func=python_repl.run)",
        ].join("\n"),
      },
      [agentShellTool],
    );
    expect(report.findings.map((f) => [f.file, f.line, f.message])).toEqual([
      [
        "tools/python_repl.py",
        3,
        "`PythonREPL` gives the agent a tool that runs Python the model writes, and nothing asks before it runs.",
      ],
    ]);
  });

  it("fires on an AI SDK tool whose execute runs the command with child_process", async () => {
    const report = await reviewTree(
      {
        "src/tools.ts": [
          'import { tool } from "ai";',
          'import { z } from "zod";',
          'import { execSync } from "node:child_process";',
          "export const shell = tool({",
          '  description: "Run a shell command",',
          "  inputSchema: z.object({ command: z.string() }),",
          "  execute: async ({ command }) => execSync(command).toString(),",
          "});",
        ].join("\n"),
      },
      [agentShellTool],
    );
    expect(where(report)).toEqual([[RULE, "src/tools.ts", 7]]);
  });

  it("stays quiet on tools that ask first, allow-list commands, or run a fixed command", async () => {
    const report = await reviewTree(
      {
        "agent.py": [
          "import subprocess",
          "from langchain_core.tools import tool",
          "ALLOWED_COMMANDS = {'ls', 'pwd'}",
          "",
          "@tool",
          "def run_shell(command: str) -> str:",
          '    """Run a shell command after the user agrees."""',
          "    if input(f'Run {command}? [y/N] ') != 'y':",
          "        return 'cancelled'",
          "    return subprocess.run(command, shell=True, capture_output=True, text=True).stdout",
          "",
          "@tool",
          "def safe_shell(command: str) -> str:",
          '    """Run one of a few commands."""',
          "    if command.split()[0] not in ALLOWED_COMMANDS:",
          "        return 'not allowed'",
          "    return subprocess.run(command.split(), capture_output=True, text=True).stdout",
          "",
          "@tool",
          "def git_log(n: int) -> str:",
          '    """Show the last n commits."""',
          "    return subprocess.run(['git', 'log', '-n', str(n)], capture_output=True, text=True).stdout",
          "",
          "def cleanup(path):",
          "    subprocess.run(path, shell=True)",
        ].join("\n"),
      },
      [agentShellTool],
    );
    expect(report.findings).toEqual([]);
  });

  it("stays quiet when the agent pauses for a human before tools, and on files that build no agent", async () => {
    const report = await reviewTree(
      {
        "agent.py": [
          "import subprocess",
          "from langchain_core.tools import tool",
          "@tool",
          "def run_shell(command: str) -> str:",
          '    """Run a shell command."""',
          "    return subprocess.run(command, shell=True).stdout",
        ].join("\n"),
        "graph.py": [
          "from langgraph.prebuilt import create_react_agent",
          "from agent import run_shell",
          "app = create_react_agent(llm, [run_shell], interrupt_before=['tools'])",
        ].join("\n"),
      },
      [agentShellTool],
    );
    expect(report.findings).toEqual([]);

    const plain = await reviewTree(
      {
        "deploy.py": [
          "import subprocess",
          "def tool(command):",
          "    return subprocess.run(command, shell=True)",
          "TOOLS = {'tool': tool}",
        ].join("\n"),
      },
      [agentShellTool],
    );
    expect(plain.findings).toEqual([]);
  });
});
