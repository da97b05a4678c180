import { describe, expect, it } from 'vitest';
import { Invoice } from 'xero-node';
import { failureOf, TENANTS, unique, useHarness, validationMessages } from '../testing/xero-node-harness.ts';

const h = useHarness();

function invoice(reference: string, accountCode: string): Invoice {
  return {
    type: Invoice.TypeEnum.ACCREC,
    contact: { name: 'Ridgeway Traders' },
    reference,
    lineItems: [{ description: 'Service', quantity: 1, unitAmount: 50, accountCode }],
    status: Invoice.StatusEnum.AUTHORISED,
  };
}

describe('summarizeErrors', () => {
  it('false: HTTP 200 with a verdict and Xero’s messages on every element', async () => {
    const reference = unique('BATCH');
    const { response, body } = await h.xero.accountingApi.createInvoices(
      TENANTS.au,
      { invoices: [invoice(reference, '200'), invoice(reference, '999')] },
      false,
    );
    expect(response.status).toBe(200);
    const [good, bad] = body.invoices ?? [];
    expect(good).toMatchObject({ statusAttributeString: 'OK', hasErrors: false, validationErrors: [] });
    expect(bad).toMatchObject({
      statusAttributeString: 'ERROR',
      hasErrors: true,
      invoiceID: '00000000-0000-0000-0000-000000000000',
    });
    expect(bad?.validationErrors?.map((error) => error.message)).toEqual([
      "Account code '999' is not a valid code for this document.",
    ]);
  });

  it('true (the default): HTTP 400 for the batch, yet the valid element was created and its ID is not returned', async () => {
    const reference = unique('BATCH');
    const failure = await failureOf(
      h.xero.accountingApi.createInvoices(TENANTS.au, {
        invoices: [invoice(reference, '200'), invoice(reference, '999')],
      }),
    );
    expect(failure.statusCode).toBe(400);
    expect(failure.body).toMatchObject({ ErrorNumber: 10, Type: 'ValidationException' });
    expect(validationMessages(failure)).toEqual([
      "Account code '999' is not a valid code for this document.",
    ]);
    expect(JSON.stringify(failure.body)).not.toMatch(/INV-\d{4}/);
    const saved = await h.xero.accountingApi.getInvoices(TENANTS.au, undefined, `Reference=="${reference}"`);
    expect(saved.body.invoices).toHaveLength(1);
    expect(saved.body.invoices?.[0]?.status).toBe('AUTHORISED');
  });

  it('answers malformed JSON with a PostDataInvalidException', async () => {
    const response = await fetch(`${h.sandbox.apiBasePath}/Invoices`, {
      method: 'PUT',
      headers: {
        authorization: `Bearer ${h.accessToken}`,
        'xero-tenant-id': TENANTS.au,
        'content-type': 'application/json',
      },
      body: '{"Invoices": [',
    });
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({ ErrorNumber: 14, Type: 'PostDataInvalidException' });
  });
});
