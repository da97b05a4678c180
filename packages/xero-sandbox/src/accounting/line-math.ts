import { type Fixed4, divRoundHalfAway, rescaleRound, sumFixed4 } from '../money/fixed4.ts';
import type { LineAmountTypes } from '../state/types.ts';

const HUNDRED = 1_000_000n; // 100 as Fixed4

export type LineAmountInput = {
  quantity: Fixed4;
  unitAmount: Fixed4;
  discountRate?: Fixed4;
  discountAmount?: Fixed4;
};

// LineAmount = Quantity × UnitAmount, less a percentage or an amount discount, rounded to 2 decimals.
export function computeLineAmount(input: LineAmountInput): Fixed4 {
  const gross = input.quantity * input.unitAmount; // scale 8
  if (input.discountRate !== undefined && input.discountRate !== 0n) {
    return rescaleRound(gross * (HUNDRED - input.discountRate), 14, 2);
  }
  if (input.discountAmount !== undefined && input.discountAmount !== 0n) {
    return rescaleRound(gross - input.discountAmount * 10_000n, 8, 2);
  }
  return rescaleRound(gross, 8, 2);
}

// Tax per line, rounded to 2 decimals: exclusive LA×r; inclusive LA×r/(1+r); none for NoTax.
export function computeLineTax(lineAmount: Fixed4, ratePercent: Fixed4, types: LineAmountTypes): Fixed4 {
  if (types === 'NoTax' || ratePercent === 0n) return 0n;
  if (types === 'Inclusive') {
    return divRoundHalfAway(lineAmount * ratePercent, (HUNDRED + ratePercent) * 100n) * 100n;
  }
  return rescaleRound(lineAmount * ratePercent, 10, 2);
}

export type DocumentTotals = { subTotal: Fixed4; totalTax: Fixed4; total: Fixed4; totalDiscount: Fixed4 };

export type TotalsLine = { lineAmount: Fixed4; taxAmount: Fixed4; quantity: Fixed4; unitAmount: Fixed4 };

// Line taxes are summed as rounded; inclusive line amounts already contain their tax.
export function computeTotals(lines: readonly TotalsLine[], types: LineAmountTypes): DocumentTotals {
  const lineSum = sumFixed4(lines.map((line) => line.lineAmount));
  const totalTax = types === 'NoTax' ? 0n : sumFixed4(lines.map((line) => line.taxAmount));
  const subTotal = types === 'Inclusive' ? lineSum - totalTax : lineSum;
  const gross = sumFixed4(lines.map((line) => rescaleRound(line.quantity * line.unitAmount, 8, 2)));
  return { subTotal, totalTax, total: subTotal + totalTax, totalDiscount: gross - lineSum };
}
