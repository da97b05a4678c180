import { DecimalStringSchema, formatDecimal, parseDecimal, rescale } from '@ledgerbridge/canonical';

// xero-node types amounts as JS numbers. We never compute with them: a decimal string becomes a number
// only to be serialised (JSON prints the same digits back), and a number read from JSON becomes its
// shortest round-trip text, which is the text Xero sent.
export function toSdkNumber(decimal: string): number {
  DecimalStringSchema.parse(decimal);
  return Number(decimal);
}

export function fromSdkNumber(value: number | undefined): string {
  if (value === undefined || value === null) return '0';
  const text = String(value);
  if (!/e/i.test(text)) return text;
  return value.toFixed(8).replace(/\.?0+$/, '');
}

/** A document amount (2 decimals on Xero documents), spelled with both decimals: "1746.50", not "1746.5". */
export function fromSdkAmount(value: number | undefined): string {
  return formatDecimal(rescale(parseDecimal(fromSdkNumber(value)), 2));
}
