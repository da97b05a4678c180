import { z } from 'zod';
import { currencyExponent } from './currency.ts';
import { decimalPlaces } from './decimal.ts';

// Amounts travel as decimal strings in the document's currency; Money (minor units) is for arithmetic.
export const AmountSchema = z
  .string()
  .regex(/^-?\d+(\.\d+)?$/, 'must be a decimal string such as "12.34"')
  .describe('decimal string');

export const NonNegativeAmountSchema = AmountSchema.refine((value) => !value.startsWith('-'), {
  message: 'must not be negative',
});

export type Amount = z.infer<typeof AmountSchema>;

/** Adds an issue for every amount field that has more decimals than the currency allows. */
export function checkAmountsFitCurrency(
  currency: string,
  amounts: ReadonlyArray<readonly [path: (string | number)[], value: string | undefined]>,
  ctx: z.RefinementCtx,
): void {
  const exponent = currencyExponent(currency);
  for (const [path, value] of amounts) {
    if (value !== undefined && /^-?\d+(\.\d+)?$/.test(value) && decimalPlaces(value) > exponent) {
      ctx.addIssue({
        code: 'custom',
        path,
        message: `has more than ${exponent} decimals for ${currency}`,
      });
    }
  }
}

export const IsoDateTimeSchema = z.iso.datetime({ offset: true });
export const IdSchema = z.string().min(1).max(100);
