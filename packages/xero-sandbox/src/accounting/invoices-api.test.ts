import { describe, expect, it } from 'vitest';
import { CurrencyCode, Invoice, LineAmountTypes } from 'xero-node';
import { failureOf, TENANTS, unique, useHarness, validationMessages } from '../testing/xero-node-harness.ts';

const h = useHarness();

const api = () => h.xero.accountingApi;

function salesInvoice(overrides: Partial<Invoice> = {}): Invoice {
  return {
    type: Invoice.TypeEnum.ACCREC,
    contact: { name: unique('Customer') },
    date: '2026-05-04',
    dueDate: '2026-05-18',
    lineItems: [{ description: 'Widget', quantity: 2, unitAmount: 10, accountCode: '200' }],
    status: Invoice.StatusEnum.AUTHORISED,
    ...overrides,
  };
}

describe('invoices through xero-node', () => {
  it('creates an authorised invoice with Xero totals, numbering and /Date()/ dates', async () => {
    const { body } = await api().createInvoices(TENANTS.nz, { invoices: [salesInvoice()] }, false);
    const invoice = body.invoices?.[0];
    expect(invoice?.statusAttributeString).toBe('OK');
    expect(invoice).toMatchObject({ subTotal: 20, totalTax: 3, total: 23, amountDue: 23, amountPaid: 0 });
    expect(invoice?.invoiceNumber).toMatch(/^INV-\d{4}$/);
    expect(invoice?.lineItems?.[0]).toMatchObject({ lineAmount: 20, taxAmount: 3, taxType: 'OUTPUT2' });
    // xero-node turns /Date(ms+0000)/ into a Date.
    expect(invoice?.date).toEqual(new Date('2026-05-04T00:00:00Z'));
  });

  it('computes inclusive tax per line as LA × r / (1 + r), rounded to cents, then summed', async () => {
    const lines = [9.99, 9.99, 9.99].map((unitAmount) => ({
      description: 'Tee',
      quantity: 1,
      unitAmount,
      accountCode: '200',
    }));
    const { body } = await api().createInvoices(
      TENANTS.nz,
      { invoices: [salesInvoice({ lineAmountTypes: LineAmountTypes.Inclusive, lineItems: lines })] },
      false,
    );
    const invoice = body.invoices?.[0];
    expect(invoice?.lineItems?.map((line) => line.taxAmount)).toEqual([1.3, 1.3, 1.3]);
    expect(invoice).toMatchObject({ subTotal: 26.07, totalTax: 3.9, total: 29.97 });
  });

  it('rounds half away from zero per line and honours an explicit line TaxAmount', async () => {
    const { body } = await api().createInvoices(
      TENANTS.au,
      {
        invoices: [
          salesInvoice({
            lineItems: [
              { description: 'Sticker', quantity: 3, unitAmount: 0.05, accountCode: '200' },
              { description: 'Override', quantity: 1, unitAmount: 100, accountCode: '200', taxAmount: 9.5 },
            ],
          }),
        ],
      },
      false,
    );
    const invoice = body.invoices?.[0];
    // 0.15 × 10% = 0.015 → 0.02 per line (half away from zero).
    expect(invoice?.lineItems?.map((line) => line.taxAmount)).toEqual([0.02, 9.5]);
    expect(invoice).toMatchObject({ subTotal: 100.15, totalTax: 9.52, total: 109.67 });
  });

  it('keeps 4-decimal unit amounts only with unitdp=4', async () => {
    const line = { description: 'Bolt', quantity: 3, unitAmount: 1.2345, accountCode: '200' };
    const four = await api().createInvoices(
      TENANTS.uk,
      { invoices: [salesInvoice({ lineItems: [line] })] },
      false,
      4,
    );
    expect(four.body.invoices?.[0]?.lineItems?.[0]).toMatchObject({ unitAmount: 1.2345, lineAmount: 3.7 });
    const two = await api().createInvoices(
      TENANTS.uk,
      { invoices: [salesInvoice({ lineItems: [line] })] },
      false,
    );
    expect(two.body.invoices?.[0]?.lineItems?.[0]).toMatchObject({ unitAmount: 1.23, lineAmount: 3.69 });
  });

  it('prices, describes and codes lines from an Item', async () => {
    const code = unique('SKU');
    await api().createItems(TENANTS.au, {
      items: [
        {
          code,
          name: 'Mug',
          description: 'Coffee mug',
          salesDetails: { unitPrice: 12.5, accountCode: '200', taxType: 'OUTPUT' },
        },
      ],
    });
    const { body } = await api().createInvoices(
      TENANTS.au,
      { invoices: [salesInvoice({ lineItems: [{ itemCode: code, quantity: 2 }] })] },
      false,
    );
    expect(body.invoices?.[0]?.lineItems?.[0]).toMatchObject({
      itemCode: code,
      description: 'Coffee mug',
      unitAmount: 12.5,
      lineAmount: 25,
      accountCode: '200',
      taxAmount: 2.5,
    });
    const items = await api().getItems(TENANTS.au, undefined, `Code=="${code}"`);
    expect(items.body.items?.map((item) => item.name)).toEqual(['Mug']);
  });

  it('refuses a duplicate invoice number with Xero’s text', async () => {
    const invoiceNumber = unique('INV');
    await api().createInvoices(TENANTS.nz, { invoices: [salesInvoice({ invoiceNumber })] });
    const failure = await failureOf(
      api().createInvoices(TENANTS.nz, { invoices: [salesInvoice({ invoiceNumber })] }),
    );
    expect(failure.statusCode).toBe(400);
    expect(failure.body).toMatchObject({
      ErrorNumber: 10,
      Type: 'ValidationException',
      Message: 'A validation exception occurred',
    });
    expect(validationMessages(failure)).toEqual(['Invoice # must be unique.']);
  });

  it('refuses bad account codes, tax types and currencies with Xero’s texts', async () => {
    const { body } = await api().createInvoices(
      TENANTS.nz,
      {
        invoices: [
          salesInvoice({ lineItems: [{ description: 'x', quantity: 1, unitAmount: 5, accountCode: '999' }] }),
          salesInvoice({
            lineItems: [
              { description: 'x', quantity: 1, unitAmount: 5, accountCode: '200', taxType: 'INPUT2' },
            ],
          }),
          salesInvoice({
            lineItems: [
              { description: 'x', quantity: 1, unitAmount: 5, accountCode: '200', taxType: 'BOGUS' },
            ],
          }),
          salesInvoice({ lineItems: [{ description: 'x', quantity: 1, unitAmount: 5, accountCode: '090' }] }),
          salesInvoice({ currencyCode: CurrencyCode.USD }),
        ],
      },
      false,
    );
    const errors = body.invoices?.map((invoice) => invoice.validationErrors?.map((error) => error.message));
    expect(errors).toEqual([
      ["Account code '999' is not a valid code for this document."],
      ["The TaxType code 'INPUT2' cannot be used with account code '200'."],
      ['The TaxType code BOGUS does not exist or cannot be used for this type of transaction.'],
      ["Account code '090' is not a valid code for this document."],
      ['Organisation is not subscribed to currency USD'],
    ]);
    expect(
      body.invoices?.every((invoice) => invoice.hasErrors && invoice.statusAttributeString === 'ERROR'),
    ).toBe(true);
  });

  it('accepts an enabled foreign currency with a default day rate', async () => {
    const { body } = await api().createInvoices(
      TENANTS['multi-currency'],
      { invoices: [salesInvoice({ currencyCode: CurrencyCode.USD })] },
      false,
    );
    expect(body.invoices?.[0]).toMatchObject({ currencyCode: 'USD', statusAttributeString: 'OK' });
    expect(body.invoices?.[0]?.currencyRate).toBeCloseTo(0.595238, 6);
  });

  it('allows at most two tracking categories per line', async () => {
    const tracking = [
      { name: 'Region', option: 'North' },
      { name: 'Sales Channel', option: 'Online' },
      { name: 'Legacy Division', option: 'Head Office' },
    ];
    const { body } = await api().createInvoices(
      TENANTS.au,
      {
        invoices: [
          salesInvoice({
            lineItems: [{ description: 'x', quantity: 1, unitAmount: 5, accountCode: '200', tracking }],
          }),
          salesInvoice({
            lineItems: [
              {
                description: 'x',
                quantity: 1,
                unitAmount: 5,
                accountCode: '200',
                tracking: tracking.slice(0, 2),
              },
            ],
          }),
        ],
      },
      false,
    );
    expect(body.invoices?.[0]?.validationErrors?.[0]?.message).toBe(
      'A maximum of two tracking categories can be used on a line item.',
    );
    expect(body.invoices?.[1]?.lineItems?.[0]?.tracking?.map((t) => t.option)).toEqual(['North', 'Online']);
  });

  it('refuses to approve a document dated on or before the period lock date', async () => {
    await h.sandbox.admin.updateOrg(TENANTS.us, { periodLockDate: '2026-03-31' });
    try {
      const failure = await failureOf(
        api().createInvoices(TENANTS.us, { invoices: [salesInvoice({ date: '2026-03-31' })] }),
      );
      expect(validationMessages(failure)).toEqual([
        'The document date cannot be before the period lock date, currently set at 31-Mar-2026',
      ]);
      const draft = await api().createInvoices(TENANTS.us, {
        invoices: [salesInvoice({ date: '2026-03-31', status: Invoice.StatusEnum.DRAFT })],
      });
      expect(draft.body.invoices?.[0]?.status).toBe('DRAFT');
    } finally {
      await h.sandbox.admin.updateOrg(TENANTS.us, { periodLockDate: null });
    }
  });

  it('deletes drafts, voids authorised invoices and refuses other transitions', async () => {
    const created = await api().createInvoices(TENANTS.uk, {
      invoices: [salesInvoice({ status: Invoice.StatusEnum.DRAFT }), salesInvoice()],
    });
    const [draft, approved] = created.body.invoices ?? [];
    const draftId = draft?.invoiceID ?? '';
    const approvedId = approved?.invoiceID ?? '';
    const deleted = await api().updateInvoice(TENANTS.uk, draftId, {
      invoices: [{ status: Invoice.StatusEnum.DELETED }],
    });
    expect(deleted.body.invoices?.[0]?.status).toBe('DELETED');
    const refused = await failureOf(
      api().updateInvoice(TENANTS.uk, approvedId, { invoices: [{ status: Invoice.StatusEnum.DELETED }] }),
    );
    expect(validationMessages(refused)).toEqual(['Invoice not of valid status for modification']);
    const voided = await api().updateInvoice(TENANTS.uk, approvedId, {
      invoices: [{ status: Invoice.StatusEnum.VOIDED }],
    });
    expect(voided.body.invoices?.[0]).toMatchObject({ status: 'VOIDED', amountDue: 0 });
  });

  it('updates by InvoiceNumber with POST and creates a contact from a bare name once', async () => {
    const invoiceNumber = unique('UPD');
    const name = unique('New Customer');
    await api().createInvoices(TENANTS.au, {
      invoices: [salesInvoice({ invoiceNumber, status: Invoice.StatusEnum.DRAFT, contact: { name } })],
    });
    const { body } = await api().updateOrCreateInvoices(TENANTS.au, {
      invoices: [
        { invoiceNumber, reference: 'PO-77', contact: { name }, status: Invoice.StatusEnum.AUTHORISED },
      ],
    });
    expect(body.invoices?.[0]).toMatchObject({ invoiceNumber, reference: 'PO-77', status: 'AUTHORISED' });
    const contacts = await api().getContacts(TENANTS.au, undefined, `Name=="${name}"`);
    expect(contacts.body.contacts).toHaveLength(1);
    expect(contacts.body.contacts?.[0]?.isCustomer).toBe(true);
  });

  it('reads invoices back with where, InvoiceNumbers, Statuses, paging and If-Modified-Since', async () => {
    const reference = unique('REF');
    const created = await api().createInvoices(TENANTS.nz, {
      invoices: [salesInvoice({ reference }), salesInvoice({ reference, status: Invoice.StatusEnum.DRAFT })],
    });
    const numbers = created.body.invoices?.map((invoice) => invoice.invoiceNumber ?? '') ?? [];
    const byWhere = await api().getInvoices(
      TENANTS.nz,
      undefined,
      `Reference=="${reference}" AND Status=="AUTHORISED"`,
    );
    expect(byWhere.body.invoices?.map((invoice) => invoice.invoiceNumber)).toEqual([numbers[0]]);
    // Without paging Xero leaves line items out of list reads.
    expect(byWhere.body.invoices?.[0]?.lineItems).toBeUndefined();
    const byNumbers = await api().getInvoices(
      TENANTS.nz,
      undefined,
      undefined,
      undefined,
      undefined,
      numbers,
      undefined,
      ['DRAFT'],
      1,
      undefined,
      undefined,
      undefined,
      undefined,
      10,
    );
    expect(byNumbers.body.invoices?.map((invoice) => invoice.invoiceNumber)).toEqual([numbers[1]]);
    expect(byNumbers.body.invoices?.[0]?.lineItems).toHaveLength(1);
    expect(byNumbers.body.pagination).toMatchObject({ page: 1, pageSize: 10, itemCount: 1, pageCount: 1 });
    const future = new Date((await h.sandbox.admin.now()) + 60_000);
    const none = await api().getInvoices(TENANTS.nz, future, `Reference=="${reference}"`);
    expect(none.body.invoices).toEqual([]);
    const one = await api().getInvoice(TENANTS.nz, numbers[0] ?? '');
    expect(one.body.invoices?.[0]?.reference).toBe(reference);
  });

  it('refuses where syntax it does not understand instead of ignoring it', async () => {
    const failure = await failureOf(api().getInvoices(TENANTS.nz, undefined, 'Reference.ToLower()=="x"'));
    expect(failure.statusCode).toBe(400);
    expect(failure.body).toMatchObject({ ErrorNumber: 16, Type: 'QueryParseException' });
  });

  it('answers 404 for an unknown invoice', async () => {
    const failure = await failureOf(api().getInvoice(TENANTS.nz, '6c7ad1a2-0000-4000-8000-000000000000'));
    expect(failure.statusCode).toBe(404);
  });
});
