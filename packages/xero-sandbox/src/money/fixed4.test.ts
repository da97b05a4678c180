import { describe, expect, it } from 'vitest';
import {
  divRoundHalfAway,
  fixed4ToNumber,
  formatFixed4,
  parseDecimalText,
  rescaleRound,
  toFixed4,
} from './fixed4.ts';

describe('fixed4', () => {
  it('rounds half away from zero in both directions', () => {
    expect(divRoundHalfAway(5n, 2n)).toBe(3n);
    expect(divRoundHalfAway(-5n, 2n)).toBe(-3n);
    expect(divRoundHalfAway(4n, 3n)).toBe(1n);
    expect(rescaleRound(1005n, 3, 2)).toBe(10100n);
  });

  it('reads JSON numbers from their exact decimal text, not their binary value', () => {
    // 1.005 is 1.00499999… as a double; Xero sees the text 1.005 and rounds it up.
    expect(formatFixed4(toFixed4(1.005, 2) ?? 0n, 2)).toBe('1.01');
    expect(formatFixed4(toFixed4('12.34565', 4) ?? 0n)).toBe('12.3457');
    expect(toFixed4(5e-7, 4)).toBe(0n);
    expect(toFixed4('1e3', 2)).toBe(10_000_000n);
    expect(toFixed4('abc', 2)).toBeUndefined();
    expect(toFixed4(Number.NaN, 2)).toBeUndefined();
  });

  it('parses exponents and signs', () => {
    expect(parseDecimalText('-1.5e2')).toEqual({ units: -150n, scale: 0 });
    expect(parseDecimalText('.25')).toEqual({ units: 25n, scale: 2 });
  });

  it('formats for JSON', () => {
    expect(fixed4ToNumber(123_4500n)).toBe(123.45);
    expect(formatFixed4(-5n, 4)).toBe('-0.0005');
  });
});
