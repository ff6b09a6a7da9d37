import { describe, expect, it } from "vitest";
import { reviewTree } from "../../../testing/memory-fs.js";
import { missingLockfile } from "./missing-lockfile.js";

const RULE = "reproducibility/missing-lockfile";

const PACKAGE_JSON = JSON.stringify(
  {
    name: "bot",
    scripts: { start: "tsx src/index.ts" },
    dependencies: { openai: "^4.52.0", zod: "^3.23.8" },
  },
  null,
  2,
);
const PYPROJECT = [
  "[build-system]",
  'requires = ["hatchling"]',
  "",
  "[project]",
  'name = "rag-bot"',
  "dependencies = [",
  '  "openai>=1.30",  # the model client',
  '  "chromadb",',
  "]",
  "",
  "[tool.ruff]",
  "line-length = 100",
].join("\n");

describe("reproducibility/missing-lockfile", () => {
  it("fires once for a package.json with dependencies and no lockfile, naming the manifest", async () => {
    const report = await reviewTree({ "package.json": PACKAGE_JSON, "src/index.ts": "" }, [missingLockfile]);
    expect(report.findings.map((f) => [f.ruleId, f.file, f.line, f.level])).toEqual([
      [RULE, null, null, "actionable"],
    ]);
    expect(report.findings[0]!.message).toBe(
      "package.json lists 2 packages and no lockfile (package-lock.json, pnpm-lock.yaml or yarn.lock) is committed beside it.",
    );
  });

  it("fires on a pyproject with [project] dependencies, Poetry dependencies, or a Pipfile, with no lock", async () => {
    const report = await reviewTree(
      {
        "pyproject.toml": PYPROJECT,
        "poetry/pyproject.toml": '[tool.poetry.dependencies]\npython = "^3.11"\nopenai = "^1.30"\n',
        "pipenv/Pipfile": '[packages]\nrequests = "*"\n\n[requires]\npython_version = "3.11"\n',
        "requirements-dev.txt": "pytest\n",
      },
      [missingLockfile],
    );
    expect(report.findings.map((f) => [f.file, f.line, f.message])).toEqual([
      [
        null,
        null,
        "pipenv/Pipfile declares 1 dependency with no lockfile (such as Pipfile.lock) that records the versions installed.",
      ],
      [
        null,
        null,
        "poetry/pyproject.toml declares 1 dependency with no lockfile (such as uv.lock or poetry.lock) that records the versions installed.",
      ],
      [
        null,
        null,
        "pyproject.toml declares 2 dependencies with no lockfile (such as uv.lock or poetry.lock) that records the versions installed.",
      ],
    ]);
  });

  it("stays quiet when a lockfile sits beside the manifest or at the workspace root", async () => {
    const report = await reviewTree(
      {
        "package.json": PACKAGE_JSON,
        "pnpm-lock.yaml": "lockfileVersion: '9.0'\n",
        "packages/web/package.json": PACKAGE_JSON,
        "api/pyproject.toml": PYPROJECT,
        "api/uv.lock": "version = 1\n",
        "svc/pyproject.toml": PYPROJECT,
        "svc/poetry.lock": "# poetry\n",
        "old/Pipfile": '[packages]\nrequests = "*"\n',
        "old/Pipfile.lock": "{}\n",
      },
      [missingLockfile],
    );
    expect(report.findings).toEqual([]);
  });

  it("stays quiet with no registry dependencies, pinned pyproject dependencies, or a frozen requirements.txt", async () => {
    const report = await reviewTree(
      {
        "package.json": JSON.stringify({ name: "x", scripts: { test: "vitest" } }),
        "tools/package.json": JSON.stringify({
          dependencies: { core: "workspace:*", shared: "file:../shared" },
        }),
        "broken/package.json": "{ not json",
        "lint/pyproject.toml": "[tool.black]\nline-length = 100\n",
        "pinned/pyproject.toml":
          '[project]\nname = "x"\ndependencies = ["openai==1.30.1", "numpy==1.26.4"]\n',
        "app/pyproject.toml": PYPROJECT,
        "app/requirements.txt": "openai==1.30.1\nchromadb==0.5.0\n",
        "notes.txt": "package.json\n",
      },
      [missingLockfile],
    );
    expect(report.findings).toEqual([]);
  });
});
