import { describe, expect, it } from 'vitest';
import { attemptOutcome, mergeOutcomes } from './alert-retry.ts';

const delaysMs = [30_000, 120_000];
const failed = { channel: 'webhook', ok: false, detail: 'HTTP 502' };

describe('attemptOutcome', () => {
  it('says when a failed delivery is tried again, and gives up after the last wait', () => {
    expect(attemptOutcome({ outcome: failed, attempt: 1, delaysMs })).toEqual({
      outcome: { ...failed, detail: 'HTTP 502; trying again in 30 s (attempt 1 of 3)' },
      retryInMs: 30_000,
    });
    expect(attemptOutcome({ outcome: failed, attempt: 2, delaysMs })).toEqual({
      outcome: { ...failed, detail: 'HTTP 502; trying again in 2 min (attempt 2 of 3)' },
      retryInMs: 120_000,
    });
    expect(attemptOutcome({ outcome: failed, attempt: 3, delaysMs })).toEqual({
      outcome: { ...failed, detail: 'HTTP 502; failed after 3 attempts' },
    });
  });

  it('leaves a first-time success as it was and names the attempt of a late one', () => {
    const ok = { channel: 'webhook', ok: true, detail: 'HTTP 200' };
    expect(attemptOutcome({ outcome: ok, attempt: 1, delaysMs })).toEqual({ outcome: ok });
    expect(attemptOutcome({ outcome: ok, attempt: 2, delaysMs }).outcome.detail).toBe('HTTP 200 (attempt 2)');
  });
});

describe('mergeOutcomes', () => {
  it('replaces the retried channels and keeps the others', () => {
    const email = { channel: 'email', ok: true, detail: 'sent to 1 recipient' };
    expect(
      mergeOutcomes([failed, email], [{ channel: 'webhook', ok: true, detail: 'HTTP 200 (attempt 2)' }]),
    ).toEqual([email, { channel: 'webhook', ok: true, detail: 'HTTP 200 (attempt 2)' }]);
  });
});
