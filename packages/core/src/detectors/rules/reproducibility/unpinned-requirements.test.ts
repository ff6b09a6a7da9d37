import { describe, expect, it } from "vitest";
import { reviewTree } from "../../../testing/memory-fs.js";
import { ipynbLine, jupyterJson } from "../../../testing/notebook.js";
import { unpinnedRequirements } from "./unpinned-requirements.js";

const RULE = "reproducibility/unpinned-requirements";

describe("reproducibility/unpinned-requirements", () => {
  it("fires once per file, from the first to the last unpinned line, and names the packages", async () => {
    const report = await reviewTree(
      {
        "requirements.txt": [
          "# core",
          "openai",
          "numpy==1.26.4",
          "scikit-learn>=1.3",
          "",
          "python-dotenv~=1.0  # loads .env",
          "pandas==2.2.2",
        ].join("\n"),
      },
      [unpinnedRequirements],
    );
    expect(report.findings.map((f) => [f.ruleId, f.file, f.line, f.endLine])).toEqual([
      [RULE, "requirements.txt", 2, 6],
    ]);
    expect(report.findings[0]!.message).toBe(
      "3 of the dependencies in requirements.txt have no exact version: openai, scikit-learn, python-dotenv.",
    );
  });

  it("lists the first four names and counts the rest", async () => {
    const report = await reviewTree(
      { "requirements-dev.txt": "pytest\nruff\nmypy\nblack\nipykernel\njupyter\n" },
      [unpinnedRequirements],
    );
    expect(report.findings.map((f) => [f.file, f.line, f.endLine])).toEqual([["requirements-dev.txt", 1, 6]]);
    expect(report.findings[0]!.message).toContain("6 of the dependencies");
    expect(report.findings[0]!.message).toContain(": pytest, ruff, mypy, black and 2 more.");
  });

  it("fires on a comment that only looks like a pin, extras and environment markers", async () => {
    const report = await reviewTree(
      {
        "app/requirements.txt": [
          "torch  # ==2.1.0 once it works",
          "uvicorn[standard]==0.30.1",
          "langchain[openai]",
          'tomli; python_version < "3.11"',
          'numpy==1.26.4; python_version >= "3.9"',
        ].join("\n"),
      },
      [unpinnedRequirements],
    );
    expect(report.findings.map((f) => [f.file, f.line, f.endLine])).toEqual([["app/requirements.txt", 1, 4]]);
    expect(report.findings[0]!.message).toContain(": torch, langchain, tomli.");
  });

  it("stays quiet on a fully pinned file with includes, options, comments, URLs and hashes", async () => {
    const report = await reviewTree(
      {
        "requirements.txt": [
          "# Pinned with pip freeze on 2024-05-01",
          "-r requirements-base.txt",
          "--index-url https://download.pytorch.org/whl/cpu",
          "-e .",
          "",
          "openai==1.30.1",
          "numpy == 1.26.4",
          "torch===2.3.0+cpu",
          "tiktoken==0.7.0 \\",
          "    --hash=sha256:abc123",
          "git+https://github.com/openai/whisper.git@v20231117#egg=whisper",
          "mypkg @ https://example.com/mypkg-1.0.tar.gz",
          "./libs/local_pkg",
          "https://example.com/wheel-1.0-py3-none-any.whl",
        ].join("\n"),
        "requirements-base.txt": "requests==2.32.3\n",
      },
      [unpinnedRequirements],
    );
    expect(report.findings).toEqual([]);
  });

  it("leaves a file alone whose versions come from a constraints file", async () => {
    const report = await reviewTree(
      {
        "requirements.txt": "-c constraints.txt\nopenai\nnumpy\n",
        "constraints.txt": "openai==1.30.1\nnumpy==1.26.4\n",
      },
      [unpinnedRequirements],
    );
    expect(report.findings).toEqual([]);
  });

  it("reads only requirements files", async () => {
    const report = await reviewTree(
      { "notes.txt": "openai\nnumpy\n", "docs/deps.md": "openai\n", "requirements/README": "openai\n" },
      [unpinnedRequirements],
    );
    expect(report.findings).toEqual([]);
  });

  it("leaves a pip-tools requirements.in alone when its compiled requirements.txt is there", async () => {
    const compiled = await reviewTree(
      { "requirements.in": "openai\nnumpy>=1.26\n", "requirements.txt": "openai==1.30.1\nnumpy==1.26.4\n" },
      [unpinnedRequirements],
    );
    expect(compiled.findings).toEqual([]);

    const alone = await reviewTree({ "requirements.in": "openai\n" }, [unpinnedRequirements]);
    expect(alone.findings.map((f) => [f.ruleId, f.file, f.line])).toEqual([[RULE, "requirements.in", 1]]);
  });
  it("fires on a notebook's unpinned `pip install` cell when no requirements file exists (held-out corpus)", async () => {
    const notebook = jupyterJson({
      cells: [
        { cell_type: "code", source: "!pip install torch torchvision huggingface_hub", outputs: [] },
        {
          cell_type: "code",
          source: "%pip install -q pandas==2.2.2 scikit-learn\nimport torch",
          outputs: [],
        },
      ],
    });
    const report = await reviewTree({ "train.ipynb": notebook }, [unpinnedRequirements]);
    expect(report.findings.map((f) => [f.ruleId, f.file, f.line, f.endLine])).toEqual([
      [
        RULE,
        "train.ipynb",
        ipynbLine(notebook, "!pip install torch"),
        ipynbLine(notebook, "%pip install -q pandas"),
      ],
    ]);
    expect(report.findings[0]!.message).toBe(
      "In cells 1-2: The notebook installs torch, torchvision, huggingface_hub, scikit-learn with `pip install` and no exact version, and no requirements file pins them.",
    );
  });

  it("stays quiet on notebook installs that are pinned, from a file, or in a project with a manifest, and on .py comments", async () => {
    const cell = (source: string) => JSON.stringify({ cells: [{ cell_type: "code", source, outputs: [] }] });
    const quiet: Record<string, string>[] = [
      { "a.ipynb": cell("%pip install torch==2.3.1 'numpy==1.26.4'") },
      { "a.ipynb": cell("!pip install -r requirements.txt") },
      { "a.ipynb": cell("!pip install openai"), "pyproject.toml": '[project]\ndependencies = ["openai"]\n' },
      { "a.py": "# pip install openai\nimport openai\n" },
    ];
    for (const tree of quiet) {
      const report = await reviewTree(tree, [unpinnedRequirements]);
      expect(report.findings, JSON.stringify(tree)).toEqual([]);
    }
  });
});
