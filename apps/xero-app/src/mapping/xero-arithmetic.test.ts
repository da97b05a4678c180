import { describe, expect, it } from 'vitest';
import { centsText, lineAmountCents, lineTaxCents } from './xero-arithmetic.ts';

describe("Xero's arithmetic", () => {
  it('rounds line amounts once from 4-decimal unit amounts', () => {
    expect(centsText(lineAmountCents('3', '0.3333'))).toBe('1.00');
    expect(centsText(lineAmountCents('7', '1.2345'))).toBe('8.64');
  });

  it('takes inclusive tax as LA × r / (1 + r), rounded per line', () => {
    // 10% GST inside 10.99: 0.999… → 1.00
    expect(centsText(lineTaxCents(1099n, '10', 'Inclusive'))).toBe('1.00');
    // 15% GST inside 23.00: 3.0
    expect(centsText(lineTaxCents(2300n, '15', 'Inclusive'))).toBe('3.00');
    // 20% VAT inside 0.05: 0.00833 → 0.01
    expect(centsText(lineTaxCents(5n, '20', 'Inclusive'))).toBe('0.01');
  });

  it('takes exclusive tax as LA × r, rounded half away from zero', () => {
    expect(centsText(lineTaxCents(1005n, '10', 'Exclusive'))).toBe('1.01');
    expect(centsText(lineTaxCents(-1005n, '10', 'Exclusive'))).toBe('-1.01');
    expect(centsText(lineTaxCents(1000n, '8.875', 'Exclusive'))).toBe('0.89');
  });

  it('charges no tax on NoTax documents', () => {
    expect(lineTaxCents(1000n, '10', 'NoTax')).toBe(0n);
  });
});
