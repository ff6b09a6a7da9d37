import { describe, expect, it } from "vitest";
import { reviewTree } from "../../../testing/memory-fs.js";
import { pinnedDependencies } from "./pinned-dependencies.js";

const RULE = "reproducibility/pinned-dependencies";
const PACKAGE_JSON = JSON.stringify({ dependencies: { openai: "^4.52.0" } }, null, 2);

describe("reproducibility/pinned-dependencies", () => {
  it("celebrates a fully pinned requirements.txt once, at the file", async () => {
    const report = await reviewTree(
      {
        "requirements.txt": "# frozen\nopenai==1.30.1\nnumpy==1.26.4\n",
        "requirements-dev.txt": "pytest==8.2.0\n",
        "bot.py": "import openai\n",
      },
      [pinnedDependencies],
    );
    expect(report.findings.map((f) => [f.ruleId, f.file, f.line, f.level])).toEqual([
      [RULE, "requirements-dev.txt", null, "celebratory"],
    ]);
    expect(report.findings[0]!.message).toBe(
      "Dependencies are pinned: every package in requirements-dev.txt is pinned to an exact version.",
    );
    expect(report.goals).toEqual([]);
  });

  it("celebrates lockfiles for package.json and pyproject.toml, also at a workspace root", async () => {
    const report = await reviewTree(
      {
        "package-lock.json": "{}",
        "apps/web/package.json": PACKAGE_JSON,
        "api/pyproject.toml": '[project]\nname = "api"\ndependencies = ["fastapi>=0.110"]\n',
        "api/uv.lock": "version = 1\n",
      },
      [pinnedDependencies],
    );
    expect(report.findings.map((f) => [f.file, f.message])).toEqual([
      ["api/uv.lock", "Dependencies are pinned: api/uv.lock locks the versions for api/pyproject.toml."],
    ]);
  });

  it("stays quiet when any manifest is left unpinned or unlocked", async () => {
    const cases: Record<string, string>[] = [
      { "requirements.txt": "openai==1.30.1\n", "docs/requirements.txt": "mkdocs\n" },
      { "package-lock.json": "{}", "package.json": PACKAGE_JSON, "requirements.txt": "openai>=1\n" },
      {
        "uv.lock": "version = 1\n",
        "pyproject.toml": '[project]\ndependencies = ["x"]\n',
        "web/package.json": PACKAGE_JSON,
      },
      { Pipfile: '[packages]\nrequests = "*"\n', "uv.lock": "" },
    ];
    for (const tree of cases) {
      const report = await reviewTree(tree, [pinnedDependencies]);
      expect(report.findings, Object.keys(tree).join(", ")).toEqual([]);
    }
  });

  it("stays quiet with nothing declared: no manifests, empty requirements, a tools-only pyproject", async () => {
    const report = await reviewTree(
      {
        "bot.py": "import openai\n",
        "requirements.txt": "# nothing yet\n",
        "pyproject.toml": "[tool.ruff]\nline-length = 100\n",
        "package.json": JSON.stringify({ scripts: { test: "vitest" } }),
      },
      [pinnedDependencies],
    );
    expect(report.findings).toEqual([]);
  });
});
