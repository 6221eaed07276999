// Errors are values of a few named kinds, each with a message a user can act on.

export type LlmErrorKind =
  | 'auth'
  | 'rate-limited'
  /** The account is out of quota, credit or its spending limit: retrying does not help, billing does. */
  | 'quota'
  | 'overloaded'
  | 'bad-request'
  /**
   * The provider's safety system stopped the answer (a content filter, a refusal): asking again the
   * same way meets it again, and later questions leave the declined turn out of their prompt.
   */
  | 'declined'
  | 'not-found'
  | 'network'
  | 'stalled'
  | 'server';

/** What fixes a failure, offered as a button beside its message: setting a key, or another provider. */
export type ErrorRemedy = 'setApiKey' | 'chooseProvider';

export interface LlmErrorDetails {
  readonly status?: number;
  /** For `rate-limited` and `overloaded`: how long the server asked us to wait. */
  readonly retryAfterMs?: number;
  readonly cause?: unknown;
  /** The fix, when the kind alone does not say it (see remedyOf). */
  readonly remedy?: ErrorRemedy;
  /**
   * The same request would fail the same way until a setting changes (a refused certificate, a
   * proxy that wants credentials): not retried, though its kind usually is.
   */
  readonly lasting?: boolean;
}

export class LlmError extends Error {
  override readonly name = 'LlmError';
  readonly status?: number;
  readonly retryAfterMs?: number;
  readonly remedy?: ErrorRemedy;
  readonly lasting: boolean;

  constructor(
    readonly kind: LlmErrorKind,
    message: string,
    details: LlmErrorDetails = {},
  ) {
    super(message, details.cause === undefined ? undefined : { cause: details.cause });
    this.status = details.status;
    this.retryAfterMs = details.retryAfterMs;
    this.remedy = details.remedy;
    this.lasting = details.lasting ?? false;
  }
}

/**
 * The button that fixes a failure: a refused or missing key wants a key; an account out of credit,
 * or no server where Rill's default points, another provider. Retrying alone would not help.
 */
export function remedyOf(error: { readonly kind: string; readonly remedy?: ErrorRemedy }): ErrorRemedy | undefined {
  return error.remedy ?? (error.kind === 'auth' ? 'setApiKey' : error.kind === 'quota' ? 'chooseProvider' : undefined);
}

export function isLlmError(value: unknown): value is LlmError {
  return value instanceof LlmError;
}
