import { describe, expect, it } from 'vitest';
import type { FinalStateReading, OrderFacts } from '../support/xero-final-state.ts';
import { canonicalJson, compareDocuments, sameState } from './compare-documents.ts';

type LiveOrder = Extract<OrderFacts, { canceled: false }>;

const paidOrder = (index: number, payments: string[]): LiveOrder => ({
  index,
  canceled: false,
  invoices: [
    {
      total: '158.37',
      totalTax: '14.39',
      status: 'PAID',
      amountPaid: '158.37',
      amountCredited: '0.00',
      contact: 'retail-au/au-shopper-2',
    },
  ],
  payments,
  creditNotes: [],
});

const reading = (orders: OrderFacts[], problems: string[] = []): FinalStateReading => ({
  state: { orders, invoicedContacts: ['retail-au/au-shopper-2'] },
  problems,
  counts: { invoices: orders.length, contacts: 1, payments: 0, creditNotes: 0 },
});

/** What PostgreSQL's jsonb gives back: keys shorter first, then by bytes (the shared baseline's column). */
function asJsonbReturnsIt<T>(value: T): T {
  return JSON.parse(
    JSON.stringify(value, (_key, inner: unknown) =>
      inner && typeof inner === 'object' && !Array.isArray(inner)
        ? Object.fromEntries(
            Object.entries(inner).sort(([a], [b]) => a.length - b.length || (a < b ? -1 : a > b ? 1 : 0)),
          )
        : inner,
    ),
  ) as T;
}

describe('compareDocuments', () => {
  const baseline = reading([paidOrder(0, ['109.28', '49.09']), { index: 1, canceled: true, settled: true }]);

  it('finds nothing between a run and a baseline whose keys came back in another order', () => {
    const stored = asJsonbReturnsIt(baseline);
    expect(JSON.stringify(stored.state)).not.toBe(JSON.stringify(baseline.state));
    expect(compareDocuments(baseline, stored)).toEqual({ lost: 0, duplicates: 0, differences: [] });
    expect(sameState(baseline, stored)).toBe(true);
  });

  it('counts a payment the run lacks as lost and names the order', () => {
    const outcome = reading([paidOrder(0, ['109.28']), { index: 1, canceled: true, settled: true }]);
    const compared = compareDocuments(outcome, asJsonbReturnsIt(baseline));
    expect(compared.lost).toBe(1);
    expect(compared.duplicates).toBe(0);
    expect(compared.differences).toHaveLength(1);
    expect(compared.differences[0]).toMatch(/^order #0: /);
    expect(sameState(outcome, baseline)).toBe(false);
  });

  it('counts a second invoice of an order once, and a canceled order’s second invoice from the problems', () => {
    const live = paidOrder(0, ['109.28', '49.09']);
    const outcome = reading(
      [
        { ...live, invoices: [...live.invoices, ...live.invoices] },
        { index: 1, canceled: true, settled: true },
      ],
      ['order #0 (Completed) has 2 invoices in Xero, expected exactly 1', 'canceled order #1 has 2 invoices'],
    );
    expect(compareDocuments(outcome, baseline)).toMatchObject({ lost: 0, duplicates: 2 });
  });

  it('reports a different amount that leaves the counts equal', () => {
    const outcome = reading([paidOrder(0, ['109.28', '49.10']), { index: 1, canceled: true, settled: true }]);
    expect(compareDocuments(outcome, baseline)).toMatchObject({ lost: 0, duplicates: 0 });
    expect(compareDocuments(outcome, baseline).differences).toHaveLength(1);
  });

  it('counts a canceled order left unsettled as a lost settlement', () => {
    const outcome = reading([
      paidOrder(0, ['109.28', '49.09']),
      { index: 1, canceled: true, settled: false },
    ]);
    expect(compareDocuments(outcome, baseline)).toMatchObject({ lost: 1, duplicates: 0 });
  });
});

describe('canonicalJson', () => {
  it('writes objects with the same entries the same way, whatever their key order', () => {
    expect(canonicalJson({ b: 1, a: { d: [2, { f: 1, e: 0 }], c: 3 } })).toBe(
      canonicalJson({ a: { c: 3, d: [2, { e: 0, f: 1 }] }, b: 1 }),
    );
    expect(canonicalJson([1, 2])).not.toBe(canonicalJson([2, 1]));
  });
});
