import type { ReferenceData } from '@ledgerbridge/canonical';
import { describe, expect, it } from 'vitest';
import { fixtureReference } from '../../testing/fixture-reference.ts';
import { suggestAccounts } from './account-suggestions.ts';
import { suggestTaxTypes, type TaxCodeObservation } from './tax-type-suggestions.ts';

// The labelled set (also stated in the README): tax codes as the OrderCloud sandbox's tax engine and
// common storefront tax classes name them, each with the rate it is charged at and the TaxType a
// bookkeeper of that region would choose in Xero's default chart (the seeded AU/NZ/UK/US orgs).
const taxCodes: Record<'au' | 'nz' | 'uk' | 'us', Array<[code: string, rate: number, taxType: string]>> = {
  au: [
    ['AU-GST', 10, 'OUTPUT'],
    ['GST', 10, 'OUTPUT'],
    ['GST-FREE', 0, 'EXEMPTOUTPUT'],
    ['tax-exempt', 0, 'EXEMPTOUTPUT'],
    ['EXPORT', 0, 'EXEMPTOUTPUT'],
    ['BAS-EXCLUDED', 0, 'BASEXCLUDED'],
  ],
  nz: [
    ['NZ-GST', 15, 'OUTPUT2'],
    ['GST', 15, 'OUTPUT2'],
    ['ZERO-RATED', 0, 'ZERORATED'],
    ['EXPORT', 0, 'ZERORATED'],
    ['tax-exempt', 0, 'NONE'],
    ['NO-GST', 0, 'NONE'],
  ],
  uk: [
    ['GB-VAT', 20, 'OUTPUT2'],
    ['VAT-STANDARD', 20, 'OUTPUT2'],
    ['VAT-REDUCED', 5, 'RROUTPUT'],
    ['VAT-ZERO', 0, 'ZERORATEDOUTPUT'],
    ['VAT-EXEMPT', 0, 'EXEMPTOUTPUT'],
    ['tax-exempt', 0, 'EXEMPTOUTPUT'],
    ['OUTSIDE-SCOPE', 0, 'NONE'],
  ],
  us: [
    ['NY', 4, 'OUTPUT'],
    ['NYC', 4.5, 'OUTPUT'],
    ['MCTD', 0.375, 'OUTPUT'],
    ['CA', 6, 'OUTPUT'],
    ['CA-LA', 0.25, 'OUTPUT'],
    ['CA-DIST', 3.25, 'OUTPUT'],
    ['TX', 6.25, 'OUTPUT'],
    ['tax-exempt', 0, 'NONE'],
  ],
};

// Product categories of the generated catalog and common storefront ones, with the account class a
// bookkeeper expects: revenue for goods, services and shipping; a liability for money owed back.
const categories: Array<[string, 'revenue' | 'liability']> = [
  ['Apparel', 'revenue'],
  ['Kitchen', 'revenue'],
  ['Office', 'revenue'],
  ['Outdoor', 'revenue'],
  ['Electronics', 'revenue'],
  ['Home', 'revenue'],
  ['Samples', 'revenue'],
  ['Hardware', 'revenue'],
  ['Services', 'revenue'],
  ['Subscriptions', 'revenue'],
  ['Shipping', 'revenue'],
  ['Delivery fees', 'revenue'],
  ['Gift cards', 'liability'],
  ['Gift vouchers', 'liability'],
  ['Store credit', 'liability'],
  ['Deposits', 'liability'],
];

const regions = ['au', 'nz', 'uk', 'us'] as const;
const classOf = (reference: ReferenceData, code: string) => {
  const type = reference.accounts.find((a) => a.code === code)?.type ?? '';
  return /LIAB/.test(type) ? 'liability' : type === 'REVENUE' || type === 'SALES' ? 'revenue' : type;
};

describe('suggestions on the seeded AU/NZ/UK/US organisations', () => {
  it('suggests the right TaxType first for at least 90 % of the labelled tax codes', () => {
    let right = 0;
    let total = 0;
    const wrong: string[] = [];
    for (const region of regions) {
      const reference = fixtureReference(region);
      const observations: TaxCodeObservation[] = taxCodes[region].map(([code, rate]) => ({
        code,
        rates: [rate, rate, rate],
      }));
      const suggestions = suggestTaxTypes(observations, reference);
      for (const [code, , expected] of taxCodes[region]) {
        total += 1;
        const top = suggestions.find((s) => s.subject === code);
        if (top?.value === expected) right += 1;
        else wrong.push(`${region} ${code}: ${top?.value} (expected ${expected})`);
        expect(top?.explanation).toMatch(new RegExp(`^${code} is charged at`));
        expect(top?.confidence).toBeGreaterThan(0);
      }
    }
    console.info(
      `tax type suggestions: ${right}/${total} right${wrong.length ? `; wrong: ${wrong.join('; ')}` : ''}`,
    );
    expect(right / total).toBeGreaterThanOrEqual(0.9);
  });

  it('suggests an account of the right class first for at least 90 % of the labelled categories', () => {
    let right = 0;
    let total = 0;
    const wrong: string[] = [];
    for (const region of regions) {
      const reference = fixtureReference(region);
      const suggestions = suggestAccounts(
        categories.map(([category]) => ({ category, lines: 3 })),
        reference,
      );
      for (const [category, expected] of categories) {
        total += 1;
        const top = suggestions.find((s) => s.subject === category);
        const got = top ? classOf(reference, top.value) : 'none';
        if (got === expected) right += 1;
        else wrong.push(`${region} ${category}: ${top?.label} (${got}, expected ${expected})`);
      }
    }
    console.info(
      `account suggestions: ${right}/${total} right${wrong.length ? `; wrong: ${wrong.join('; ')}` : ''}`,
    );
    expect(right / total).toBeGreaterThanOrEqual(0.9);
  });

  it('explains a gift card suggestion as a liability and is surer of a clear winner', () => {
    const [gift] = suggestAccounts([{ category: 'Gift cards', lines: 2 }], fixtureReference('nz'));
    expect(gift).toMatchObject({ value: '835', label: '835 — Revenue Received in Advance' });
    expect(gift?.explanation).toContain('owed to customers');
    const [gst] = suggestTaxTypes([{ code: 'AU-GST', rates: [10] }], fixtureReference('au'));
    const [exempt] = suggestTaxTypes([{ code: 'tax-exempt', rates: [0] }], fixtureReference('au'));
    expect(gst!.confidence).toBeGreaterThan(exempt!.confidence);
  });
});
