import { needsReconnect, permanent, retryAfter, retryable, type SyncError } from '@ledgerbridge/canonical';
import type { XeroResponseMeta } from './rate-headers.ts';

type ValidationBody = {
  Message?: string;
  Detail?: string;
  Title?: string;
  Elements?: Array<{ ValidationErrors?: Array<{ Message?: string }> }>;
};

/** Xero's validation messages, in the words Xero used, for the merchant to read. */
export function validationMessages(body: unknown): string[] {
  if (!body || typeof body !== 'object') return [];
  const b = body as ValidationBody;
  const fromElements = (b.Elements ?? []).flatMap((e) =>
    (e.ValidationErrors ?? []).map((v) => v.Message ?? ''),
  );
  return fromElements.filter((m) => m.length > 0);
}

/** The one place a Xero failure becomes a SyncError with its retry intent. */
export function mapXeroFailure(meta: XeroResponseMeta, body: unknown, transportError?: string): SyncError {
  const { status } = meta;
  if (status === 0)
    return retryable('xero-unreachable', `Xero did not answer: ${transportError ?? 'no response'}`);
  if (status === 429) {
    const problem = meta.rateLimitProblem ?? 'unknown';
    // Xero sends Retry-After for the minute and day limits; a concurrency refusal clears in a moment.
    const seconds = meta.retryAfterSeconds ?? (problem === 'concurrent' ? 1 : 60);
    return retryAfter(
      `xero-rate-limit-${problem}`,
      `Xero's ${problem} rate limit was reached`,
      seconds * 1000,
    );
  }
  if (status === 401)
    return needsReconnect(
      'xero-unauthorized',
      'Xero refused the access token; the connection needs to be reconnected.',
    );
  if (status === 403) {
    return needsReconnect(
      'xero-forbidden',
      'Xero says this app may not access the organisation; reconnect it.',
    );
  }
  // Xero keeps an internal error for the request's Idempotency-Key and answers it again to the same
  // request for its 6 minutes (developer.xero.com/documentation/guides/idempotent-requests/idempotency).
  if (status === 500) return retryable('xero-500', 'Xero answered 500', { keptForKey: true });
  if (status >= 500 || status === 408) return retryable(`xero-${status}`, `Xero answered ${status}`);
  const messages = validationMessages(body);
  const b = (body && typeof body === 'object' ? body : {}) as ValidationBody;
  const message =
    messages[0] ??
    b.Message ??
    b.Detail ??
    b.Title ??
    (typeof body === 'string' ? body : `Xero answered ${status}`);
  return permanent(
    status === 404 ? 'xero-not-found' : 'xero-validation',
    message,
    messages.length > 1 ? messages : undefined,
  );
}
