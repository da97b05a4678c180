import { describe, expect, it } from 'vitest';
import { attentionReason, classifyAttention } from './attention-reasons.ts';

describe('classifyAttention', () => {
  it.each([
    ['The order date 2026-11-20 is on or before the period lock date 2026-11-30 in Xero.', 'lock-date'],
    [
      'Xero refused the invoice: The document date cannot be before the period lock date, currently set at 30 Nov 2026',
      'lock-date',
    ],
    [
      'The currency NZD is not enabled in Demo AU; enable it in Xero or set a conversion rate in the mapping.',
      'currency',
    ],
    ['Tax type GSTX does not exist in Xero (line “Mug”).', 'tax'],
    ['Tax rate GST on Income (OUTPUT) is archived in Xero.', 'tax'],
    ['Account code 999 does not exist in Xero (line “Mug”).', 'account'],
    ['Tracking option “North” does not exist in category “Region” in Xero.', 'tracking'],
    ['Item MUG-01 does not exist in Xero; create it or turn on “create missing items”.', 'item'],
    ['Invoice INV-0004 was voided in Xero by someone; the order was not changed.', 'voided-in-xero'],
    ['OrderCloud: Order not found', 'ordercloud'],
    ['Xero refused the payment: Payment amount exceeds the amount outstanding', 'xero-refused'],
    ['Something odd', 'other'],
  ])('%s → %s', (message, code) => {
    expect(classifyAttention(message).code).toBe(code);
  });

  it('gives every reason a hint and an unknown code the generic one', () => {
    expect(classifyAttention(null).code).toBe('other');
    expect(attentionReason('lock-date').hint).toMatch(/Settings › Advanced/);
    expect(attentionReason('no-such-code').code).toBe('other');
    expect(attentionReason('tax').recheckOn).toBe('mapping');
  });
});
