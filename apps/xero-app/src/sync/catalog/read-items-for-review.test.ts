import { type AccountingItem, fail, ok, retryable, retryAfter } from '@ledgerbridge/canonical';
import { describe, expect, it } from 'vitest';
import { readItemsForReview } from './read-items-for-review.ts';

const items: AccountingItem[] = [{ id: 'i', code: 'LAMP', isTrackedAsInventory: false }];

function lister(...answers: ReturnType<typeof fail | typeof ok>[]) {
  let calls = 0;
  return {
    list: async () => {
      calls += 1;
      return (answers.shift() ?? ok(items)) as never;
    },
    calls: () => calls,
  };
}

describe('readItemsForReview', () => {
  it('waits through a short "retry after" once and reads again', async () => {
    const slept: number[] = [];
    const l = lister(
      fail(retryAfter('xero-rate-limit-concurrent', "Xero's concurrent rate limit was reached", 1_000)),
    );
    const read = await readItemsForReview(l.list, { sleep: async (ms) => void slept.push(ms) });
    expect(read).toEqual(ok(items));
    expect(slept).toEqual([1_000]);
    expect(l.calls()).toBe(2);
  });

  it('says plainly that nothing was read, and when to try again, for a long wait or a second refusal', async () => {
    const long = await readItemsForReview(
      lister(fail(retryAfter('budget-minute-limit', 'Xero budget: minute limit', 42_500))).list,
      { sleep: async () => {} },
    );
    expect(long.ok === false && long.error).toMatchObject({
      kind: 'retry-after',
      retryAfterMs: 42_500,
      message: expect.stringMatching(/nothing was read\. Read both catalogs again in about 43 s\.$/),
    });
    const again = lister(
      fail(retryAfter('budget-minute-limit', 'Xero budget: minute limit', 800)),
      fail(retryAfter('budget-minute-limit', 'Xero budget: minute limit', 900)),
    );
    const twice = await readItemsForReview(again.list, { sleep: async () => {} });
    expect(twice.ok === false && twice.error.message).toMatch(/about 1 s\.$/);
    expect(again.calls()).toBe(2);
  });

  it('passes other failures through unchanged', async () => {
    const down = fail(retryable('xero-unavailable', 'Xero answered 503'));
    expect(await readItemsForReview(lister(down).list, { sleep: async () => {} })).toEqual(down);
  });
});
