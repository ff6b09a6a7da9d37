import { describe, expect, it } from "vitest";
import { reviewTree } from "../../../testing/memory-fs.js";
import { missingDependencyManifest } from "./missing-dependency-manifest.js";

const RULE = "reproducibility/missing-dependency-manifest";

describe("reproducibility/missing-dependency-manifest", () => {
  it("fires once for a Python project whose third-party imports no file lists, naming them", async () => {
    const report = await reviewTree(
      {
        "bot.py":
          "import os, json\nimport openai\nfrom chromadb.config import Settings\nfrom utils import chunk\n",
        "utils.py": "import re\nimport tiktoken\n",
        "README.md": "pip install openai chromadb\n",
      },
      [missingDependencyManifest],
    );
    expect(report.findings.map((f) => [f.ruleId, f.file, f.line, f.level])).toEqual([
      [RULE, null, null, "actionable"],
    ]);
    expect(report.findings[0]!.message).toBe(
      "Python code imports openai, chromadb, tiktoken but no requirements.txt or pyproject.toml lists them.",
    );
  });

  it("fires for notebooks and TypeScript in one finding", async () => {
    const notebook = JSON.stringify({
      cells: [
        {
          cell_type: "code",
          source: "import pandas as pd\nimport numpy as np\nimport sklearn\nimport torch",
          outputs: [],
        },
      ],
    });
    const report = await reviewTree(
      {
        "explore.ipynb": notebook,
        "web/index.ts":
          'import OpenAI from "openai";\nimport { z } from "zod";\nimport fs from "node:fs";\nimport { x } from "./x";\n',
      },
      [missingDependencyManifest],
    );
    expect(report.findings.map((f) => f.message)).toEqual([
      "Python code imports pandas, numpy, sklearn and 1 more but no requirements.txt or pyproject.toml lists them; JavaScript/TypeScript code imports openai, zod but there is no package.json.",
    ]);
  });

  it("stays quiet when a manifest exists anywhere in the repo", async () => {
    for (const manifest of [
      "requirements.txt",
      "backend/requirements-dev.txt",
      "requirements/base.txt",
      "pyproject.toml",
      "setup.py",
      "Pipfile",
      "environment.yml",
    ]) {
      const report = await reviewTree({ "bot.py": "import openai\n", [manifest]: "" }, [
        missingDependencyManifest,
      ]);
      expect(report.findings, manifest).toEqual([]);
    }
    const js = await reviewTree(
      { "app/package.json": "{}", "app/src/index.ts": 'import OpenAI from "openai";\n' },
      [missingDependencyManifest],
    );
    expect(js.findings).toEqual([]);
  });

  it("stays quiet on the standard library, local modules and static scripts", async () => {
    const report = await reviewTree(
      {
        "scripts/count.py":
          "import csv, collections\nfrom pathlib import Path\nfrom __future__ import annotations\n",
        "app/main.py": "from app.models import User\nimport helpers\nfrom . import views\n",
        "app/models.py": "from dataclasses import dataclass\n",
        "helpers.py": "import os\nfrom IPython.display import display\n",
        "static/app.js":
          'import { render } from "./render.js";\nimport confetti from "https://cdn.skypack.dev/canvas-confetti";\nconst fs = require("fs");\n',
      },
      [missingDependencyManifest],
    );
    expect(report.findings).toEqual([]);
  });

  it("stays quiet on a page whose import map serves the packages from a CDN", async () => {
    const report = await reviewTree(
      {
        "index.html":
          '<script type="importmap">{ "imports": { "three": "https://unpkg.com/three" } }</script>',
        "main.js": 'import * as THREE from "three";\n',
      },
      [missingDependencyManifest],
    );
    expect(report.findings).toEqual([]);
  });

  it.each([
    ["a notebook that pip-installs its packages", "%pip install pandas==2.2.2\nimport pandas as pd"],
    ["a PEP 723 script", "# /// script\n# dependencies = ['httpx']\n# ///\nimport httpx\n"],
  ])("stays quiet on %s", async (_, code) => {
    const notebook = JSON.stringify({ cells: [{ cell_type: "code", source: code, outputs: [] }] });
    const report = await reviewTree({ "work.ipynb": notebook }, [missingDependencyManifest]);
    expect(report.findings).toEqual([]);
  });
});
