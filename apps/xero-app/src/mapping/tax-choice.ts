import type { ReferenceData, TaxDetail } from '@ledgerbridge/canonical';
import { formatDecimal, parseDecimal } from '@ledgerbridge/canonical';
import type { MappingConfig } from './mapping-config.ts';
import { cents, centsText, sameRate } from './xero-arithmetic.ts';

// The Xero TaxType of a taxed line or charge, chosen in a fixed order so a merchant can predict it:
//  1. the merchant's map by the product's tax code (tax.byClass);
//  2. the merchant's map by a tax's TaxDescription or JurisdictionValue (taxNames.byName; a legacy
//     JurisdictionCode may also be keyed in tax.byClass);
//  3. nothing taxed → the mapping's exempt type;
//  4. the effective rate: the line's taxes (all jurisdictions summed) over its taxable amount, for
//     exclusive and inclusive prices, matched to the org's active revenue rates within what rounding
//     each jurisdiction's tax to the cent allows.
// Every choice carries its reason for the timeline; no match is a problem, never a guess.

export type TaxRateProposal = {
  /** Xero tax rate name: the jurisdictions it combines. */
  readonly name: string;
  readonly ratePercent: string;
  readonly components: ReadonlyArray<{ readonly name: string; readonly ratePercent: string }>;
};

export type TaxDecision =
  | { readonly taxType: string; readonly ratePercent: string; readonly reason: string }
  | { readonly problem: string; readonly proposal?: TaxRateProposal };

type Rate = ReferenceData['taxRates'][number];

const lower = (s: string | undefined) => s?.trim().toLowerCase();

function rateOf(reference: ReferenceData, taxType: string): Rate | undefined {
  return reference.taxRates.find((t) => t.taxType === taxType);
}

function mapped(taxType: string, reference: ReferenceData, what: string, why: string): TaxDecision {
  const rate = rateOf(reference, taxType);
  return rate
    ? {
        taxType,
        ratePercent: rate.ratePercent,
        reason: `${what}: ${why} mapped to ${rate.name} (${taxType}).`,
      }
    : { problem: `Tax type ${taxType} (${why} mapped for ${what}) does not exist in Xero.` };
}

/** Percent as a short decimal string: 8.25, 10, 0.375. */
function percentText(units: bigint, scale: number): string {
  const text = formatDecimal({ units, scale });
  return text.includes('.') ? text.replace(/0+$/, '').replace(/\.$/, '') : text;
}

/**
 * Does a rate of `ratePercent` give `tax` cents on these amounts, allowing half a cent of rounding per
 * jurisdiction? `base` is the amount before tax; `gross`, when prices include tax, the amount with it.
 */
export function rateFits(
  ratePercent: string,
  tax: bigint,
  amounts: { base?: bigint; gross?: bigint },
  jurisdictions: number,
): { fits: boolean; distance: bigint } {
  const r = parseDecimal(ratePercent);
  const s = 10n ** BigInt(r.scale);
  const n = BigInt(Math.max(1, jurisdictions));
  let best: { fits: boolean; distance: bigint } = { fits: false, distance: -1n };
  const consider = (diff: bigint, denominator: bigint) => {
    const d = diff < 0n ? -diff : diff;
    // |exact − tax| ≤ n / 2 cents  ⇔  2·|diff| ≤ n · denominator; distance compared on one scale.
    const fits = 2n * d <= n * denominator;
    const distance = (d * 1_000_000n) / denominator;
    if (best.distance < 0n || (fits && !best.fits) || (fits === best.fits && distance < best.distance))
      best = { fits, distance };
  };
  if (amounts.base !== undefined) consider(amounts.base * r.units - tax * 100n * s, 100n * s);
  if (amounts.gross !== undefined)
    consider(amounts.gross * r.units - tax * (100n * s + r.units), 100n * s + r.units);
  return best;
}

/** The simplest rate (fewest decimals, up to 4) that gives `tax` on `taxable` when rounded to the cent. */
export function impliedRate(tax: bigint, taxable: bigint): string | undefined {
  if (taxable <= 0n || tax < 0n) return undefined;
  for (let places = 0; places <= 4; places += 1) {
    const s = 10n ** BigInt(places);
    const estimate = (tax * 100n * s + taxable / 2n) / taxable;
    for (const units of [estimate, estimate - 1n, estimate + 1n]) {
      if (units < 0n) continue;
      const exact = taxable * units;
      const rounded = (exact * 2n + 100n * s) / (200n * s);
      if (rounded === tax) return percentText(units, places);
    }
  }
  return undefined;
}

function addPercents(rates: readonly string[]): string {
  const scale = Math.max(0, ...rates.map((r) => parseDecimal(r).scale));
  const units = rates.reduce((acc, r) => {
    const d = parseDecimal(r);
    return acc + d.units * 10n ** BigInt(scale - d.scale);
  }, 0n);
  return percentText(units, scale);
}

