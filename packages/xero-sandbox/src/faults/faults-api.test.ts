import { describe, expect, it } from 'vitest';
import { Invoice } from 'xero-node';
import { failureOf, TENANTS, unique, useHarness } from '../testing/xero-node-harness.ts';

const h = useHarness({ maxHangMs: 2000 });

const api = () => h.xero.accountingApi;

function putInvoice(reference: string, key: string, signal?: AbortSignal) {
  return fetch(`${h.sandbox.apiBasePath}/Invoices`, {
    method: 'PUT',
    headers: {
      authorization: `Bearer ${h.accessToken}`,
      'xero-tenant-id': TENANTS.nz,
      'content-type': 'application/json',
      'idempotency-key': key,
    },
    body: JSON.stringify({
      Invoices: [
        {
          Type: 'ACCREC',
          Contact: { Name: 'Bayside Club' },
          Reference: reference,
          LineItems: [{ Description: 'x', Quantity: 1, UnitAmount: 10, AccountCode: '200' }],
          Status: 'AUTHORISED',
        },
      ],
    }),
    signal,
  });
}

describe('injected faults', () => {
  it('serves a burst of 503s and 500s to one tenant, then recovers', async () => {
    await h.sandbox.admin.injectFault({ kind: 'status', status: 503, count: 2, tenantId: TENANTS.au });
    await h.sandbox.admin.injectFault({ kind: 'status', status: 500, tenantId: TENANTS.au });
    await expect(api().getOrganisations(TENANTS.nz)).resolves.toBeDefined();
    expect((await failureOf(api().getOrganisations(TENANTS.au))).statusCode).toBe(503);
    expect((await failureOf(api().getOrganisations(TENANTS.au))).statusCode).toBe(503);
    const error = await failureOf(api().getOrganisations(TENANTS.au));
    expect(error).toMatchObject({ statusCode: 500, body: { Title: 'An error occurred' } });
    await expect(api().getOrganisations(TENANTS.au)).resolves.toBeDefined();
  });

  it('keeps an internal error (500) for the Idempotency-Key, as Xero does; a 503 is not kept', async () => {
    const key = unique('key');
    const reference = unique('ERR');
    await h.sandbox.admin.injectFault({ kind: 'status', status: 500, tenantId: TENANTS.nz });
    expect((await putInvoice(reference, key)).status).toBe(500);
    // The fault is spent; the same request under the same key still gets the error Xero kept.
    const again = await putInvoice(reference, key);
    expect(again.status).toBe(500);
    const stored = await api().getInvoices(TENANTS.nz, undefined, `Reference=="${reference}"`);
    expect(stored.body.invoices).toEqual([]);
    expect((await putInvoice(reference, unique('key'))).status).toBe(200);

    const other = unique('key');
    await h.sandbox.admin.injectFault({ kind: 'status', status: 503, tenantId: TENANTS.nz });
    expect((await putInvoice(unique('UNAV'), other)).status).toBe(503);
    const log = await h.sandbox.admin.requests({ tenantId: TENANTS.nz, method: 'PUT' });
    const byKey = (k: string) =>
      log.filter((e) => e.idempotencyKey === k).map((e) => [e.status, e.replayed ?? false]);
    expect(byKey(key)).toEqual([
      [500, false],
      [500, true],
    ]);
    expect(byKey(other)).toEqual([[503, false]]);
  });

  it('answers every call for the length of an incident (forMs), however few calls come', async () => {
    await h.sandbox.admin.injectFault({ kind: 'status', status: 503, forMs: 60_000, tenantId: TENANTS.uk });
    for (let call = 0; call < 3; call += 1)
      expect((await failureOf(api().getOrganisations(TENANTS.uk))).statusCode).toBe(503);
    await h.sandbox.admin.advance(60_000);
    await expect(api().getOrganisations(TENANTS.uk)).resolves.toBeDefined();
    expect(await h.sandbox.admin.faults()).toEqual([]);
  });

  it('resets the connection', async () => {
    await h.sandbox.admin.injectFault({ kind: 'reset', tenantId: TENANTS.uk });
    const failure = await failureOf(api().getOrganisations(TENANTS.uk));
    expect(failure.statusCode).toBe(0);
    await expect(api().getOrganisations(TENANTS.uk)).resolves.toBeDefined();
  });

  it('slows responses while holding the in-flight slot', async () => {
    await h.sandbox.admin.injectFault({ kind: 'slow', delayMs: 150, tenantId: TENANTS.us });
    const started = performance.now();
    await api().getOrganisations(TENANTS.us);
    expect(performance.now() - started).toBeGreaterThanOrEqual(140);
  });

  it('hangs past the client timeout after saving: the retry with the same key is replayed, not duplicated', async () => {
    const reference = unique('HANG');
    const key = unique('key');
    await h.sandbox.admin.injectFault({ kind: 'hang', phase: 'after', tenantId: TENANTS.nz });
    await expect(putInvoice(reference, key, AbortSignal.timeout(200))).rejects.toThrow();
    const retry = await putInvoice(reference, key);
    expect(retry.status).toBe(200);
    const retried = (await retry.json()) as { Invoices: { InvoiceID: string }[] };
    const stored = await api().getInvoices(TENANTS.nz, undefined, `Reference=="${reference}"`);
    expect(stored.body.invoices?.map((invoice) => invoice.invoiceID)).toEqual([
      retried.Invoices[0]?.InvoiceID,
    ]);
    const log = await h.sandbox.admin.requests({ tenantId: TENANTS.nz, method: 'PUT' });
    const attempts = log.filter((entry) => entry.idempotencyKey === key);
    expect(attempts.map((entry) => [entry.fault ?? null, entry.replayed ?? false])).toEqual([
      ['hang', false],
      [null, true],
    ]);
  });

  it('hangs before saving: nothing is created until the client retries', async () => {
    const reference = unique('HANG-B');
    await h.sandbox.admin.injectFault({ kind: 'hang', phase: 'before', tenantId: TENANTS.nz });
    await expect(putInvoice(reference, unique('key'), AbortSignal.timeout(200))).rejects.toThrow();
    const stored = await api().getInvoices(TENANTS.nz, undefined, `Reference=="${reference}"`);
    expect(stored.body.invoices).toEqual([]);
    const created = await api().createInvoices(TENANTS.nz, {
      invoices: [
        {
          type: Invoice.TypeEnum.ACCREC,
          contact: { name: 'Bayside Club' },
          reference,
          lineItems: [{ description: 'x', quantity: 1, unitAmount: 10, accountCode: '200' }],
        },
      ],
    });
    expect(created.body.invoices?.[0]?.reference).toBe(reference);
  });
});
