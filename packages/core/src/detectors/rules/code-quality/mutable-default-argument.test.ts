import { describe, expect, it } from "vitest";
import { reviewTree } from "../../../testing/memory-fs.js";
import { ipynbLine, jupyterJson } from "../../../testing/notebook.js";
import { mutableDefaultArgument } from "./mutable-default-argument.js";

const RULE = "code-quality/mutable-default-argument";
const py = (...lines: string[]) => lines.join("\n");

describe("code-quality/mutable-default-argument", () => {
  it("fires on a list default the function appends to, at the parameter", async () => {
    const report = await reviewTree(
      {
        "chat.py": py(
          "def ask(question,",
          "        history=[]):",
          "    history.append({'role': 'user', 'content': question})",
          "    return llm(history)",
        ),
      },
      [mutableDefaultArgument],
    );
    expect(report.findings.map((f) => [f.ruleId, f.file, f.line, f.level])).toEqual([
      [RULE, "chat.py", 2, "actionable"],
    ]);
    expect(report.findings[0]!.message).toBe(
      "`history=[]` is created once, when the function is defined, and `history.append(...)` on line 3 changes that one shared object on every call.",
    );
  });

  it("fires on dict and set defaults that are written, stored, returned or grown in place", async () => {
    const report = await reviewTree(
      {
        "cache.py": py(
          "def cached(key, cache={}):",
          "    cache[key] = compute(key)",
          "class Store:",
          "    def __init__(self, items: list = list()):",
          "        self.items = items",
          "def seen(x, found=set()):",
          "    return found",
          "def grow(x, acc=[]):",
          "    acc += [x]",
          "def counts(words, c=defaultdict(int)):",
          "    def bump(w):",
          "        c.update([w])",
          "    for w in words: bump(w)",
        ),
      },
      [mutableDefaultArgument],
    );
    expect(report.findings.map((f) => [f.line, f.message.split(" on line")[0]])).toEqual([
      [1, "`cache={}` is created once, when the function is defined, and `cache[key] = ...`"],
      [4, "`items=list()` is created once, when the function is defined, and `self.items = items`"],
      [6, "`found=set()` is created once, when the function is defined, and `return found`"],
      [8, "`acc=[]` is created once, when the function is defined, and `acc += ...`"],
      [10, "`c=defaultdict(int)` is created once, when the function is defined, and `c.update(...)`"],
    ]);
  });

  it("fires in a notebook cell and names the cell", async () => {
    const notebook = jupyterJson({
      cells: [
        { cell_type: "code", source: "import openai", outputs: [] },
        {
          cell_type: "code",
          source: ["def remember(msg, memory=[]):\n", "    memory.append(msg)"],
          outputs: [],
        },
      ],
    });
    const report = await reviewTree({ "bot.ipynb": notebook }, [mutableDefaultArgument]);
    expect(report.findings.map((f) => [f.file, f.line])).toEqual([
      ["bot.ipynb", ipynbLine(notebook, "def remember(msg, memory=[]):")],
    ]);
    expect(report.findings[0]!.assistantPrompt).toContain("cell 2, line 1");
  });

  it("stays quiet when the default is only read, copied first, or None", async () => {
    const report = await reviewTree(
      {
        "ok.py": py(
          "def show(cols=['a', 'b']):",
          "    for c in cols:",
          "        print(c)",
          "def merged(opts={}):",
          "    return {**DEFAULTS, **opts}",
          "def safe(history=[]):",
          "    history = list(history)",
          "    history.append(1)",
          "    return history",
          "def none(history=None):",
          "    if history is None:",
          "        history = []",
          "    history.append(1)",
          "def shadow(items=[]):",
          "    return [f(items) for f in (lambda items: items.append(1),)]",
          "def frozen(names=(), limit=10, label='x'):",
          "    names.count('a')",
          "x = {}",
          "x['a'] = []",
        ),
      },
      [mutableDefaultArgument],
    );
    expect(report.findings).toEqual([]);
  });
});
