import { describe, expect, it } from 'vitest';
import { Invoice } from 'xero-node';
import { failureOf, TENANTS, unique, useHarness, validationMessages } from '../testing/xero-node-harness.ts';

const h = useHarness();

const api = () => h.xero.accountingApi;

function invoice(reference: string, accountCode = '200'): Invoice {
  return {
    type: Invoice.TypeEnum.ACCREC,
    contact: { name: 'Bayside Club' },
    reference,
    lineItems: [{ description: 'Membership', quantity: 1, unitAmount: 80, accountCode }],
    status: Invoice.StatusEnum.AUTHORISED,
  };
}

async function countByReference(tenantId: string, reference: string): Promise<number> {
  const { body } = await api().getInvoices(tenantId, undefined, `Reference=="${reference}"`);
  return body.invoices?.length ?? 0;
}

describe('Idempotency-Key', () => {
  it('replays the first response inside six minutes and creates anew after them', async () => {
    const reference = unique('IDEM');
    const key = unique('key');
    const first = await api().createInvoices(
      TENANTS.nz,
      { invoices: [invoice(reference)] },
      false,
      undefined,
      key,
    );
    const replay = await api().createInvoices(
      TENANTS.nz,
      { invoices: [invoice(reference)] },
      false,
      undefined,
      key,
    );
    expect(replay.response.status).toBe(200);
    expect(replay.body.invoices?.[0]?.invoiceID).toBe(first.body.invoices?.[0]?.invoiceID);
    expect(await countByReference(TENANTS.nz, reference)).toBe(1);
    await h.sandbox.admin.advance(6 * 60_000);
    const later = await api().createInvoices(
      TENANTS.nz,
      { invoices: [invoice(reference)] },
      false,
      undefined,
      key,
    );
    expect(later.body.invoices?.[0]?.invoiceID).not.toBe(first.body.invoices?.[0]?.invoiceID);
    expect(await countByReference(TENANTS.nz, reference)).toBe(2);
  });

  it('refuses the same key with a different body', async () => {
    const key = unique('key');
    await api().createInvoices(TENANTS.au, { invoices: [invoice(unique('A'))] }, false, undefined, key);
    const failure = await failureOf(
      api().createInvoices(TENANTS.au, { invoices: [invoice(unique('B'))] }, false, undefined, key),
    );
    expect(failure.statusCode).toBe(400);
    expect(JSON.stringify(failure.body)).toContain(
      `Idempotency Key: ${key} is used with a different request.`,
    );
  });

  it('replays errors too, and a replay still spends rate-limit quota', async () => {
    const key = unique('key');
    const reference = unique('ERR');
    const first = await failureOf(
      api().createInvoices(TENANTS.uk, { invoices: [invoice(reference, '999')] }, true, undefined, key),
    );
    const again = await failureOf(
      api().createInvoices(TENANTS.uk, { invoices: [invoice(reference, '999')] }, true, undefined, key),
    );
    expect(again.statusCode).toBe(400);
    expect(again.body).toEqual(first.body);
    expect(validationMessages(again)).toEqual(["Account code '999' is not a valid code for this document."]);
    expect(Number(again.headers['x-minlimit-remaining'])).toBe(
      Number(first.headers['x-minlimit-remaining']) - 1,
    );
    const replays = await h.sandbox.admin.requests({
      tenantId: TENANTS.uk,
      path: '/Invoices',
      method: 'PUT',
    });
    expect(
      replays.filter((entry) => entry.idempotencyKey === key).map((entry) => entry.replayed ?? false),
    ).toEqual([false, true]);
  });

  it('refuses keys longer than 128 characters', async () => {
    const failure = await failureOf(
      api().createInvoices(
        TENANTS.us,
        { invoices: [invoice(unique('L'))] },
        false,
        undefined,
        'k'.repeat(129),
      ),
    );
    expect(failure.statusCode).toBe(400);
  });
});
