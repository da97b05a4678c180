import { describe, expect, it } from 'vitest';
import { defaultRetryPolicy } from './job-queue.ts';
import { describeRetryWindow, retryWindowSeconds } from './retry-window.ts';

describe('retry window', () => {
  it('adds up the doubling, capped delays: the default policy retries for about 21 minutes', () => {
    // 5 + 10 + 20 + 40 + 80 + 160 + 320 + 640 seconds.
    expect(retryWindowSeconds(defaultRetryPolicy)).toBe(1275);
    expect(describeRetryWindow(defaultRetryPolicy)).toBe(
      'Failing work is retried 8 times over about 21 minutes (first after 5 s, each wait doubling up to 15 min), then it lands here.',
    );
  });

  it('caps each wait', () => {
    expect(retryWindowSeconds({ retryLimit: 4, retryDelaySeconds: 10, retryDelayMaxSeconds: 25 })).toBe(
      10 + 20 + 25 + 25,
    );
  });
});
