// Errors a user can cause travel as values with one clear line; exceptions are kept for bugs.

export interface UserError {
  /** A stable, machine-readable reason, e.g. "not-a-directory". */
  code: string;
  /** One line a person can act on. */
  message: string;
}

export type Result<T> = { ok: true; value: T } | { ok: false; error: UserError };

export const ok = <T>(value: T): Result<T> => ({ ok: true, value });
export const fail = (code: string, message: string): { ok: false; error: UserError } => ({
  ok: false,
  error: { code, message },
});
