import { describe, expect, it } from 'vitest';
import { failureOf, TENANTS, useHarness, validationMessages } from '../testing/xero-node-harness.ts';

const h = useHarness();

const api = () => h.xero.accountingApi;

describe('PUT /TaxRates through xero-node', () => {
  it('creates a US sales tax rate with one component per jurisdiction, usable on revenue', async () => {
    const { body } = await api().createTaxRates(TENANTS.us, {
      taxRates: [
        {
          name: 'Sales Tax CALIFORNIA + LOS ANGELES',
          taxComponents: [
            { name: 'CALIFORNIA', rate: 6 },
            { name: 'LOS ANGELES', rate: 2.25 },
          ],
        },
      ],
    });
    const created = body.taxRates?.[0];
    expect(created).toMatchObject({
      taxType: 'TAX001',
      effectiveRate: 8.25,
      canApplyToRevenue: true,
      status: 'ACTIVE',
    });
    expect(created?.taxComponents?.map((c) => [c.name, c.rate])).toEqual([
      ['CALIFORNIA', 6],
      ['LOS ANGELES', 2.25],
    ]);
    const { body: listed } = await api().getTaxRates(TENANTS.us);
    expect(listed.taxRates?.find((r) => r.taxType === 'TAX001')?.name).toBe(
      'Sales Tax CALIFORNIA + LOS ANGELES',
    );
  });

  it('refuses a rate without components, a duplicate name, and (outside the US) a missing ReportTaxType', async () => {
    const noComponents = await failureOf(api().createTaxRates(TENANTS.us, { taxRates: [{ name: 'Empty' }] }));
    expect(validationMessages(noComponents)).toEqual(['At least one tax component is required.']);
    const duplicate = await failureOf(
      api().createTaxRates(TENANTS.us, {
        taxRates: [{ name: 'Tax on Sales', taxComponents: [{ name: 'State', rate: 1 }] }],
      }),
    );
    expect(validationMessages(duplicate)[0]).toMatch(/already exists/);
    const au = await failureOf(
      api().createTaxRates(TENANTS.au, {
        taxRates: [{ name: 'Levy', taxComponents: [{ name: 'Levy', rate: 1 }] }],
      }),
    );
    expect(validationMessages(au)).toEqual(['ReportTaxType is a required field.']);
  });
});
