// Runs the built CLI (dist/cli.js) as a user would, as a child process, and captures what it printed.
import { type SpawnSyncOptions, spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";

export const CLI = fileURLToPath(new URL("../dist/cli.js", import.meta.url));
export const REPO_ROOT = fileURLToPath(new URL("../../../", import.meta.url));
export const EXAMPLE = `${REPO_ROOT}examples/bylaws-bot`;

export interface CliRun {
  code: number | null;
  stdout: string;
  stderr: string;
}

export function runCli(
  args: string[],
  { cli = CLI, ...options }: SpawnSyncOptions & { cli?: string } = {},
): CliRun {
  const result = spawnSync(process.execPath, [cli, ...args], {
    encoding: "utf8",
    ...options,
    env: { PATH: process.env.PATH, HOME: process.env.HOME, ...options.env },
  });
  return { code: result.status, stdout: String(result.stdout), stderr: String(result.stderr) };
}
