import type { OrderLine, ReferenceData, TaxDetail } from '@ledgerbridge/canonical';
import type { MappingConfig } from './mapping-config.ts';
import { sameRate } from './xero-arithmetic.ts';

export type TaxChoice =
  | { readonly taxType: string; readonly ratePercent: string }
  | { readonly problem: string };

function attributeAt(attributes: Record<string, unknown>, path: string): unknown {
  return path
    .split('.')
    .reduce<unknown>(
      (value, key) =>
        value && typeof value === 'object' ? (value as Record<string, unknown>)[key] : undefined,
      attributes,
    );
}

export function accountFor(line: OrderLine, mapping: MappingConfig): string {
  for (const rule of mapping.accounts.rules) {
    if (rule.category !== undefined && rule.category !== line.category) continue;
    if (
      rule.attribute &&
      String(attributeAt(line.attributes, rule.attribute.path) ?? '') !== rule.attribute.equals
    )
      continue;
    if (rule.category === undefined && !rule.attribute) continue;
    return rule.account;
  }
  return mapping.accounts.sales;
}

export function trackingFor(
  line: OrderLine | undefined,
  mapping: MappingConfig,
): Array<{ category: string; option: string }> {
  const chosen = new Map(mapping.tracking.defaults.map((t) => [t.category, t.option]));
  for (const rule of mapping.tracking.rules) {
    const value = line ? attributeAt(line.attributes, rule.fromAttribute) : undefined;
    if (typeof value === 'string' && value.length > 0) chosen.set(rule.category, value);
  }
  return [...chosen].map(([category, option]) => ({ category, option }));
}

function rateOf(reference: ReferenceData, taxType: string): string | undefined {
  return reference.taxRates.find((t) => t.taxType === taxType)?.ratePercent;
}

function sumRates(taxes: readonly TaxDetail[]): string | undefined {
  if (taxes.length === 0 || taxes.some((t) => t.ratePercent === undefined)) return undefined;
  // Rates are small decimals; add them as scaled integers.
  const scale = Math.max(...taxes.map((t) => t.ratePercent?.split('.')[1]?.length ?? 0));
  const total = taxes.reduce((acc, t) => {
    const [whole = '0', frac = ''] = (t.ratePercent ?? '0').split('.');
    return acc + BigInt(whole + frac.padEnd(scale, '0'));
  }, 0n);
  const digits = total.toString().padStart(scale + 1, '0');
  return scale === 0 ? digits : `${digits.slice(0, -scale)}.${digits.slice(-scale)}`;
}

/** The Xero tax type for taxed amounts: mapped by class or code, else the org's revenue rate with the same %. */
export function taxTypeFor(input: {
  taxClass?: string;
  taxes: readonly TaxDetail[];
  taxed: boolean;
  what: string;
  mapping: MappingConfig;
  reference: ReferenceData;
}): TaxChoice {
  const { mapping, reference } = input;
  const mapped =
    (input.taxClass ? mapping.tax.byClass[input.taxClass] : undefined) ??
    input.taxes.map((t) => (t.code ? mapping.tax.byClass[t.code] : undefined)).find(Boolean);
  if (mapped) {
    const rate = rateOf(reference, mapped);
    return rate === undefined
      ? { problem: `Tax type ${mapped} (mapped for ${input.what}) does not exist in Xero.` }
      : { taxType: mapped, ratePercent: rate };
  }
  if (!input.taxed)
    return { taxType: mapping.tax.exempt, ratePercent: rateOf(reference, mapping.tax.exempt) ?? '0' };
  const rate = sumRates(input.taxes);
  if (rate === undefined) {
    return { problem: `${input.what} is taxed but has no tax rate or tax class to map to a Xero tax type.` };
  }
  const match = reference.taxRates.find(
    (t) => t.active && t.canApplyToRevenue && sameRate(t.ratePercent, rate),
  );
  return match
    ? { taxType: match.taxType, ratePercent: match.ratePercent }
    : {
        problem: `No active sales tax rate of ${rate}% exists in Xero for ${input.what}; add one or map the tax class.`,
      };
}
