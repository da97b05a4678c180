import { describe, expect, it } from 'vitest';
import { CurrencyCode, Invoice } from 'xero-node';
import { createXeroSandboxApp, type XeroSandboxApp } from '../sandbox-app.ts';
import { SEEDED_TENANT_IDS } from '../seed/org-seeds.ts';
import {
  failureOf,
  startHarness,
  TENANTS,
  unique,
  useHarness,
  validationMessages,
} from '../testing/xero-node-harness.ts';

const h = useHarness();

describe('operating the sandbox', () => {
  it('seeds six orgs with stable IDs, regional tax, bank and payment accounts', async () => {
    const orgs = await h.sandbox.admin.orgs();
    expect(orgs.map((org) => org.tenantId).sort()).toEqual(Object.values(SEEDED_TENANT_IDS).sort());
    const multi = orgs.find((org) => org.key === 'multi-currency');
    expect(multi?.baseCurrency).toBe('NZD');
    expect(multi?.currencies).toEqual(expect.arrayContaining(['NZD', 'USD', 'AUD', 'GBP', 'EUR']));
    const org = await h.xero.accountingApi.getOrganisations(TENANTS.au);
    expect(org.body.organisations?.[0]).toMatchObject({
      baseCurrency: 'AUD',
      countryCode: 'AU',
      organisationID: TENANTS.au,
    });
    const banks = await h.xero.accountingApi.getAccounts(
      TENANTS.uk,
      undefined,
      'Type=="BANK"||EnablePaymentsToAccount==true',
    );
    expect(banks.body.accounts?.map((account) => account.code)).toEqual(['090', '092', '615', '970', '980']);
    const rates = await h.xero.accountingApi.getTaxRates(
      TENANTS.au,
      'Status=="ACTIVE"&&CanApplyToRevenue==true',
    );
    expect(rates.body.taxRates?.map((rate) => rate.taxType).sort()).toEqual([
      'BASEXCLUDED',
      'EXEMPTOUTPUT',
      'OUTPUT',
    ]);
    const starter = await h.xero.accountingApi.getOrganisations(TENANTS.starter);
    expect(String(starter.body.organisations?.[0]?._class)).toBe('STARTER');
  });

  it('enables currencies only on a multi-currency plan', async () => {
    const added = await h.xero.accountingApi.createCurrency(TENANTS['multi-currency'], {
      code: CurrencyCode.CAD,
    });
    expect(added.body.currencies?.[0]?.code).toBe('CAD');
    const currencies = await h.xero.accountingApi.getCurrencies(TENANTS['multi-currency']);
    expect(currencies.body.currencies?.map((currency) => currency.code)).toContain('CAD');
    const refused = await failureOf(
      h.xero.accountingApi.createCurrency(TENANTS.nz, { code: CurrencyCode.CAD }),
    );
    expect(validationMessages(refused)).toEqual([
      "Multi-currency is not available on this organisation's plan.",
    ]);
  });

  it('logs every call for assertions: method, path, tenant, status, key, in-flight', async () => {
    const reference = unique('LOG');
    const key = unique('key');
    await h.xero.accountingApi.createInvoices(
      TENANTS.us,
      {
        invoices: [
          {
            type: Invoice.TypeEnum.ACCREC,
            contact: { name: 'Bayside Club' },
            reference,
            lineItems: [{ description: 'x', quantity: 1, unitAmount: 1, accountCode: '200' }],
          },
        ],
      },
      false,
      undefined,
      key,
    );
    const [entry] = (await h.sandbox.admin.requests({ tenantId: TENANTS.us, method: 'PUT' })).filter(
      (candidate) => candidate.idempotencyKey === key,
    );
    expect(entry).toMatchObject({
      method: 'PUT',
      path: '/api.xro/2.0/Invoices',
      query: { summarizeErrors: 'false' },
      kind: 'accounting',
      status: 200,
      inFlight: 1,
    });
    const stats = await h.sandbox.admin.stats();
    expect(stats.find((row) => row.tenantId === TENANTS.us)?.totalCalls).toBeGreaterThan(0);
  });

  it('renders a read-only page per org', async () => {
    const invoice = await h.sandbox.admin.createInvoice(TENANTS.nz, {
      Type: 'ACCREC',
      Contact: { Name: 'Page <Customer>' },
      LineItems: [{ Description: 'x', Quantity: 1, UnitAmount: 10, AccountCode: '200' }],
      Status: 'AUTHORISED',
    });
    const html = await (await fetch(`${h.sandbox.url}/orgs/${TENANTS.nz}`)).text();
    expect(html).toContain(String(invoice.InvoiceNumber));
    expect(html).toContain('Page &lt;Customer&gt;');
    expect(await (await fetch(h.sandbox.url)).text()).toContain('Demo Company (NZ)');
  });

  it('runs in process with app.request() too', async () => {
    const inProcess: XeroSandboxApp = await createXeroSandboxApp({ baseUrl: 'http://sandbox.test' });
    try {
      const discovery = await inProcess.app.request('/identity/.well-known/openid-configuration');
      expect(await discovery.json()).toMatchObject({ issuer: 'http://sandbox.test/identity' });
      const unauthorised = await inProcess.app.request('/api.xro/2.0/Invoices');
      expect(unauthorised.status).toBe(401);
    } finally {
      inProcess.dispose();
    }
  });

  it('adds orgs at runtime and resets to the seed', async () => {
    const sandbox = await startHarness();
    try {
      const added = await sandbox.sandbox.admin.addOrg({
        key: 'extra-nz',
        region: 'NZ',
        name: 'Extra Ltd',
        periodLockDate: '2025-12-31',
      });
      expect(added).toMatchObject({ name: 'Extra Ltd', baseCurrency: 'NZD', periodLockDate: '2025-12-31' });
      await sandbox.sandbox.admin.createContact(TENANTS.au, { Name: unique('Temp') });
      expect((await sandbox.sandbox.admin.documents(TENANTS.au)).contacts).toHaveLength(3);
      await sandbox.sandbox.admin.reset();
      expect((await sandbox.sandbox.admin.documents(TENANTS.au)).contacts).toHaveLength(2);
      expect((await sandbox.sandbox.admin.orgs()).map((org) => org.key)).toContain('extra-nz');
    } finally {
      await sandbox.sandbox.close();
    }
  });
});
