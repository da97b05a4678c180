import type { TaxDetail } from '@ledgerbridge/canonical';
import { describe, expect, it } from 'vitest';
import { fixtureReference } from '../testing/fixture-reference.ts';
import { defaultMapping } from './default-mapping.ts';
import { MappingConfigSchema } from './mapping-config.ts';
import { chooseTaxType, impliedRate, rateFits } from './tax-choice.ts';

const au = fixtureReference('au');
const us = fixtureReference('us');
const nz = fixtureReference('nz');
const uk = fixtureReference('uk');

// Catalyst-shaped taxes: no rate, only what was taxed and the tax.
const tax = (amount: string, taxable: string, jurisdiction: string, extra: Partial<TaxDetail> = {}) =>
  ({ amount, taxable, jurisdiction, name: `${jurisdiction} tax`, ...extra }) as TaxDetail;

const base = { pricesIncludeTax: false, what: 'line “Tea”' };

describe('chooseTaxType', () => {
  it('maps by the product tax code first, and says so', () => {
    const mapping = MappingConfigSchema.parse({
      ...defaultMapping(au),
      tax: { ...defaultMapping(au).tax, byClass: { FOOD: 'EXEMPTOUTPUT' } },
    });
    const choice = chooseTaxType({
      ...base,
      taxClass: 'FOOD',
      taxes: [tax('1.00', '10.00', 'AUSTRALIA')],
      netAmount: 1000n,
      mapping,
      reference: au,
    });
    expect(choice).toMatchObject({ taxType: 'EXEMPTOUTPUT' });
    expect('reason' in choice && choice.reason).toMatch(/tax code FOOD mapped to .*EXEMPTOUTPUT/);
  });

  it('maps by TaxDescription or JurisdictionValue next, ignoring case', () => {
    const mapping = MappingConfigSchema.parse({
      ...defaultMapping(au),
      taxNames: { byName: { gst: 'OUTPUT' } },
    });
    const choice = chooseTaxType({
      ...base,
      taxes: [tax('7.00', '10.00', 'AUSTRALIA', { name: 'GST' })],
      netAmount: 1000n,
      mapping,
      reference: au,
    });
    expect(choice).toMatchObject({ taxType: 'OUTPUT', ratePercent: '10' });
    expect('reason' in choice && choice.reason).toContain('TaxDescription “GST”');
  });

  it.each([
    ['AU GST, exclusive', au, false, '1.00', '10.00', 1000n, 'OUTPUT'],
    ['AU GST, inclusive: 1.00 of 11.00', au, true, '1.00', '11.00', 1100n, 'OUTPUT'],
    ['AU GST, inclusive, taxable net of tax', au, true, '1.00', '10.00', 1100n, 'OUTPUT'],
    ['NZ GST 15 %, rounded', nz, false, '3.00', '19.99', 1999n, 'OUTPUT2'],
    ['UK VAT 20 %, inclusive', uk, true, '3.33', '19.99', 1999n, 'OUTPUT2'],
  ])('%s: matched by the effective rate', (_name, reference, inclusive, amount, taxable, net, expected) => {
    const choice = chooseTaxType({
      ...base,
      pricesIncludeTax: inclusive,
      taxes: [tax(amount, taxable, 'X')],
      netAmount: net,
      mapping: defaultMapping(reference),
      reference,
    });
    expect(choice).toMatchObject({ taxType: expected });
    expect('reason' in choice && choice.reason).toMatch(/% effective .* matched /);
  });

  it('sums state, county and city and allows each its own cent of rounding', () => {
    const reference = {
      ...us,
      taxRates: [
        ...us.taxRates,
        {
          taxType: 'TAX001',
          name: 'NY combined',
          ratePercent: '8.875',
          active: true,
          canApplyToRevenue: true,
        },
      ],
    };
    // 59.97 × 4 % = 2.3988 → 2.40; × 4.5 % = 2.69865 → 2.70; × 0.375 % = 0.2249 → 0.22: 5.32 vs 5.3223.
    const choice = chooseTaxType({
      ...base,
      taxes: [
        tax('2.40', '59.97', 'NEW YORK'),
        tax('2.70', '59.97', 'NEW YORK CITY'),
        tax('0.22', '59.97', 'MCTD'),
      ],
      netAmount: 5997n,
      mapping: defaultMapping(reference),
      reference,
    });
    expect(choice).toMatchObject({ taxType: 'TAX001' });
    expect('reason' in choice && choice.reason).toContain('3 jurisdictions');
  });

  it('maps an untaxed, exempt line to the exempt type', () => {
    const choice = chooseTaxType({
      ...base,
      taxes: [tax('0.00', '0', 'CALIFORNIA', { exempt: '20.00' })],
      netAmount: 2000n,
      mapping: defaultMapping(au),
      reference: au,
    });
    expect(choice).toMatchObject({ taxType: defaultMapping(au).tax.exempt });
    expect('reason' in choice && choice.reason).toContain('20.00 exempt');
  });

  it('never guesses: no fitting rate is a problem with a proposal named by jurisdiction', () => {
    const choice = chooseTaxType({
      ...base,
      taxes: [
        tax('6.00', '100.00', 'CALIFORNIA'),
        tax('1.00', '100.00', 'LOS ANGELES'),
        tax('1.25', '100.00', 'LOS ANGELES CITY'),
      ],
      netAmount: 10000n,
      mapping: defaultMapping(us),
      reference: us,
      emptyTaxCodePath: 'product.xp.Avalara',
    });
    expect(choice).toMatchObject({
      problem: expect.stringMatching(/8\.25 % effective.*product\.xp\.Avalara was empty/),
      proposal: {
        ratePercent: '8.25',
        components: [
          { name: 'CALIFORNIA', ratePercent: '6' },
          { name: 'LOS ANGELES', ratePercent: '1' },
          { name: 'LOS ANGELES CITY', ratePercent: '1.25' },
        ],
      },
    });
  });
});

describe('rate arithmetic', () => {
  it('infers the simplest rate that rounds to the tax', () => {
    expect(impliedRate(825n, 10000n)).toBe('8.25');
    expect(impliedRate(300n, 1999n)).toBe('15');
    expect(impliedRate(0n, 1999n)).toBe('0');
  });

  it('fits within half a cent per jurisdiction, not more', () => {
    expect(rateFits('10', 100n, { base: 1000n }, 1).fits).toBe(true);
    expect(rateFits('10', 101n, { base: 1000n }, 1).fits).toBe(false);
    expect(rateFits('10', 101n, { base: 1000n }, 2).fits).toBe(true);
    expect(rateFits('10', 100n, { gross: 1100n }, 1).fits).toBe(true);
  });
});
