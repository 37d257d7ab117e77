/**
 * An error meant for the person at the keyboard: its message is shown as is (CLI stderr, UI toast,
 * HTTP body). Anything else that escapes is a bug and is reported as "internal error".
 */
export const USER_ERROR_CODES = [
  'invalid_input',
  'not_found',
  'conflict',
  'forbidden',
  'wrong_key',
  'vault_exists',
  'vault_missing',
  'keystore_unavailable',
  'corrupt',
  'invalid_transition',
] as const;
export type UserErrorCode = (typeof USER_ERROR_CODES)[number];

/** A code the core sends for a user error (the window words each in the person's language). */
export function isUserErrorCode(code: string): code is UserErrorCode {
  return (USER_ERROR_CODES as readonly string[]).includes(code);
}

export class UserError extends Error {
  readonly code: UserErrorCode;
  readonly details?: unknown;
  constructor(code: UserErrorCode, message: string, details?: unknown) {
    super(message);
    this.name = 'UserError';
    this.code = code;
    this.details = details;
  }
}

export function isUserError(e: unknown): e is UserError {
  return e instanceof Error && (e as UserError).name === 'UserError' && typeof (e as UserError).code === 'string';
}

/** Turn a zod error into one readable line that names every offending field. */
export function describeIssues(issues: ReadonlyArray<{ path: PropertyKey[]; message: string }>): string {
  return issues.map((i) => (i.path.length ? `${i.path.map(String).join('.')}: ${i.message}` : i.message)).join('; ');
}
