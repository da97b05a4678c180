// Every failure carries what to do about it. Adapters map vendor errors into these once.
export type SyncError =
  | {
      readonly kind: 'retryable';
      readonly code: string;
      readonly message: string;
      /**
       * The target keeps this answer for the request's idempotency key: the same request under the same
       * key gets it again, so a retry must use a new key (after looking for what the first may have done).
       */
      readonly keptForKey?: true;
    }
  | {
      readonly kind: 'retry-after';
      readonly code: string;
      readonly message: string;
      readonly retryAfterMs: number;
    }
  | {
      readonly kind: 'permanent';
      readonly code: string;
      readonly message: string;
      readonly details?: readonly string[];
    }
  | { readonly kind: 'needs-reconnect'; readonly code: string; readonly message: string };

export type SyncErrorKind = SyncError['kind'];

export type Result<T, E = SyncError> =
  | { readonly ok: true; readonly value: T }
  | { readonly ok: false; readonly error: E };

export function ok<T>(value: T): Result<T, never> {
  return { ok: true, value };
}

export function fail<E = SyncError>(error: E): Result<never, E> {
  return { ok: false, error };
}

export function retryable(code: string, message: string, options: { keptForKey?: true } = {}): SyncError {
  return options.keptForKey
    ? { kind: 'retryable', code, message, keptForKey: true }
    : { kind: 'retryable', code, message };
}

export function retryAfter(code: string, message: string, retryAfterMs: number): SyncError {
  return { kind: 'retry-after', code, message, retryAfterMs };
}

export function permanent(code: string, message: string, details?: readonly string[]): SyncError {
  return details ? { kind: 'permanent', code, message, details } : { kind: 'permanent', code, message };
}

export function needsReconnect(code: string, message: string): SyncError {
  return { kind: 'needs-reconnect', code, message };
}

/** Carries a SyncError through code that can only throw (e.g. a queue handler). */
export class SyncFailure extends Error {
  readonly error: SyncError;
  constructor(error: SyncError) {
    super(`${error.kind}: ${error.code}: ${error.message}`);
    this.name = 'SyncFailure';
    this.error = error;
  }
}

export function isRetryable(error: SyncError): boolean {
  return error.kind === 'retryable' || error.kind === 'retry-after';
}
