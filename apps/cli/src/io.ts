// What the CLI touches of the outside world, passed in so commands stay testable.
export interface Io {
  stdout: NodeJS.WriteStream;
  stderr: NodeJS.WriteStream;
  cwd: string;
  env: NodeJS.ProcessEnv;
}

/** Colours only on a terminal, and never against NO_COLOR; FORCE_COLOR turns them on anywhere. */
export function wantsColor(io: Io): boolean {
  if (io.env.NO_COLOR) return false;
  if (io.env.FORCE_COLOR && io.env.FORCE_COLOR !== "0") return true;
  return Boolean(io.stdout.isTTY) && io.env.TERM !== "dumb";
}
