import { describe, expect, it } from 'vitest';
import { compareThreeWay, findingsCsv } from './three-way.ts';

const order = (id: string, over: Partial<{ status: string; total: string; paid: string }> = {}) => ({
  id,
  status: 'Open',
  total: '110.00',
  currency: 'AUD',
  paid: '0',
  ...over,
});
const invoice = (
  reference: string,
  over: Partial<{ id: string; status: string; total: string; amountPaid: string }> = {},
) => ({
  id: `inv-${reference}`,
  number: `OC-${reference}`,
  reference,
  status: 'AUTHORISED',
  total: '110.00',
  amountPaid: '0.00',
  ...over,
});

describe('compareThreeWay', () => {
  it('finds nothing when the three agree', () => {
    expect(
      compareThreeWay({
        orders: [order('a', { paid: '110.00' }), order('b')],
        invoices: [invoice('a', { amountPaid: '110.00', status: 'PAID' }), invoice('b')],
        ours: [
          { orderId: 'a', status: 'paid', invoiceId: 'inv-a', amountPaid: '110.00' },
          { orderId: 'b', status: 'invoiced', invoiceId: 'inv-b', amountPaid: '0' },
        ],
      }),
    ).toEqual([]);
  });

  it('finds a lost webhook, a void by hand, a payment only in Xero, one only in OrderCloud', () => {
    const findings = compareThreeWay({
      orders: [
        order('lost'),
        order('void'),
        order('xpaid'),
        order('ocpaid', { paid: '110.00' }),
        order('gone', { status: 'Canceled' }),
      ],
      invoices: [
        invoice('void', { status: 'VOIDED' }),
        invoice('xpaid', { amountPaid: '110.00', status: 'PAID' }),
        invoice('ocpaid'),
      ],
      ours: [
        { orderId: 'void', status: 'invoiced', invoiceId: 'inv-void', amountPaid: '0' },
        { orderId: 'xpaid', status: 'invoiced', invoiceId: 'inv-xpaid', amountPaid: '0' },
        { orderId: 'ocpaid', status: 'invoiced', invoiceId: 'inv-ocpaid', amountPaid: '0' },
      ],
    });
    expect(findings.map((f) => [f.orderId, f.kind, f.heal])).toEqual([
      ['lost', 'missing-invoice', 'resync'],
      ['void', 'voided-in-xero', 'apply-xero'],
      ['xpaid', 'paid-only-in-xero', 'apply-xero'],
      ['ocpaid', 'paid-only-in-ordercloud', 'resync'],
    ]);
  });

  it('explains what only a person can fix: amounts changed by hand, duplicates, a void already known', () => {
    const findings = compareThreeWay({
      orders: [order('drift'), order('dup'), order('known')],
      invoices: [
        invoice('drift', { total: '99.00' }),
        invoice('dup'),
        invoice('dup', { id: 'inv-dup-2' }),
        invoice('known', { status: 'VOIDED' }),
      ],
      ours: [{ orderId: 'known', status: 'voided', invoiceId: 'inv-known', amountPaid: null }],
    });
    expect(findings.map((f) => [f.orderId, f.kind, f.heal])).toEqual([
      ['drift', 'amount-drift', null],
      ['dup', 'duplicate-invoice', null],
      ['known', 'voided-in-xero', null],
    ]);
  });

  it('writes CSV a spreadsheet opens safely', () => {
    const csv = findingsCsv([
      {
        kind: 'amount-drift',
        orderId: '=cmd()',
        invoiceId: null,
        invoiceNumber: 'OC-1',
        detail: 'said "no"',
        heal: null,
      },
    ]);
    expect(csv).toBe(
      '"kind","order","invoice number","invoice id","detail","heal"\r\n"amount-drift","\'=cmd()","OC-1","","said ""no""","explain"\r\n',
    );
  });
});
