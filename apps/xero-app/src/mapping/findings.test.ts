import { type Order, OrderSchema } from '@ledgerbridge/canonical';
import { describe, expect, it } from 'vitest';
import { fixtureReference } from '../testing/fixture-reference.ts';
import { defaultMapping } from './default-mapping.ts';
import { findings, robustZ } from './findings.ts';
import { MappingConfigSchema } from './mapping-config.ts';

const au = fixtureReference('au');
const order: Order = OrderSchema.parse({
  id: 'O-1',
  status: 'open',
  currency: 'AUD',
  placedAt: '2026-12-01T00:00:00Z',
  customer: { id: 'c', kind: 'person', email: 'a@example.com' },
  pricesIncludeTax: false,
  lines: [
    {
      id: 'l',
      name: 'Kettle',
      quantity: '1',
      unitPrice: '100',
      lineSubtotal: '100',
      taxes: [{ code: 'AU-GST', ratePercent: '10', amount: '10' }],
    },
  ],
  taxTotal: '10',
  total: '110',
});
const line = (taxType: string, accountCode: string) => ({
  lines: [{ description: 'Kettle', quantity: '1', unitAmount: '100', accountCode, taxType, tracking: [] }],
});

describe('findings beyond Xero’s own checks', () => {
  it('says when the mapped rate disagrees with the rate the order was taxed at', () => {
    const mapping = MappingConfigSchema.parse({
      ...defaultMapping(au),
      validation: { rateDisagreement: 'hold' },
    });
    expect(findings({ order, draft: line('EXEMPTOUTPUT', '200'), mapping, reference: au })).toEqual([
      {
        rule: 'rateDisagreement',
        severity: 'hold',
        message: '“Kettle” was taxed at 10 % in the shop, but its Xero tax rate EXEMPTOUTPUT is 0 %.',
      },
    ]);
    expect(findings({ order, draft: line('OUTPUT', '200'), mapping, reference: au })).toEqual([]);
  });

  it('compares amounts when the order states no rate, allowing for the cent it was rounded to', () => {
    const inclusive = OrderSchema.parse({
      ...order,
      pricesIncludeTax: true,
      lines: [
        {
          id: 'l',
          name: 'Pen',
          quantity: '3',
          unitPrice: '1.21',
          lineSubtotal: '3.63',
          taxes: [{ amount: '0.33' }],
        },
      ],
      taxTotal: '0.33',
      total: '3.63',
    });
    const mapping = defaultMapping(au);
    const pen = (taxType: string) => ({
      lines: [
        { description: 'Pen', quantity: '3', unitAmount: '1.21', accountCode: '200', taxType, tracking: [] },
      ],
    });
    expect(findings({ order: inclusive, draft: pen('OUTPUT'), mapping, reference: au })).toEqual([]);
    expect(findings({ order: inclusive, draft: pen('EXEMPTOUTPUT'), mapping, reference: au })[0]?.rule).toBe(
      'rateDisagreement',
    );
  });

  it('says when a taxed sale is booked to an account that is not revenue', () => {
    const mapping = defaultMapping(au);
    const [f] = findings({ order, draft: line('OUTPUT', '850'), mapping, reference: au });
    expect(f).toMatchObject({ rule: 'nonRevenueAccount', severity: 'warn' });
    expect(f?.message).toContain('850 Suspense');
  });

  it('flags a total far outside the usual range by robust z-score, not by a few large orders', () => {
    const usual = ['90', '95', '100', '105', '110', '98', '102', '97', '103', '99', '5000'];
    expect(robustZ('110', usual)).toBeLessThan(3.5);
    const mapping = defaultMapping(au);
    const big = { ...order, total: '4999.00' };
    expect(
      findings({ order: big, draft: line('OUTPUT', '200'), mapping, reference: au, recentTotals: usual })[0]
        ?.rule,
    ).toBe('unusualTotal');
    expect(
      findings({ order, draft: line('OUTPUT', '200'), mapping, reference: au, recentTotals: usual }),
    ).toEqual([]);
    expect(robustZ('1', ['1', '2', '3'])).toBeUndefined();
  });

  it('judges limits exactly: stacked rates of 0.1 + 0.2 % against 0.25 %, a tax one cent off (floats say more)', () => {
    const withTiny = {
      ...au,
      taxRates: [
        ...au.taxRates,
        { ...(au.taxRates[0] as (typeof au.taxRates)[number]), taxType: 'TINY', ratePercent: '0.25' },
      ],
    };
    const mapping = defaultMapping(au);
    const stacked = OrderSchema.parse({
      ...order,
      lines: [
        {
          ...order.lines[0],
          taxes: [
            { code: 'A', ratePercent: '0.1', amount: '0.10' },
            { code: 'B', ratePercent: '0.2', amount: '0.20' },
          ],
        },
      ],
      taxTotal: '0.30',
      total: '100.30',
    });
    // 0.3 % is exactly 0.05 from 0.25 %: within the limit (0.1 + 0.2 in floats is 0.30000000000000004).
    expect(findings({ order: stacked, draft: line('TINY', '200'), mapping, reference: withTiny })).toEqual(
      [],
    );
    const unstated = OrderSchema.parse({
      ...order,
      lines: [
        {
          id: 'l',
          name: 'Pen',
          quantity: '1',
          unitPrice: '2.90',
          lineSubtotal: '2.90',
          taxes: [{ amount: '0.10' }, { amount: '0.20' }],
        },
      ],
      taxTotal: '0.30',
      total: '3.20',
    });
    // 2.90 × 10 % = 0.29; the order charged 0.30, one cent off: allowed (floats make it 0.010000000000000042).
    expect(findings({ order: unstated, draft: line('OUTPUT', '200'), mapping, reference: au })).toEqual([]);
  });
});
