import { describe, expect, it } from "vitest";
import { snapshotOf } from "../testing/memory-fs.js";
import { LLM_LIBRARIES, RepoView } from "./repo-view.js";

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
});
