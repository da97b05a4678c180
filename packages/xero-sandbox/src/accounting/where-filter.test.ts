import { describe, expect, it } from 'vitest';
import { parseWhere, WhereSyntaxError } from './where-filter.ts';

const invoice = {
  Type: 'ACCREC',
  InvoiceNumber: 'INV-0042',
  Reference: 'Order 1001',
  Status: 'AUTHORISED',
  Total: 115,
  Date: '/Date(1767225600000+0000)/',
  Contact: { ContactID: '5b1e9c2a-0000-4000-8000-000000000001', Name: 'Ridgeway Traders' },
  SentToContact: false,
};

describe('where filter', () => {
  it.each([
    ['Reference=="Order 1001"', true],
    ['InvoiceNumber=="inv-0042"', true],
    ['Status=="AUTHORISED" AND Type=="ACCREC"', true],
    ['Status=="DRAFT" && Type=="ACCREC"', false],
    ['Status=="DRAFT" OR Total>100', true],
    ['(Status=="DRAFT" || Status=="PAID") && Total>=115', false],
    ['Contact.ContactID==Guid("5b1e9c2a-0000-4000-8000-000000000001")', true],
    ['Contact.Name.Contains("ridge")', true],
    ['Date>=DateTime(2026, 01, 01)', true],
    ['Date<DateTime(2025,12,31)', false],
    ['NOT SentToContact', true],
    ['Reference!=null', true],
  ])('%s → %s', (expression, expected) => {
    expect(parseWhere(expression)(invoice)).toBe(expected);
  });

  it.each([
    'Reference=="x',
    'Reference==',
    'Name.ToLower()=="x"',
    'Reference == "a" AND',
    'Total ~ 4',
    '"x"==Name',
  ])('refuses %s', (expression) => {
    expect(() => parseWhere(expression)).toThrow(WhereSyntaxError);
  });
});
