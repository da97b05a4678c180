import { needsReconnect, permanent, retryable, retryAfter, type SyncError } from '@ledgerbridge/canonical';
import { OAuthErrorSchema } from './identity-types.ts';

/** The one place an identity/connections failure becomes a SyncError with its retry intent. */
export function mapIdentityFailure(input: {
  operation: string;
  status: number;
  body: unknown;
  retryAfterHeader?: string | null;
}): SyncError {
  const { operation, status } = input;
  const oauth = OAuthErrorSchema.safeParse(input.body);
  const code = oauth.success ? oauth.data.error : undefined;
  const detail = oauth.success ? (oauth.data.error_description ?? oauth.data.error) : `HTTP ${status}`;
  if (code === 'invalid_grant') {
    return needsReconnect(
      'xero-invalid-grant',
      `Xero no longer accepts this connection's authorisation (${operation}: ${detail}); reconnect it.`,
    );
  }
  // Our own client id/secret being refused is not something a merchant's reconnect can fix.
  if (code === 'invalid_client' || code === 'unauthorized_client') {
    return permanent(
      'xero-invalid-client',
      `Xero refused the app's client credentials (${operation}: ${detail}).`,
    );
  }
  if (status === 401 || status === 403) {
    return needsReconnect(`xero-${status}`, `Xero refused the access token (${operation}); reconnect it.`);
  }
  if (status === 429) {
    const seconds = Number(input.retryAfterHeader);
    return Number.isFinite(seconds) && seconds > 0
      ? retryAfter('xero-identity-429', `Xero is rate limiting ${operation}`, seconds * 1000)
      : retryable('xero-identity-429', `Xero is rate limiting ${operation}`);
  }
  if (status >= 500 || status === 408)
    return retryable(`xero-identity-${status}`, `Xero answered ${status} to ${operation}`);
  return permanent(`xero-identity-${code ?? status}`, `Xero refused ${operation}: ${detail}`);
}

export function mapTransportFailure(operation: string, error: unknown): SyncError {
  const message = error instanceof Error ? error.message : String(error);
  return retryable('xero-identity-unreachable', `Xero did not answer ${operation}: ${message}`);
}