export function chooseTaxType(input: {
  taxClass?: string;
  taxes: readonly TaxDetail[];
  /** What the line comes to after its own discounts, as on the order (cents). */
  netAmount: bigint;
  pricesIncludeTax: boolean;
  what: string;
  mapping: MappingConfig;
  reference: ReferenceData;
  /** A configured tax-code path that held nothing on this line, named when nothing else fits. */
  emptyTaxCodePath?: string;
}): TaxDecision {
  const { mapping, reference, what, taxes } = input;
  if (input.taxClass) {
    const byClass = mapping.tax.byClass[input.taxClass];
    if (byClass) return mapped(byClass, reference, what, `tax code ${input.taxClass}`);
  }
  const byName = new Map(Object.entries(mapping.taxNames.byName).map(([k, v]) => [lower(k), v]));
  for (const tax of taxes) {
    for (const [label, value] of [
      ['TaxDescription', tax.name],
      ['JurisdictionValue', tax.jurisdiction],
    ] as const) {
      const taxType = value ? byName.get(lower(value)) : undefined;
      if (taxType) return mapped(taxType, reference, what, `${label} “${value}”`);
    }
    const legacy = tax.code ? mapping.tax.byClass[tax.code] : undefined;
    if (legacy) return mapped(legacy, reference, what, `jurisdiction code ${tax.code}`);
  }

  const tax = taxes.reduce((acc, t) => acc + cents(t.amount), 0n);
  if (tax === 0n) {
    const exempt = taxes.reduce((acc, t) => acc + (t.exempt ? cents(t.exempt) : 0n), 0n);
    const rate = rateOf(reference, mapping.tax.exempt);
    return {
      taxType: mapping.tax.exempt,
      ratePercent: rate?.ratePercent ?? '0',
      reason: `${what}: no tax charged${exempt > 0n ? ` (${centsText(exempt)} exempt)` : ''}, so ${rate?.name ?? mapping.tax.exempt} (${mapping.tax.exempt}).`,
    };
  }

  // Older integrations send each jurisdiction's rate: their sum is the line's rate.
  const given = taxes.every((t) => t.ratePercent !== undefined)
    ? addPercents(taxes.map((t) => t.ratePercent ?? '0'))
    : undefined;
  const taxables = taxes.flatMap((t) => (t.taxable && cents(t.taxable) > 0n ? [cents(t.taxable)] : []));
  // Jurisdictions of one line tax the same amount; the largest is the line's taxable amount.
  let taxable: bigint | undefined;
  for (const t of taxables) if (taxable === undefined || t > taxable) taxable = t;
  const amounts = input.pricesIncludeTax
    ? {
        gross: input.netAmount,
        ...(taxable !== undefined && taxable !== input.netAmount ? { base: taxable } : {}),
      }
    : { base: taxable ?? input.netAmount };
  const base = amounts.base ?? input.netAmount - tax;
  const effective = given ?? (base > 0n ? impliedRate(tax, base) : undefined);
  const candidates = reference.taxRates.filter((t) => t.active && t.canApplyToRevenue);
  let best: { rate: Rate; distance: bigint } | undefined;
  for (const rate of candidates) {
    if (parseDecimal(rate.ratePercent).units === 0n) continue;
    const fit = given
      ? { fits: sameRate(rate.ratePercent, given), distance: 0n }
      : rateFits(rate.ratePercent, tax, amounts, taxes.length);
    if (!fit.fits) continue;
    const named = taxes.some((t) => lower(t.name) === lower(rate.name));
    if (!best || fit.distance < best.distance || (fit.distance === best.distance && named))
      best = { rate, distance: fit.distance };
  }
  const jurisdictions = taxes.filter((t) => cents(t.amount) !== 0n);
  const how = given
    ? `${given} % given by the tax calculation`
    : `${effective ?? '?'} % effective (${centsText(tax)} on ${centsText(base)}${jurisdictions.length > 1 ? `, ${jurisdictions.length} jurisdictions` : ''})`;
  if (best)
    return {
      taxType: best.rate.taxType,
      ratePercent: best.rate.ratePercent,
      reason: `${what}: ${how}, matched ${best.rate.name} (${best.rate.taxType}).`,
    };
  const hint = input.emptyTaxCodePath
    ? ` The tax code path ${input.emptyTaxCodePath} was empty on this line.`
    : '';
  return {
    problem: `No active sales tax rate in Xero fits ${what} (${how}); map its tax code or tax name, or create the rate.${hint}`,
    ...(effective ? { proposal: proposeRate(jurisdictions, base, effective) } : {}),
  };
}

/** A Xero tax rate with one component per jurisdiction, each at the rate its own tax implies. */
function proposeRate(taxes: readonly TaxDetail[], base: bigint, effective: string): TaxRateProposal {
  const components = taxes.flatMap((t) => {
    const own = t.taxable && cents(t.taxable) > 0n ? cents(t.taxable) : base;
    const rate = t.ratePercent ?? impliedRate(cents(t.amount), own);
    const name = t.jurisdiction ?? t.name ?? t.jurisdictionLevel ?? 'Tax';
    return rate ? [{ name: name.slice(0, 50), ratePercent: rate }] : [];
  });
  const sum = components.length > 0 ? addPercents(components.map((c) => c.ratePercent)) : effective;
  const parts = components.length > 0 ? components : [{ name: 'Sales tax', ratePercent: effective }];
  return {
    name: `Sales Tax ${parts.map((c) => c.name).join(' + ')}`.slice(0, 50),
    ratePercent: sum,
    components: parts,
  };
}
