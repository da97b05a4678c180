import { ok } from '@ledgerbridge/canonical';
import { describe, expect, it } from 'vitest';
import { operationRow, related } from './testing/operation-row.ts';
import { voidOperation } from './void.ts';

describe('void operation', () => {
  it('voids the invoice it depends on, many in one call, and marks the order voided (ours: no message)', async () => {
    const invoice = operationRow('invoice', {}, { id: 'inv', target_id: 'XINV' });
    const draft = voidOperation.draft?.(operationRow('void', {}, { depends_on: 'inv' }), related(invoice));
    expect(draft).toEqual({ invoiceId: 'XINV' });
    let asked: readonly string[] = [];
    const target = {
      voidInvoices: async (input: { invoiceIds: readonly string[] }) => {
        asked = input.invoiceIds;
        return ok([]);
      },
    };
    await voidOperation.send(target as never, {
      tenantId: 't',
      drafts: [{ invoiceId: 'A' }, { invoiceId: 'B' }],
      idempotencyKey: 'k',
    });
    expect(asked).toEqual(['A', 'B']);
    expect(voidOperation.settle(operationRow('void', {}), { id: 'XINV' }, {})).toEqual({
      orderEvent: { type: 'voided' },
      note: { step: 'void', outcome: 'ok', message: 'Invoice voided in Xero.' },
    });
  });
});
