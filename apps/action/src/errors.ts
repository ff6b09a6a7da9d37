// Failures a workflow author can fix, as one line that says what to change.
import { statusOf } from "./github.js";

export class ActionError extends Error {}

/** Turns a 403/404 on a write into the missing `permissions:` entry; anything else passes through. */
export function explainWriteFailure(error: unknown, what: string, permission: string): unknown {
  const status = statusOf(error);
  if (status === 403 || status === 404) {
    return new ActionError(
      `the token cannot ${what} (GitHub answered ${status}): add \`${permission}\` under \`permissions:\` in the workflow`,
    );
  }
  return error;
}

export async function writing<T>(what: string, permission: string, call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (error) {
    throw explainWriteFailure(error, what, permission);
  }
}
