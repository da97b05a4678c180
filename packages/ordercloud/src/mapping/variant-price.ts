import { formatDecimal, parseDecimal, rescale, roundHalfAwayFromZero } from '@ledgerbridge/canonical';
import type { OcVariant } from '../api-types.ts';
import { decimalFromNumber } from './amounts.ts';

/**
 * A variant's unit price: the product's price with each option's markup (SDK `PriceMarkupType`),
 * exact decimals. `AmountPerQuantity` adds to each unit, `Percentage` adds that share of the product's
 * price (rounded half away from zero to four places, Xero's finest unit price); `AmountTotal` is
 * charged once per line, not per unit, so it is no part of an item's unit price.
 */
export function variantPrice(productPrice: string, specs: OcVariant['Specs']): string {
  const base = parseDecimal(productPrice);
  let scale = base.scale;
  let units = base.units;
  for (const spec of specs ?? []) {
    if (spec.PriceMarkup === null || spec.PriceMarkup === undefined) continue;
    const markup = parseDecimal(decimalFromNumber(spec.PriceMarkup));
    if (spec.PriceMarkupType === 'AmountPerQuantity') {
      const to = Math.max(scale, markup.scale);
      units = rescale({ units, scale }, to).units + rescale(markup, to).units;
      scale = to;
    } else if (spec.PriceMarkupType === 'Percentage') {
      // price × markup / 100, at four places
      const share = roundHalfAwayFromZero(
        base.units * markup.units * 10n ** 4n,
        100n * 10n ** BigInt(base.scale + markup.scale),
      );
      const to = Math.max(scale, 4);
      units = rescale({ units, scale }, to).units + rescale({ units: share, scale: 4 }, to).units;
      scale = to;
    }
  }
  // As written, with no more places than it needs beyond the product price's own.
  let result = { units, scale };
  while (result.scale > base.scale && result.units % 10n === 0n)
    result = { units: result.units / 10n, scale: result.scale - 1 };
  return formatDecimal(result);
}
