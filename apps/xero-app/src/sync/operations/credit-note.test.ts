import { describe, expect, it } from 'vitest';
import { creditNoteOperation } from './credit-note.ts';
import { operationRow, related } from './testing/operation-row.ts';

const note = {
  number: 'CN-R1',
  reference: 'R1',
  date: '2026-12-02',
  currency: 'AUD',
  lineAmountTypes: 'Exclusive',
  status: 'AUTHORISED',
  lines: [
    {
      description: 'Refund',
      quantity: '1',
      unitAmount: '20.00',
      accountCode: '200',
      taxType: 'OUTPUT',
      tracking: [],
    },
  ],
};

describe('credit-note operation', () => {
  it('goes to the contact Xero put the invoice on', () => {
    const invoice = operationRow(
      'invoice',
      {},
      { id: 'inv', target_id: 'XINV', result: { contactId: 'XC' } },
    );
    const draft = creditNoteOperation.draft?.(
      operationRow('credit-note', note, { depends_on: 'inv' }),
      related(invoice),
    );
    expect(draft).toMatchObject({ number: 'CN-R1', contactId: 'XC', status: 'AUTHORISED' });
  });

  it('settles with a note on the order and no change of its state (its allocation or refund does that)', () => {
    const settlement = creditNoteOperation.settle(
      operationRow('credit-note', note),
      { id: 'XCN', number: 'CN-R1', total: '22.00' },
      {},
    );
    expect(settlement).toEqual({
      note: { step: 'refund', outcome: 'ok', message: 'Credit note CN-R1 for 22.00 created in Xero.' },
    });
  });
});
