import { describe, expect, it } from 'vitest';
import { CreditNote, Invoice } from 'xero-node';
import { failureOf, TENANTS, unique, useHarness, validationMessages } from '../testing/xero-node-harness.ts';

const h = useHarness();

const api = () => h.xero.accountingApi;

describe('credit notes and allocations through xero-node', () => {
  it('allocates an authorised credit note to an invoice of the same contact', async () => {
    const name = unique('Returner');
    const invoice = await api().createInvoices(TENANTS.nz, {
      invoices: [
        {
          type: Invoice.TypeEnum.ACCREC,
          contact: { name },
          lineItems: [{ description: 'Order', quantity: 2, unitAmount: 50, accountCode: '200' }],
          status: Invoice.StatusEnum.AUTHORISED,
        },
      ],
    });
    const invoiceID = invoice.body.invoices?.[0]?.invoiceID ?? '';
    const contactID = invoice.body.invoices?.[0]?.contact?.contactID ?? '';
    const note = await api().createCreditNotes(TENANTS.nz, {
      creditNotes: [
        {
          type: CreditNote.TypeEnum.ACCRECCREDIT,
          contact: { contactID },
          lineItems: [{ description: 'Return', quantity: 1, unitAmount: 50, accountCode: '200' }],
          status: CreditNote.StatusEnum.AUTHORISED,
        },
      ],
    });
    const creditNote = note.body.creditNotes?.[0];
    expect(creditNote).toMatchObject({ total: 57.5, remainingCredit: 57.5 });
    expect(creditNote?.creditNoteNumber).toMatch(/^CN-\d{4}$/);
    const tooMuch = await failureOf(
      api().createCreditNoteAllocation(TENANTS.nz, creditNote?.creditNoteID ?? '', {
        allocations: [{ invoice: { invoiceID }, amount: 60, date: '2026-06-03' }],
      }),
    );
    expect(validationMessages(tooMuch)).toEqual([
      'The amount being allocated exceeds the remaining credit on the credit note',
    ]);
    await api().createCreditNoteAllocation(TENANTS.nz, creditNote?.creditNoteID ?? '', {
      allocations: [{ invoice: { invoiceID }, amount: 57.5, date: '2026-06-03' }],
    });
    const after = await api().getInvoice(TENANTS.nz, invoiceID);
    expect(after.body.invoices?.[0]).toMatchObject({
      amountCredited: 57.5,
      amountDue: 57.5,
      status: 'AUTHORISED',
    });
    const paidNote = await api().getCreditNote(TENANTS.nz, creditNote?.creditNoteID ?? '');
    expect(paidNote.body.creditNotes?.[0]).toMatchObject({ status: 'PAID', remainingCredit: 0 });
    const voidRefused = await failureOf(
      api().updateInvoice(TENANTS.nz, invoiceID, { invoices: [{ status: Invoice.StatusEnum.VOIDED }] }),
    );
    expect(validationMessages(voidRefused)).toEqual([
      'This document cannot be edited as it has a payment or credit note allocated to it.',
    ]);
  });

  it('refuses allocations across contacts', async () => {
    const invoice = await api().createInvoices(TENANTS.au, {
      invoices: [
        {
          type: Invoice.TypeEnum.ACCREC,
          contact: { name: unique('One') },
          lineItems: [{ description: 'x', quantity: 1, unitAmount: 20, accountCode: '200' }],
          status: Invoice.StatusEnum.AUTHORISED,
        },
      ],
    });
    const note = await api().createCreditNotes(TENANTS.au, {
      creditNotes: [
        {
          type: CreditNote.TypeEnum.ACCRECCREDIT,
          contact: { name: unique('Two') },
          lineItems: [{ description: 'x', quantity: 1, unitAmount: 5, accountCode: '200' }],
          status: CreditNote.StatusEnum.AUTHORISED,
        },
      ],
    });
    const failure = await failureOf(
      api().createCreditNoteAllocation(TENANTS.au, note.body.creditNotes?.[0]?.creditNoteID ?? '', {
        allocations: [
          {
            invoice: { invoiceID: invoice.body.invoices?.[0]?.invoiceID ?? '' },
            amount: 5,
            date: '2026-06-03',
          },
        ],
      }),
    );
    expect(validationMessages(failure)).toEqual([
      'The credit note and the invoice must be for the same contact',
    ]);
  });

  it('refuses a new document in a status it cannot start in, or without a Type; creates the contact it names', async () => {
    const line = { description: 'Return', quantity: 1, unitAmount: 10, accountCode: '200' };
    const paidNote = await failureOf(
      api().createCreditNotes(TENANTS.nz, {
        creditNotes: [
          {
            type: CreditNote.TypeEnum.ACCRECCREDIT,
            contact: { name: unique('Paid') },
            lineItems: [line],
            status: CreditNote.StatusEnum.PAID,
          },
        ],
      }),
    );
    expect(validationMessages(paidNote)).toEqual(['Credit Note cannot be created with status PAID.']);
    const paidInvoice = await failureOf(
      api().createInvoices(TENANTS.nz, {
        invoices: [
          {
            type: Invoice.TypeEnum.ACCREC,
            contact: { name: unique('Paid') },
            lineItems: [line],
            status: Invoice.StatusEnum.PAID,
          },
        ],
      }),
    );
    expect(validationMessages(paidInvoice)).toEqual(['Invoice cannot be created with status PAID.']);
    const untyped = await failureOf(
      api().createCreditNotes(TENANTS.nz, {
        creditNotes: [{ contact: { name: unique('NoType') }, lineItems: [line] }],
      }),
    );
    expect(validationMessages(untyped)).toEqual([
      'Credit Note Type must be specified as ACCRECCREDIT or ACCPAYCREDIT.',
    ]);

    const name = unique('Inline');
    const created = await api().createCreditNotes(TENANTS.nz, {
      creditNotes: [{ type: CreditNote.TypeEnum.ACCRECCREDIT, contact: { name }, lineItems: [line] }],
    });
    const contactID = created.body.creditNotes?.[0]?.contact?.contactID ?? '';
    const contact = await api().getContact(TENANTS.nz, contactID);
    expect(contact.body.contacts?.[0]?.name).toBe(name);
  });
});
