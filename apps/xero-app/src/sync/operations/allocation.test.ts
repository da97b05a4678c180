import { ok, permanent, fail } from '@ledgerbridge/canonical';
import { describe, expect, it } from 'vitest';
import { allocationOperation } from './allocation.ts';
import { operationRow, related } from './testing/operation-row.ts';

const payload = { invoiceOpId: 'inv', amount: '20.00', date: '2026-12-02' };

describe('allocation operation', () => {
  it('applies its credit note to the invoice named in its payload, one per call', () => {
    const op = operationRow('allocation', payload, { depends_on: 'cn' });
    expect(allocationOperation.single).toBe(true);
    expect(allocationOperation.related?.(op)).toEqual(['inv']);
    const draft = allocationOperation.draft?.(
      op,
      related(
        operationRow('credit-note', {}, { id: 'cn', target_id: 'XCN' }),
        operationRow('invoice', {}, { id: 'inv', target_id: 'XINV' }),
      ),
    );
    expect(draft).toEqual({ creditNoteId: 'XCN', invoiceId: 'XINV', amount: '20.00', date: '2026-12-02' });
  });

  it.each([
    {
      answer: ok(undefined),
      expected: ok([
        {
          ok: true,
          value: { id: 'XCN', invoiceId: 'XINV', allocated: '20.00', updatedAt: expect.any(String) },
        },
      ]),
    },
    { answer: fail(permanent('x', 'over-allocated')), expected: fail(permanent('x', 'over-allocated')) },
  ])('Xero answers $answer.ok: the element settles accordingly', async ({ answer, expected }) => {
    const target = { allocateCreditNote: async () => answer };
    const draft = { creditNoteId: 'XCN', invoiceId: 'XINV', amount: '20.00', date: '2026-12-02' };
    expect(
      await allocationOperation.send(target as never, {
        tenantId: 't',
        drafts: [draft],
        idempotencyKey: 'k',
      }),
    ).toEqual(expected);
  });

  it('credits the order', () => {
    const answer = {
      id: 'XCN',
      invoiceId: 'XINV',
      allocated: '20.00',
      updatedAt: '2026-12-02T10:00:00.000Z',
    };
    expect(allocationOperation.settle(operationRow('allocation', payload), answer, {}).wrote).toEqual({
      category: 'INVOICE',
      documentId: 'XINV',
      updatedAt: '2026-12-02T10:00:00.000Z',
    });
    const settlement = allocationOperation.settle(
      operationRow('allocation', payload),
      { id: 'XCN', allocated: '20.00' },
      {},
    );
    expect(settlement.orderEvent).toEqual({ type: 'credited' });
  });
});
