import { describe, expect, it, vi } from "vitest";
import { snapshotOf } from "../testing/memory-fs.js";
import { LLM_LIBRARIES, moduleList, RepoView } from "./repo-view.js";

describe("RepoView.fileImports", () => {
  it("matches a module, its submodules and a package's subpaths, never a longer name that starts the same", async () => {
    const repo = new RepoView(
      await snapshotOf({
        "a.py": "import openai\n",
        "b.py": "from google.genai import types\n",
        "c.ts": 'import { ChatOpenAI } from "@langchain/openai/chat";\n',
        "d.js": 'const { OpenAI } = require("langchain/llms/openai");\n',
        "e.py": "import openaix\nfrom googlex import genai\nfrom . import google\n",
        "f.ts": 'import { x } from "./openai";\nimport "aix";\n',
      }),
    );
    const imports = (path: string) => repo.fileImports(repo.file(path)!, LLM_LIBRARIES);
    expect(["a.py", "b.py", "c.ts", "d.js"].map(imports)).toEqual([true, true, true, true]);
    expect(["e.py", "f.ts"].map(imports)).toEqual([false, false]);
    // The same answers with a list made on the spot.
    expect(repo.fileImports(repo.file("b.py")!, ["google.genai"])).toBe(true);
    expect(repo.fileImports(repo.file("b.py")!, ["google.generativeai"])).toBe(false);
  });

  it("gives the same answers through a module list's gate as without it, short names included", async () => {
    const texts: Record<string, string> = {
      "a.py": "import ai\n",
      "b.py": "import os,ai\n",
      "c.py": "from\tai.x import y\n",
      "d.ts": 'import { generateText } from "ai";\n',
      "e.js": "const { x } = require('ai/rsc');\n",
      "f.py": "def main():\n    raise SystemExit('again')\n",
      "g.py": "import mcp.server\nimport Koa\n",
      "h.ts": 'import Koa from "koa";\nimport "OpenAI";\n',
      "i.py": "import OPENAI\n",
    };
    const repo = new RepoView(await snapshotOf(texts));
    const lists = [LLM_LIBRARIES, moduleList(["mcp", "koa"]), moduleList(["openai"]), moduleList(["OpenAI"])];
    for (const list of lists) {
      const gated = Object.keys(texts).map((path) => repo.fileImports(repo.file(path)!, list));
      // A copy is a list made on the spot: no gate, every file's imports read.
      const read = Object.keys(texts).map((path) => repo.fileImports(repo.file(path)!, [...list]));
      expect(gated).toEqual(read);
    }
    expect(Object.keys(texts).map((path) => repo.fileImports(repo.file(path)!, LLM_LIBRARIES))).toEqual([
      true,
      true,
      true,
      true,
      true,
      false,
      false,
      false,
      false,
    ]);
  });

  it("does not read the imports of a file that holds none of a list's names", async () => {
    const repo = new RepoView(
      await snapshotOf({ "main.py": "import os\n\ndef main():\n    raise SystemExit('again')\n" }),
    );
    const read = vi.spyOn(repo, "importsOf");
    expect(repo.fileImports(repo.file("main.py")!, LLM_LIBRARIES)).toBe(false);
    expect(read).not.toHaveBeenCalled();
    expect(repo.fileImports(repo.file("main.py")!, [...LLM_LIBRARIES])).toBe(false);
    expect(read).toHaveBeenCalledTimes(1);
  });
});
