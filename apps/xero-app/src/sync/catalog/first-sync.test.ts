import { type AccountingItem, fail, ok, retryable } from '@ledgerbridge/canonical';
import { describe, expect, it } from 'vitest';
import { type FirstSyncStore, firstSyncGate } from './first-sync.ts';

type Row = { state: 'checking' | 'clear' | 'opened'; foreignItems?: number; reviewId?: string };

function harness(options: { seenBefore?: boolean; items?: AccountingItem[]; made?: string[] } = {}) {
  const rows = new Map<string, Row>();
  const reads: string[] = [];
  const reviews: Array<readonly AccountingItem[]> = [];
  let listAnswer = () => ok(options.items ?? []);
  const store: FirstSyncStore = {
    seenBefore: async () => options.seenBefore ?? false,
    state: async (id) => rows.get(id)?.state,
    claim: async (id) => {
      if (rows.has(id)) return false;
      rows.set(id, { state: 'checking' });
      return true;
    },
    settle: async (id, outcome) => {
      rows.set(id, outcome);
    },
    release: async (id) => {
      if (rows.get(id)?.state === 'checking') rows.delete(id);
    },
    codesMadeByApp: async (_tenant, codes) =>
      new Set(codes.map((c) => c.toLowerCase()).filter((c) => (options.made ?? []).includes(c))),
  };
  const deps = {
    store,
    listItems: async () => {
      reads.push('GET /Items');
      return listAnswer();
    },
    openReview: async (items: readonly AccountingItem[]) => {
      reviews.push(items);
      return ok({ id: 'review-1' });
    },
    sleep: async () => {},
    waitMs: 1_000,
  };
  return {
    deps,
    rows,
    reads,
    reviews,
    failListing: () => {
      listAnswer = () => fail(retryable('xero.unavailable', 'down')) as never;
    },
  };
}

const item = (code: string): AccountingItem => ({
  id: `id-${code}`,
  code,
  name: code,
  isTrackedAsInventory: false,
});
const input = { connectionId: 'conn', tenantId: 't' };

describe('firstSyncGate', () => {
  it('opens the review when Xero holds items the app did not make, with the items just read', async () => {
    const h = harness({ items: [item('OLD-LAMP'), item('TENT')], made: ['tent'] });
    expect(await firstSyncGate(h.deps, input)).toBe('review');
    expect(h.reviews).toEqual([[item('OLD-LAMP'), item('TENT')]]);
    expect(h.rows.get('conn')).toEqual({ state: 'opened', foreignItems: 1, reviewId: 'review-1' });
    // Checked once: later products of the connection pass (the open review holds them upstream).
    expect(await firstSyncGate(h.deps, input)).toBe('proceed');
    expect(h.reads).toHaveLength(1);
  });

  it('lets the catalog sync when every item in Xero is the app’s own (case aside), and checks once', async () => {
    const h = harness({ items: [item('Tent')], made: ['tent'] });
    expect(await firstSyncGate(h.deps, input)).toBe('proceed');
    expect(await firstSyncGate(h.deps, input)).toBe('proceed');
    expect(h.reviews).toEqual([]);
    expect(h.reads).toHaveLength(1);
    expect(h.rows.get('conn')?.state).toBe('clear');
  });

  it('costs no call for a catalog synced or reviewed before', async () => {
    const h = harness({ seenBefore: true, items: [item('OLD-LAMP')] });
    expect(await firstSyncGate(h.deps, input)).toBe('proceed');
    expect(h.reads).toEqual([]);
  });

  it('waits for another job’s check and follows its answer; retries later when it takes too long', async () => {
    const h = harness({ items: [item('OLD-LAMP')] });
    h.rows.set('conn', { state: 'checking' });
    let polls = 0;
    const settling = {
      ...h.deps,
      sleep: async () => {
        polls += 1;
        if (polls === 3) h.rows.set('conn', { state: 'opened', foreignItems: 1, reviewId: 'r' });
      },
    };
    expect(await firstSyncGate(settling, input)).toBe('review');
    expect(h.reads).toEqual([]);
    h.rows.set('other', { state: 'checking' });
    await expect(firstSyncGate(h.deps, { ...input, connectionId: 'other' })).rejects.toThrow(
      /checking the organisation’s items/,
    );
  });

  it('gives the claim back when Xero cannot be read, so the next job checks again', async () => {
    const h = harness({ items: [item('OLD-LAMP')] });
    h.failListing();
    await expect(firstSyncGate(h.deps, input)).rejects.toThrow(/down/);
    expect(h.rows.has('conn')).toBe(false);
  });
});
