// A price from a decimal string, shown with at least two decimals ("24.5" → "24.50", "1.2345" stays):
// text only, no float arithmetic. Xero item prices carry no currency; the org's base currency applies.
export function priceText(amount: string): string {
  const match = /^(-?\d+)(?:\.(\d*))?$/.exec(amount.trim());
  if (!match) return amount;
  const decimals = (match[2] ?? '').padEnd(2, '0');
  return `${match[1]}.${decimals}`;
}
