// Errors are values of a few named kinds, each with a message a user can act on.

export type LlmErrorKind =
  | 'auth'
  | 'rate-limited'
  /** The account is out of quota, credit or its spending limit: retrying does not help, billing does. */
  | 'quota'
  | 'overloaded'
  | 'bad-request'
  | 'not-found'
  | 'network'
  | 'stalled'
  | 'server';

export interface LlmErrorDetails {
  readonly status?: number;
  /** For `rate-limited` and `overloaded`: how long the server asked us to wait. */
  readonly retryAfterMs?: number;
  readonly cause?: unknown;
}

export class LlmError extends Error {
  override readonly name = 'LlmError';
  readonly status?: number;
  readonly retryAfterMs?: number;

  constructor(
    readonly kind: LlmErrorKind,
    message: string,
    details: LlmErrorDetails = {},
  ) {
    super(message, details.cause === undefined ? undefined : { cause: details.cause });
    this.status = details.status;
    this.retryAfterMs = details.retryAfterMs;
  }
}

export function isLlmError(value: unknown): value is LlmError {
  return value instanceof LlmError;
}
