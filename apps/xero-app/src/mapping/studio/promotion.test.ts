import { describe, expect, it } from 'vitest';
import { fixtureReference } from '../../testing/fixture-reference.ts';
import { defaultMapping } from '../default-mapping.ts';
import { MappingConfigSchema } from '../mapping-config.ts';
import { dryRun, nameSimilarity, namesIn, translate, translationKey } from './promotion.ts';

const au = fixtureReference('au');
const nz = fixtureReference('nz');
const uk = fixtureReference('uk');
const mapping = MappingConfigSchema.parse({
  ...defaultMapping(au),
  tax: { ...defaultMapping(au).tax, byClass: { 'AU-GST': 'OUTPUT' } },
  payments: { defaultAccount: '090', byGateway: { stripe: '091' }, byMethod: {} },
});

describe('promotion dry run', () => {
  it('lists what the target org lacks, with the best match by name first', () => {
    const missing = dryRun(mapping, uk, au);
    expect(missing.map((m) => `${m.kind}:${m.value}`).sort()).toEqual(['bank:091', 'tax:OUTPUT']);
    const bank = missing.find((m) => m.value === '091');
    expect(bank?.sourceName).toBe('Business Savings Account');
    expect(bank?.paths).toEqual(['payments.byGateway.stripe']);
    expect(bank?.candidates[0]?.value).toBe('090');
    expect(missing.find((m) => m.value === 'OUTPUT')?.candidates[0]?.value).toBe('OUTPUT2');
    // NZ has no OUTPUT, EXEMPTOUTPUT: GST on income → 15% GST on Income; GST free → a zero rate.
    const toNz = dryRun(mapping, nz, au);
    expect(Object.fromEntries(toNz.map((m) => [m.value, m.candidates[0]?.value]))).toEqual({
      OUTPUT: 'OUTPUT2',
      EXEMPTOUTPUT: 'NONE',
    });
  });

  it('translates every place a name is used, after which nothing is missing', () => {
    const table = new Map([
      [translationKey('bank', '091'), '090'],
      [translationKey('tax', 'OUTPUT'), 'OUTPUT2'],
    ]);
    const translated = translate(mapping, table);
    expect(translated.payments.byGateway).toEqual({ stripe: '090' });
    expect(translated.tax.byClass).toEqual({ 'AU-GST': 'OUTPUT2' });
    expect(dryRun(translated, uk, au)).toEqual([]);
    expect(namesIn(translated).some((n) => n.value === '091' || n.value === 'OUTPUT')).toBe(false);
  });

  it('scores names by shared words', () => {
    expect(nameSimilarity('Sales', 'sales')).toBe(1);
    expect(nameSimilarity('Business Savings Account', 'Business Bank Account')).toBeCloseTo(0.5);
    expect(nameSimilarity('Freight', 'Interest Income')).toBe(0);
  });
});
