import { parseDecimalText, sumFixed4, toFixed4 } from '../money/fixed4.ts';
import type { OrgState, TaxRateRecord } from '../state/types.ts';
import { readTrimmed } from '../util/json-input.ts';

type JsonRecord = Record<string, unknown>;

// PUT /TaxRates (createTaxRates in Xero's OpenAPI): a Name and at least one TaxComponent {Name, Rate
// (up to 4 dp)}; Xero assigns the TaxType (custom rates are TAX001, TAX002…) and the effective rate is
// the sum of the components. ReportTaxType is required outside the US; US organisations have none and
// their sales tax rates apply to revenue (as the seeded US "Tax on Sales" does). Duplicate names and
// the exact validation wording are guesses; see the README.
export function createTaxRate(
  org: OrgState,
  element: JsonRecord,
): { rate: TaxRateRecord } | { error: string } {
  const name = readTrimmed(element, 'Name');
  if (!name) return { error: 'Name is a required field.' };
  if (name.length > 50) return { error: 'Name must be 50 characters or less.' };
  if (org.taxRates.some((r) => r.name.toLowerCase() === name.toLowerCase() && r.status !== 'DELETED'))
    return { error: `A tax rate with the name '${name}' already exists.` };
  const raw = element.TaxComponents;
  if (!Array.isArray(raw) || raw.length === 0) return { error: 'At least one tax component is required.' };
  const components: TaxRateRecord['components'] = [];
  for (const entry of raw) {
    const component = (entry ?? {}) as JsonRecord;
    const componentName = readTrimmed(component, 'Name');
    if (!componentName) return { error: 'Tax component name is a required field.' };
    const parsed = parseDecimalText(String(component.Rate ?? ''));
    const rate = toFixed4(component.Rate, 4);
    if (!parsed || parsed.scale > 4 || rate === undefined || rate < 0n)
      return { error: 'Tax rate must be valid.' };
    components.push({ name: componentName, rate, isCompound: false, isNonRecoverable: false });
  }
  const reportTaxType = readTrimmed(element, 'ReportTaxType');
  const us = org.region === 'US';
  if (!us && !reportTaxType) return { error: 'ReportTaxType is a required field.' };
  const forRevenue = us || /OUTPUT|SALES/i.test(reportTaxType ?? '');
  const custom = org.taxRates.filter((r) => /^TAX\d{3}$/.test(r.taxType)).length;
  const effective = sumFixed4(components.map((c) => c.rate));
  const rate: TaxRateRecord = {
    name,
    taxType: `TAX${String(custom + 1).padStart(3, '0')}`,
    ...(us ? {} : { reportTaxType }),
    status: 'ACTIVE',
    effectiveRate: effective,
    displayTaxRate: effective,
    canApplyToAssets: true,
    canApplyToEquity: true,
    canApplyToExpenses: true,
    canApplyToLiabilities: true,
    canApplyToRevenue: forRevenue,
    components,
  };
  org.taxRates.push(rate);
  return { rate };
}
