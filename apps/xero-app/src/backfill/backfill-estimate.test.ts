import { describe, expect, it } from 'vitest';
import { backfillEta, estimateBackfill, ordersAllowedBy } from './backfill-estimate.ts';

const orders = (n: number, customers: number) =>
  Array.from({ length: n }, (_, i) => ({ id: `o${i}`, customerId: `c${i % customers}` }));

describe('estimateBackfill', () => {
  it('counts the calls of each chunk as the import sends them', () => {
    // 200 orders of 10 customers, all paid, none refunded: per chunk of 100 one look-up (by invoice number),
    // two invoice batches, two payment batches; the 10 contacts once, in the first chunk.
    const e = estimateBackfill({
      orders: orders(200, 10),
      shares: { paid: 1, credited: 0, allocations: 0 },
      dayLimit: 1000,
    });
    expect(e).toMatchObject({ chunks: 2, calls: 2 * (1 + 2 + 2) + 1, callsPerDay: 800 });
    expect(e.days).toBeCloseTo(11 / 800, 3);
  });

  it('keeps a fifth of the Starter tier’s 1,000 calls for live orders', () => {
    const e = estimateBackfill({
      orders: orders(20_000, 5_000),
      shares: { paid: 0.6, credited: 0.1, allocations: 0.05 },
      dayLimit: 1000,
    });
    // 200 chunks × (1 look-up + 2 invoices + 2 payments + 1 credit note) + 100 contact batches + 1,000 allocations.
    expect(e.calls).toBe(200 * 6 + 100 + 1000);
    expect(e.days).toBeCloseTo(2300 / 800, 2);
    expect(e.ordersPerDay).toBe(Math.floor(20_000 / (2300 / 800)));
  });

  it('costs no contact call for customers Xero knows and a contact for each guest', () => {
    const known = estimateBackfill({
      orders: orders(50, 5),
      shares: { paid: 0, credited: 0, allocations: 0 },
      dayLimit: 5000,
      knownCustomers: new Set(['c0', 'c1', 'c2', 'c3', 'c4']),
    });
    expect(known.calls).toBe(2);
    const guests = estimateBackfill({
      orders: [
        { id: 'g1', customerId: null },
        { id: 'g2', customerId: null },
      ],
      shares: { paid: 0, credited: 0, allocations: 0 },
      dayLimit: 5000,
    });
    expect(guests.calls).toBe(3);
  });
});

describe('pacing', () => {
  const startedAt = new Date('2026-12-05T00:00:00Z');
  it('allows orders evenly over the day and tells when the rest is done', () => {
    const dayMs = 86_400_000;
    expect(
      ordersAllowedBy({ ordersPerDay: 8000, startedAt, now: new Date('2026-12-05T06:00:00Z'), dayMs }),
    ).toBe(2000);
    expect(
      ordersAllowedBy({ ordersPerDay: 8000, startedAt, now: new Date('2026-12-04T06:00:00Z'), dayMs }),
    ).toBe(0);
    expect(backfillEta({ remaining: 4000, ordersPerDay: 8000, now: startedAt, dayMs })?.toISOString()).toBe(
      '2026-12-05T12:00:00.000Z',
    );
    expect(backfillEta({ remaining: 0, ordersPerDay: 0, now: startedAt, dayMs })).toEqual(startedAt);
  });
});
