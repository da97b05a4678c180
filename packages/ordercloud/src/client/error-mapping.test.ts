import { fail, ok, retryable, retryAfter, type SyncError } from '@ledgerbridge/canonical';
import { describe, expect, it } from 'vitest';
import { mapOrderCloudError, parseRetryAfter } from './error-mapping.ts';
import { backoffDelay, defaultRetryPolicy, type RetryPolicy, withRetry } from './retry.ts';

const httpError = (status: number, data: unknown, headers: Record<string, string> = {}) => ({
  response: { status, data, headers },
});

describe('mapOrderCloudError', () => {
  it.each([
    [
      'token 401 invalid_client',
      httpError(401, { error: 'invalid_client' }),
      { tokenRequest: true },
      'needs-reconnect',
    ],
    [
      'token 400 invalid_grant',
      httpError(400, { error: 'invalid_grant' }),
      { tokenRequest: true },
      'needs-reconnect',
    ],
    [
      'API 401',
      httpError(401, { Errors: [{ ErrorCode: 'InvalidToken', Message: 'expired' }] }),
      {},
      'needs-reconnect',
    ],
    [
      'API 403 missing roles',
      httpError(403, { Errors: [{ ErrorCode: 'InsufficientRoles', Message: 'no' }] }),
      {},
      'needs-reconnect',
    ],
    [
      '404',
      httpError(404, { Errors: [{ ErrorCode: 'NotFound', Message: 'Order not found: X' }] }),
      {},
      'permanent',
    ],
    [
      '400',
      httpError(
        400,
        '{"Errors":[{"ErrorCode":"Order.CannotSubmitBadStatus","Message":"Order status must be Unsubmitted."}]}',
      ),
      {},
      'permanent',
    ],
    ['429 without Retry-After', httpError(429, ''), {}, 'retry-after'],
    ['503 without Retry-After', httpError(503, ''), {}, 'retryable'],
    ['500', httpError(500, ''), {}, 'retryable'],
    ['network', Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' }), {}, 'retryable'],
  ])('%s → %s', (_name, error, context, kind) => {
    expect(mapOrderCloudError(error, { operation: 'op', ...context }).kind).toBe(kind);
  });

  it("keeps OrderCloud's messages on permanent errors", () => {
    const error = mapOrderCloudError(
      httpError(400, {
        Errors: [{ ErrorCode: 'Order.CannotSubmitBadStatus', Message: 'Order status must be Unsubmitted.' }],
      }),
      {
        operation: 'submit',
      },
    );
    expect(error).toMatchObject({
      kind: 'permanent',
      details: ['Order.CannotSubmitBadStatus: Order status must be Unsubmitted.'],
    });
  });

  it('honours Retry-After in seconds and as an HTTP date', () => {
    expect(mapOrderCloudError(httpError(429, '', { 'Retry-After': '7' }), { operation: 'op' })).toMatchObject(
      { kind: 'retry-after', retryAfterMs: 7000 },
    );
    const now = Date.parse('2026-01-01T00:00:00Z');
    expect(parseRetryAfter('Thu, 01 Jan 2026 00:00:03 GMT', now)).toBe(3000);
    expect(parseRetryAfter('soon', now)).toBeUndefined();
    expect(mapOrderCloudError(httpError(503, '', { 'retry-after': '2' }), { operation: 'op' })).toMatchObject(
      { kind: 'retry-after', retryAfterMs: 2000 },
    );
  });
});

describe('withRetry', () => {
  const policy = (sleeps: number[], overrides: Partial<RetryPolicy> = {}): RetryPolicy => ({
    ...defaultRetryPolicy,
    sleep: async (ms) => {
      sleeps.push(ms);
    },
    random: () => 0.5,
    ...overrides,
  });

  it('backs off exponentially with jitter, never sooner than Retry-After, and stops after maxAttempts', async () => {
    const sleeps: number[] = [];
    const errors: SyncError[] = [
      retryable('x', 'boom'),
      retryAfter('y', 'slow down', 3000),
      retryable('x', 'boom'),
    ];
    let calls = 0;
    const result = await withRetry(
      async () => fail(errors[calls++] ?? retryable('x', 'boom')),
      policy(sleeps, { maxAttempts: 3 }),
    );
    expect(result.ok).toBe(false);
    expect(calls).toBe(3);
    expect(sleeps).toEqual([125, 3000]);
  });

  it('does not retry permanent errors and returns successes at once', async () => {
    const sleeps: number[] = [];
    let calls = 0;
    const result = await withRetry(async () => {
      calls += 1;
      return calls < 2 ? fail(retryable('x', 'boom')) : ok('done');
    }, policy(sleeps));
    expect(result).toEqual({ ok: true, value: 'done' });
    expect(calls).toBe(2);
  });

  it('caps the backoff ceiling', () => {
    const p = { ...defaultRetryPolicy, random: () => 0.999 };
    expect(backoffDelay(p, 20)).toBeLessThanOrEqual(p.maxDelayMs);
    expect(backoffDelay(p, 1, 5000)).toBe(5000);
  });
});
