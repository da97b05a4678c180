import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Invoice } from 'xero-node';
import { type Harness, startHarness, TENANTS, unique } from '../testing/xero-node-harness.ts';

let strict: Harness;
beforeAll(async () => {
  strict = await startHarness({ contractCheck: 'strict' });
});
afterAll(async () => {
  await strict.sandbox.close();
});

async function rawPut(h: Harness, body: string) {
  return fetch(`${h.sandbox.apiBasePath}/Invoices?summarizeErrors=false`, {
    method: 'PUT',
    headers: {
      authorization: `Bearer ${h.accessToken}`,
      'xero-tenant-id': TENANTS.au,
      'content-type': 'application/json',
    },
    body,
  });
}

describe('contract check against xero_accounting.yaml', () => {
  it('passes what the real xero-node client sends, including its newer allowBackorders parameter', async () => {
    const api = strict.xero.accountingApi;
    await strict.sandbox.admin.clearContractViolations();
    const created = await api.createInvoices(
      TENANTS.au,
      {
        invoices: [
          {
            type: Invoice.TypeEnum.ACCREC,
            contact: { name: unique('Contract') },
            date: '2026-06-01',
            lineItems: [
              { description: 'x', quantity: 1, unitAmount: 12.5, accountCode: '200', taxType: 'OUTPUT' },
            ],
            status: Invoice.StatusEnum.AUTHORISED,
          },
        ],
      },
      false,
      4,
      unique('key'),
      true,
    );
    const invoiceID = created.body.invoices?.[0]?.invoiceID ?? '';
    await api.getInvoices(
      TENANTS.au,
      new Date(),
      'Status=="AUTHORISED"',
      'Date DESC',
      [invoiceID],
      undefined,
      undefined,
      ['AUTHORISED'],
      1,
      undefined,
      undefined,
      4,
      undefined,
      50,
    );
    await api.getInvoice(TENANTS.au, invoiceID);
    await api.createPayments(TENANTS.au, {
      payments: [{ invoice: { invoiceID }, account: { code: '090' }, date: '2026-06-02', amount: 1 }],
    });
    await api.getContacts(TENANTS.au, undefined, undefined, undefined, undefined, 1, true);
    await api.getOrganisations(TENANTS.au);
    await api.getTaxRates(TENANTS.au);
    expect(await strict.sandbox.admin.contractViolations()).toEqual([]);
  });

  it('bites in strict mode: a field of the wrong type is a 400 and a recorded violation', async () => {
    const response = await rawPut(
      strict,
      JSON.stringify({ Invoices: [{ Type: 'ACCREC', LineItems: [{ Quantity: 'two' }] }] }),
    );
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({ Type: 'PostDataInvalidException' });
    const violations = await strict.sandbox.admin.contractViolations();
    expect(violations.at(-1)).toMatchObject({ method: 'PUT', operationId: 'createInvoices' });
    expect(violations.at(-1)?.errors.join(' ')).toContain(
      '/requestBody/Invoices/0/LineItems/0/Quantity must be number',
    );
  });

  it('records without refusing in record mode, malformed JSON included', async () => {
    const record = await startHarness({ contractCheck: true });
    try {
      const response = await rawPut(record, '{"Invoices": [{"Type": "ACCREC",');
      expect(response.status).toBe(400);
      const badType = await rawPut(
        record,
        JSON.stringify({ Invoices: [{ Type: 'ACCREC', Contact: { Name: 5 } }] }),
      );
      expect(badType.status).toBe(200);
      const violations = await record.sandbox.admin.contractViolations();
      expect(violations).toHaveLength(2);
      expect(violations[0]?.errors.join(' ')).toMatch(/JSON/);
      expect(violations[1]?.errors).toContain('/requestBody/Invoices/0/Contact/Name must be string');
    } finally {
      await record.sandbox.close();
    }
  });
});
