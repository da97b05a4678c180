import { needsReconnect, permanent, retryable, retryAfter, type SyncError } from '@ledgerbridge/canonical';

// OrderCloud failures → canonical SyncError, in one place:
//  token endpoint 400/401 (invalid_client, invalid_grant) → needs-reconnect (the merchant must fix credentials)
//  401 on the API (after one token refresh) and 403 (missing roles) → needs-reconnect
//  404 → permanent;  400/409/422 → permanent with OrderCloud's messages
//  429 / 503 with Retry-After → retry-after;  429 without it → retry-after 1 s;  5xx, timeouts, network → retryable
type ResponseLike = { status?: number; data?: unknown; headers?: unknown };

// The SDK's OrderCloudError is compiled as an ES5 subclass of Error, so `instanceof` never holds:
// recognise it by its marker instead.
export type OrderCloudErrorLike = {
  isOrderCloudError: true;
  status: number;
  errorCode: string;
  errors?: { ErrorCode?: string; Message?: string }[];
  response?: ResponseLike;
  message: string;
};

export function asOrderCloudError(error: unknown): OrderCloudErrorLike | undefined {
  return error !== null &&
    typeof error === 'object' &&
    (error as { isOrderCloudError?: unknown }).isOrderCloudError === true
    ? (error as OrderCloudErrorLike)
    : undefined;
}

function header(headers: unknown, name: string): string | undefined {
  if (!headers || typeof headers !== 'object') return undefined;
  const getter = (headers as { get?: (n: string) => unknown }).get;
  if (typeof getter === 'function') {
    const value = getter.call(headers, name);
    if (typeof value === 'string') return value;
  }
  const entry = Object.entries(headers as Record<string, unknown>).find(
    ([key]) => key.toLowerCase() === name,
  );
  return typeof entry?.[1] === 'string' ? entry[1] : undefined;
}

export function parseRetryAfter(value: string | undefined, now: number): number | undefined {
  if (!value) return undefined;
  const seconds = Number(value);
  if (Number.isFinite(seconds) && seconds >= 0) return Math.round(seconds * 1000);
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

function messages(error: unknown, response: ResponseLike | undefined): string[] {
  const fromSdk = asOrderCloudError(error)?.errors ?? [];
  const data = response?.data;
  const parsed = typeof data === 'string' ? safeJson(data) : data;
  const fromBody =
    (parsed as { Errors?: { ErrorCode?: string; Message?: string }[] } | undefined)?.Errors ?? [];
  const oauth = parsed as { error?: string; error_description?: string } | undefined;
  const list = [...fromSdk, ...(fromSdk.length ? [] : fromBody)].map((e) =>
    `${e.ErrorCode ?? 'Error'}: ${e.Message ?? ''}`.trim(),
  );
  if (list.length === 0 && oauth?.error) list.push(`${oauth.error}: ${oauth.error_description ?? ''}`.trim());
  return list;
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

export function mapOrderCloudError(
  error: unknown,
  context: { operation: string; tokenRequest?: boolean; now?: number },
): SyncError {
  const sdkError = asOrderCloudError(error);
  const response: ResponseLike | undefined = sdkError
    ? sdkError.response
    : ((error as { response?: ResponseLike } | null)?.response ?? undefined);
  const status = sdkError ? sdkError.status : response?.status;
  const details = messages(error, response);
  const summary = `${context.operation}: ${details[0] ?? (error instanceof Error ? error.message : String(error))}`;
  const code =
    sdkError?.errorCode && sdkError.errorCode !== 'OrderCloudError'
      ? sdkError.errorCode
      : `http_${status ?? 'network'}`;
  if (status === undefined) {
    return retryable(
      'ordercloud.network',
      `${context.operation}: ${error instanceof Error ? error.message : String(error)}`,
    );
  }
  if (context.tokenRequest && (status === 400 || status === 401 || status === 403)) {
    return needsReconnect('ordercloud.invalid_client', `${summary} (check the API client ID and secret)`);
  }
  if (status === 401 || status === 403) return needsReconnect(`ordercloud.${code}`, summary);
  if (status === 404) return permanent('ordercloud.not_found', summary, details);
  if (status === 429 || status === 503) {
    const ms = parseRetryAfter(header(response?.headers, 'retry-after'), context.now ?? Date.now());
    if (ms !== undefined || status === 429)
      return retryAfter(`ordercloud.${status === 429 ? 'rate_limited' : 'unavailable'}`, summary, ms ?? 1000);
  }
  if (status === 408 || status >= 500) return retryable(`ordercloud.http_${status}`, summary);
  return permanent(`ordercloud.${code}`, summary, details);
}
