// The sandbox tax engine's rules: GST/VAT regions price tax-inclusive, US states tax-exclusive with
// stacked jurisdictions (New York City's 8.875% = 4% state + 4.5% city + 0.375% MCTD).
export type TaxRule = { level: string; code: string; description: string; rate: string };
export type TaxRegion = {
  key: string;
  country: string;
  pricesIncludeTaxByDefault: boolean;
  rules: TaxRule[];
  taxShipping: boolean;
  taxFees: boolean;
};

const gst = (country: string, rate: string, description: string): TaxRegion => ({
  key: country,
  country,
  pricesIncludeTaxByDefault: true,
  rules: [{ level: 'Country', code: `${country}-${description}`, description, rate }],
  taxShipping: true,
  taxFees: true,
});

const regions: Record<string, TaxRegion> = {
  AU: gst('AU', '10', 'GST'),
  NZ: gst('NZ', '15', 'GST'),
  GB: gst('GB', '20', 'VAT'),
  DE: gst('DE', '19', 'MwSt'),
  FR: gst('FR', '20', 'TVA'),
  IE: gst('IE', '23', 'VAT'),
  JP: gst('JP', '10', 'JCT'),
  'US-NY': {
    key: 'US-NY',
    country: 'US',
    pricesIncludeTaxByDefault: false,
    rules: [
      { level: 'State', code: 'NY', description: 'New York State Sales Tax', rate: '4' },
      { level: 'City', code: 'NYC', description: 'New York City Sales Tax', rate: '4.5' },
      {
        level: 'Special',
        code: 'MCTD',
        description: 'Metropolitan Commuter Transportation District',
        rate: '0.375',
      },
    ],
    taxShipping: true,
    taxFees: true,
  },
  'US-CA': {
    key: 'US-CA',
    country: 'US',
    pricesIncludeTaxByDefault: false,
    rules: [
      { level: 'State', code: 'CA', description: 'California State Sales Tax', rate: '6' },
      { level: 'County', code: 'CA-LA', description: 'Los Angeles County', rate: '0.25' },
      { level: 'Special', code: 'CA-DIST', description: 'District Tax', rate: '3.25' },
    ],
    taxShipping: false,
    taxFees: false,
  },
  'US-TX': {
    key: 'US-TX',
    country: 'US',
    pricesIncludeTaxByDefault: false,
    rules: [{ level: 'State', code: 'TX', description: 'Texas State Sales Tax', rate: '6.25' }],
    taxShipping: true,
    taxFees: true,
  },
  'US-OR': {
    key: 'US-OR',
    country: 'US',
    pricesIncludeTaxByDefault: false,
    rules: [],
    taxShipping: false,
    taxFees: false,
  },
};

const untaxed = (country: string): TaxRegion => ({
  key: country,
  country,
  pricesIncludeTaxByDefault: false,
  rules: [],
  taxShipping: false,
  taxFees: false,
});

const currencyHome: Record<string, string> = {
  AUD: 'AU',
  NZD: 'NZ',
  GBP: 'GB',
  EUR: 'DE',
  JPY: 'JP',
  USD: 'US-NY',
};

export function taxRegionFor(input: { country?: string; state?: string; currency: string }): TaxRegion {
  const country = input.country?.toUpperCase();
  if (country === 'US') return regions[`US-${(input.state ?? '').toUpperCase()}`] ?? untaxed('US');
  if (country) return regions[country] ?? untaxed(country);
  const home = currencyHome[input.currency];
  return (home ? regions[home] : undefined) ?? untaxed('XX');
}
