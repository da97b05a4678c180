import { ok } from '@ledgerbridge/canonical';
import { describe, expect, it } from 'vitest';
import { invoiceOperation } from './invoice.ts';
import type { PrepareContext } from './operation.ts';
import { operationRow, related } from './testing/operation-row.ts';

const payload = {
  number: 'INV-O1',
  reference: 'O1',
  date: '2026-12-01',
  dueDate: '2026-12-31',
  currency: 'AUD',
  lineAmountTypes: 'Exclusive',
  status: 'AUTHORISED',
  total: '110.00',
  conversion: null,
  lines: [
    {
      description: 'Mug',
      quantity: '1',
      unitAmount: '100.00',
      accountCode: '200',
      taxType: 'OUTPUT',
      tracking: [],
    },
  ],
};

describe('invoice operation', () => {
  it('sends the planned invoice to its contact, without what only the plan needs', () => {
    const contact = operationRow('contact', {}, { id: 'c', target_id: 'XC' });
    const draft = invoiceOperation.draft?.(
      operationRow('invoice', payload, { depends_on: 'c' }),
      related(contact),
    );
    expect(draft).toMatchObject({ number: 'INV-O1', contactId: 'XC', status: 'AUTHORISED' });
    expect(draft).not.toHaveProperty('total');
    expect(draft).not.toHaveProperty('conversion');
  });

  it.each([
    { status: 'AUTHORISED', amountPaid: '0.00', expected: '0.00' },
    { status: 'DRAFT', amountPaid: undefined, expected: '0' },
  ])('Xero made it ($status): the order is invoiced with its number', ({ status, amountPaid, expected }) => {
    const answer = { id: 'XINV', number: 'INV-O1', status, total: '110.00', currency: 'AUD', amountPaid };
    const settlement = invoiceOperation.settle(operationRow('invoice', payload), answer, {});
    expect(settlement.orderEvent).toEqual({
      type: 'invoiced',
      invoiceId: 'XINV',
      invoiceNumber: 'INV-O1',
      amountPaid: expected,
    });
    expect(settlement.note?.message).toBe(`Invoice INV-O1 created in Xero (${status}), total 110.00 AUD.`);
    expect(settlement.wrote).toBeUndefined();
    const stamped = invoiceOperation.settle(
      operationRow('invoice', payload),
      { ...answer, updatedAt: '2026-12-01T00:00:00.000Z' },
      {},
    );
    expect(stamped.wrote).toEqual({
      category: 'INVOICE',
      documentId: 'XINV',
      updatedAt: '2026-12-01T00:00:00.000Z',
    });
  });

  it('past the idempotency window, settles invoices Xero has by number and sends the rest', async () => {
    const context = {
      tenantId: 't',
      accounting: { findInvoices: async () => ok([{ id: 'XINV', number: 'INV-O1' }]) },
    } as unknown as PrepareContext;
    const one = { op: operationRow('invoice', payload), draft: { number: 'INV-O1' } };
    const two = { op: operationRow('invoice', payload), draft: { number: 'INV-O2' } };
    const looked = await invoiceOperation.lookUp?.(context, [one, two] as never);
    expect(looked?.found.map((f) => f.value.id)).toEqual(['XINV']);
    expect(looked?.remaining).toEqual([two]);
    expect(looked?.calls).toBe(1);
  });

  it('carries a new customer’s contact whole, without a contact ID (decision 0111)', () => {
    const newContact = { contactNumber: 'buyer/ada', name: 'Ada Byron', email: 'ada@example.com' };
    const contact = operationRow(
      'contact',
      {},
      { id: 'c', status: 'done', result: { carried: { by: 'invoice-op', draft: newContact } } },
    );
    const invoice = operationRow('invoice', payload, { depends_on: 'c' });
    expect(invoiceOperation.draft?.(invoice, related(contact))).toMatchObject({ contactId: '', newContact });
    expect(invoiceOperation.waits?.(invoice, related(contact))).toBe(false);
  });

  it.each([
    {
      what: 'carried by another invoice',
      result: { carried: { by: 'other-invoice', draft: { name: 'A' } } },
    },
    { what: 'planned again, not in Xero yet', result: null },
  ])('waits while its customer’s contact is $what', ({ result }) => {
    const contact = operationRow('contact', {}, { id: 'c', status: 'done', result });
    const invoice = operationRow('invoice', payload, { depends_on: 'c' });
    expect(invoiceOperation.waits?.(invoice, related(contact))).toBe(true);
  });

  it('does not wait for a contact with its ID', () => {
    const contact = operationRow('contact', {}, { id: 'c', status: 'done', target_id: 'XC' });
    const invoice = operationRow('invoice', payload, { depends_on: 'c' });
    expect(invoiceOperation.waits?.(invoice, related(contact))).toBe(false);
  });
});
