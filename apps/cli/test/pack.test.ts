import { execFileSync } from "node:child_process";
import { mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, describe, expect, it } from "vitest";
import { EXAMPLE } from "./run-cli.js";

const PACKAGE_DIR = fileURLToPath(new URL("..", import.meta.url));
const temp = mkdtempSync(join(tmpdir(), "learnloop-pack-"));
afterAll(() => rmSync(temp, { recursive: true, force: true }));

const npm = (args: string[], cwd: string) =>
  execFileSync("npm", args, {
    cwd,
    encoding: "utf8",
    env: { ...process.env, npm_config_update_notifier: "false" },
  });

describe("the published package", () => {
  it("packs into a tarball that installs into an empty folder, offline, and runs `learnloop review`", () => {
    const packed = JSON.parse(npm(["pack", "--json", "--pack-destination", temp], PACKAGE_DIR)) as {
      filename: string;
      files: { path: string }[];
    }[];
    // The bundle and its chunks (the mentor's code, loaded only with a model), each one the build wrote.
    const built = readdirSync(join(PACKAGE_DIR, "dist"))
      .filter((f) => f.endsWith(".js"))
      .map((f) => `dist/${f}`);
    expect(built).toContain("dist/cli.js");
    expect(built.length).toBeGreaterThan(1);
    expect(packed[0]!.files.map((f) => f.path).sort()).toEqual(
      [
        "LICENSE",
        "README.md",
        ...built,
        "dist/grammars/tree-sitter-javascript.wasm",
        "dist/grammars/tree-sitter-python.wasm",
        "dist/grammars/tree-sitter-tsx.wasm",
        "dist/grammars/tree-sitter-typescript.wasm",
        "dist/grammars/tree-sitter.wasm",
        "package.json",
      ].sort(),
    );

    const project = join(temp, "empty-project");
    execFileSync("mkdir", ["-p", project]);
    // No registry needed: the bundle carries its own dependencies.
    npm(["install", "--offline", "--no-audit", "--no-fund", join(temp, packed[0]!.filename)], project);
    expect(readdirSync(join(project, "node_modules")).filter((d) => !d.startsWith("."))).toEqual([
      "learnloop",
    ]);

    const version = npm(["exec", "--offline", "--", "learnloop", "--version"], project);
    expect(version.trim()).toMatch(/^\d+\.\d+\.\d+$/);
    const report = JSON.parse(
      npm(["exec", "--offline", "--", "learnloop", "review", EXAMPLE, "--format", "json"], project),
    );
    expect(report.schemaVersion).toBe(1);
    expect(report.findings.length).toBeGreaterThan(4);
  });
});
