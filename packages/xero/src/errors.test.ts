import { describe, expect, it } from 'vitest';
import { mapXeroFailure } from './errors.ts';

describe('mapXeroFailure', () => {
  it('says an internal error (500) is kept for the Idempotency-Key: a retry needs a new key', () => {
    expect(mapXeroFailure({ status: 500 }, {})).toEqual({
      kind: 'retryable',
      code: 'xero-500',
      message: 'Xero answered 500',
      keptForKey: true,
    });
  });

  it('retries other server errors, timeouts and no answer under the same key', () => {
    for (const status of [502, 503, 504, 408]) {
      const error = mapXeroFailure({ status }, {});
      expect(error).toEqual({
        kind: 'retryable',
        code: `xero-${status}`,
        message: `Xero answered ${status}`,
      });
    }
    expect(mapXeroFailure({ status: 0 }, undefined, 'socket hang up')).toEqual({
      kind: 'retryable',
      code: 'xero-unreachable',
      message: 'Xero did not answer: socket hang up',
    });
  });

  it('waits out a rate limit and refuses a validation error for good', () => {
    expect(
      mapXeroFailure({ status: 429, rateLimitProblem: 'minute', retryAfterSeconds: 7 }, ''),
    ).toMatchObject({ kind: 'retry-after', retryAfterMs: 7_000 });
    expect(
      mapXeroFailure({ status: 400 }, { Elements: [{ ValidationErrors: [{ Message: 'Bad date' }] }] }),
    ).toMatchObject({ kind: 'permanent', code: 'xero-validation', message: 'Bad date' });
  });
});
