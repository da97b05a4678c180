import { describe, expect, it } from 'vitest';
import { formatFixed4, toFixed4 } from '../money/fixed4.ts';
import { computeLineAmount, computeLineTax, computeTotals } from './line-math.ts';

const f = (value: number) => toFixed4(value, 4) ?? 0n;
const text = (value: bigint) => formatFixed4(value, 2);

describe('line math', () => {
  it('rounds each line to cents, half away from zero', () => {
    expect(text(computeLineAmount({ quantity: f(3), unitAmount: f(0.335) }))).toBe('1.01');
    expect(text(computeLineAmount({ quantity: f(1), unitAmount: f(-0.005) }))).toBe('-0.01');
  });

  it('applies percentage and amount discounts before rounding', () => {
    expect(text(computeLineAmount({ quantity: f(3), unitAmount: f(9.99), discountRate: f(12.5) }))).toBe(
      '26.22',
    );
    expect(text(computeLineAmount({ quantity: f(2), unitAmount: f(10), discountAmount: f(1.5) }))).toBe(
      '18.50',
    );
  });

  it('computes exclusive tax per line', () => {
    expect(text(computeLineTax(f(0.1), f(15), 'Exclusive'))).toBe('0.02');
    expect(text(computeLineTax(f(100), f(15), 'NoTax'))).toBe('0.00');
  });

  it('computes inclusive tax as LA × r / (1 + r) per line', () => {
    expect(text(computeLineTax(f(110), f(10), 'Inclusive'))).toBe('10.00');
    expect(text(computeLineTax(f(9.99), f(15), 'Inclusive'))).toBe('1.30');
  });

  it('sums rounded line taxes, which can differ from tax on the subtotal', () => {
    const lines = [9.99, 9.99, 9.99].map((amount) => ({
      quantity: f(1),
      unitAmount: f(amount),
      lineAmount: f(amount),
      taxAmount: computeLineTax(f(amount), f(15), 'Inclusive'),
    }));
    const totals = computeTotals(lines, 'Inclusive');
    expect(text(totals.totalTax)).toBe('3.90');
    expect(text(totals.subTotal)).toBe('26.07');
    expect(text(totals.total)).toBe('29.97');
  });
});
