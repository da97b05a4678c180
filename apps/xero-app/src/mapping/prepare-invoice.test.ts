import { type Order, OrderSchema } from '@ledgerbridge/canonical';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fixtureReference } from '../testing/fixture-reference.ts';
import { defaultMapping } from './default-mapping.ts';
import { MappingConfigSchema } from './mapping-config.ts';
import { prepareInvoice } from './prepare-invoice.ts';
import { cents, centsText, lineAmountCents, lineTaxCents } from './xero-arithmetic.ts';

const au = fixtureReference('au');
// A US merchant whose tax engine (not Xero) computes sales tax books it to a liability account of its own.
const usBase = fixtureReference('us');
const us = {
  ...usBase,
  accounts: [
    ...usBase.accounts,
    { code: '821', name: 'Sales Tax Payable', type: 'CURRLIAB', active: true, acceptsPayments: false },
  ],
};

function order(patch: Partial<Order> & Pick<Order, 'lines' | 'taxTotal' | 'total'>): Order {
  return OrderSchema.parse({
    id: 'ORD-1',
    status: 'submitted',
    currency: 'AUD',
    placedAt: '2026-11-20T03:00:00Z',
    customer: { id: 'u1', kind: 'person', firstName: 'Ana', lastName: 'Lima', email: 'ana@example.com' },
    pricesIncludeTax: true,
    ...patch,
  });
}

/** What Xero will compute for the draft: per-line rounding, explicit tax where given. */
function xeroTotals(
  draft: {
    lineAmountTypes: 'Exclusive' | 'Inclusive' | 'NoTax';
    lines: ReadonlyArray<{ quantity: string; unitAmount: string; taxType: string; taxAmount?: string }>;
  },
  rates: Record<string, string>,
) {
  let amount = 0n;
  let tax = 0n;
  for (const line of draft.lines) {
    const la = lineAmountCents(line.quantity, line.unitAmount);
    amount += la;
    tax +=
      line.taxAmount !== undefined
        ? cents(line.taxAmount)
        : lineTaxCents(la, rates[line.taxType] ?? '0', draft.lineAmountTypes);
  }
  const total = draft.lineAmountTypes === 'Exclusive' ? amount + tax : amount;
  return { total: centsText(total), tax: centsText(draft.lineAmountTypes === 'NoTax' ? 0n : tax) };
}

const rates = (r: typeof au) => Object.fromEntries(r.taxRates.map((t) => [t.taxType, t.ratePercent]));

describe('prepareInvoice', () => {
  it('sends an AU tax-inclusive order as Xero would compute it, with no adjustments', async () => {
    const result = await prepareInvoice({
      order: order({
        lines: [
          {
            id: 'l1',
            sku: 'MUG',
            name: 'Mug',
            quantity: '3',
            unitPrice: '10.99',
            lineSubtotal: '32.97',
            taxes: [{ ratePercent: '10', amount: '3.00' }],
          },
        ],
        charges: [
          {
            kind: 'shipping',
            description: 'Standard shipping',
            amount: '9.95',
            taxes: [{ ratePercent: '10', amount: '0.90' }],
          },
        ],
        taxTotal: '3.90',
        total: '42.92',
      } as never),
      mapping: defaultMapping(au),
      reference: au,
    });
    if (!result.ok) throw new Error(result.problems.join('; '));
    const { draft, adjustments } = result.invoice;
    expect(draft.lineAmountTypes).toBe('Inclusive');
    expect(draft.lines.map((l) => [l.accountCode, l.taxType, l.taxAmount])).toEqual([
      ['200', 'OUTPUT', undefined],
      ['200', 'OUTPUT', undefined],
    ]);
    expect(adjustments).toEqual([]);
    expect(xeroTotals(draft, rates(au))).toEqual({ total: '42.92', tax: '3.90' });
    expect(draft.reference).toBe('ORD-1');
    expect(result.invoice.status).toBe('AUTHORISED');
  });

  it('sets the line tax where Xero’s per-line rounding would miss the order’s tax by a cent, and says why', async () => {
    const result = await prepareInvoice({
      order: order({
        lines: [
          {
            id: 'a',
            name: 'Sticker A',
            quantity: '1',
            unitPrice: '0.05',
            lineSubtotal: '0.05',
            taxes: [{ ratePercent: '10', amount: '0.01' }],
          },
          {
            id: 'b',
            name: 'Sticker B',
            quantity: '1',
            unitPrice: '0.05',
            lineSubtotal: '0.05',
            taxes: [{ ratePercent: '10', amount: '0.00' }],
          },
        ],
        taxTotal: '0.01',
        total: '0.10',
      } as never),
      mapping: defaultMapping(au),
      reference: au,
    });
    if (!result.ok) throw new Error(result.problems.join('; '));
    expect(result.invoice.adjustments).toHaveLength(1);
    expect(result.invoice.adjustments[0]).toMatch(/set to 0\.01 \(Xero's rounding gives 0\.00\)/);
    expect(xeroTotals(result.invoice.draft, rates(au))).toEqual({ total: '0.10', tax: '0.01' });
  });

  it('puts discounts on their own line and makes its tax carry the difference', async () => {
    const result = await prepareInvoice({
      order: order({
        lines: [
          {
            id: 'l',
            name: 'Lamp',
            quantity: '1',
            unitPrice: '50.00',
            lineSubtotal: '50.00',
            taxes: [{ ratePercent: '10', amount: '4.09' }],
          },
        ],
        discounts: [{ code: 'SAVE5', description: 'Save 5', amount: '5.00' }],
        taxTotal: '4.09',
        total: '45.00',
      } as never),
      mapping: defaultMapping(au),
      reference: au,
    });
    if (!result.ok) throw new Error(result.problems.join('; '));
    const discount = result.invoice.draft.lines.find((l) => l.description.startsWith('Discount'));
    expect(discount).toMatchObject({ unitAmount: '-5.00', taxType: 'OUTPUT', taxAmount: '-0.46' });
    expect(xeroTotals(result.invoice.draft, rates(au))).toEqual({ total: '45.00', tax: '4.09' });
  });

  it('books US sales tax as a liability line on a NoTax invoice', async () => {
    const result = await prepareInvoice({
      order: order({
        currency: 'USD',
        pricesIncludeTax: false,
        lines: [
          {
            id: 'l',
            name: 'Boots',
            quantity: '1',
            unitPrice: '100.00',
            lineSubtotal: '100.00',
            taxes: [{ ratePercent: '8.875', amount: '8.88' }],
          },
        ],
        taxTotal: '8.88',
        total: '108.88',
      } as never),
      mapping: defaultMapping(us),
      reference: us,
    });
    if (!result.ok) throw new Error(result.problems.join('; '));
    expect(result.invoice.draft.lineAmountTypes).toBe('NoTax');
    expect(result.invoice.draft.lines.at(-1)).toMatchObject({
      description: 'Sales tax',
      unitAmount: '8.88',
      accountCode: '821',
    });
    expect(xeroTotals(result.invoice.draft, rates(us)).total).toBe('108.88');
  });

  it('explains in plain words what Xero would refuse', async () => {
    const reference = { ...au, organisation: { ...au.organisation, lockDate: '2026-11-30' } };
    const mapping = MappingConfigSchema.parse({
      ...defaultMapping(au),
      accounts: { ...defaultMapping(au).accounts, sales: '999' },
    });
    const result = await prepareInvoice({
      order: order({
        lines: [
          {
            id: 'l',
            name: 'Tea',
            quantity: '1',
            unitPrice: '10',
            lineSubtotal: '10',
            taxes: [{ ratePercent: '12.5', amount: '1.11' }],
          },
        ],
        taxTotal: '1.11',
        total: '10',
      } as never),
      mapping,
      reference,
    });
    expect(result.ok).toBe(false);
    expect(!result.ok && result.problems).toEqual([
      'No active sales tax rate in Xero fits line “Tea” (12.5 % given by the tax calculation); map its tax code or tax name, or create the rate.',
    ]);
    const locked = await prepareInvoice({
      order: order({
        lines: [
          {
            id: 'l',
            name: 'Tea',
            quantity: '1',
            unitPrice: '11',
            lineSubtotal: '11',
            taxes: [{ ratePercent: '10', amount: '1.00' }],
          },
        ],
        taxTotal: '1.00',
        total: '11',
      } as never),
      mapping,
      reference,
    });
    expect(!locked.ok && locked.problems).toEqual([
      'The order date 2026-11-20 is on or before the period lock date 2026-11-30 in Xero.',
      'Account code 999 does not exist in Xero (line “Tea”).',
    ]);
  });

  it('converts a currency the org lacks at the mapped rate, recording the rate and rounding', async () => {
    const mapping = MappingConfigSchema.parse({
      ...defaultMapping(au),
      currency: { fixedRates: { USD: '1.5333' } },
    });
    const result = await prepareInvoice({
      order: order({
        currency: 'USD',
        lines: [
          {
            id: 'l',
            name: 'Cap',
            quantity: '3',
            unitPrice: '3.33',
            lineSubtotal: '9.99',
            taxes: [{ ratePercent: '10', amount: '0.91' }],
          },
        ],
        taxTotal: '0.91',
        total: '9.99',
      } as never),
      mapping,
      reference: au,
    });
    if (!result.ok) throw new Error(result.problems.join('; '));
    expect(result.invoice.conversion).toEqual({ from: 'USD', to: 'AUD', rate: '1.5333' });
    expect(result.invoice.draft.currency).toBe('AUD');
    expect(xeroTotals(result.invoice.draft, rates(au)).total).toBe('15.32');
    expect(result.invoice.adjustments[0]).toBe('Converted from USD to AUD at 1.5333.');
  });

  it('keeps high-value orders as drafts by rule', async () => {
    const mapping = MappingConfigSchema.parse({
      ...defaultMapping(au),
      invoice: { draftRules: [{ when: 'total > 1000', reason: 'high-value order' }] },
    });
    const result = await prepareInvoice({
      order: order({
        lines: [
          {
            id: 'l',
            name: 'Sofa',
            quantity: '1',
            unitPrice: '1100',
            lineSubtotal: '1100',
            taxes: [{ ratePercent: '10', amount: '100' }],
          },
        ],
        taxTotal: '100',
        total: '1100',
      } as never),
      mapping,
      reference: au,
    });
    expect(result.ok && [result.invoice.status, result.invoice.draftReason]).toEqual([
      'DRAFT',
      'high-value order',
    ]);
  });

  it('always reaches the order total and tax to the cent (property)', async () => {
    const amount = fc.integer({ min: 0, max: 50_000 }).map((c) => centsText(BigInt(c)));
    const arbLine = fc.record({
      quantity: fc.integer({ min: 1, max: 7 }),
      unit: fc.integer({ min: 1, max: 200_000 }),
      discount: fc.integer({ min: 0, max: 300 }),
      taxSkew: fc.integer({ min: -2, max: 2 }),
    });
    await fc.assert(
      fc.asyncProperty(
        fc.array(arbLine, { minLength: 1, maxLength: 8 }),
        fc.boolean(),
        amount,
        async (specs, inclusive, shipping) => {
          const lines = specs.map((s, i) => {
            const unit = BigInt(s.unit);
            const subtotal = unit * BigInt(s.quantity);
            const discount = BigInt(Math.min(s.discount, Number(subtotal)));
            const net = subtotal - discount;
            const natural = inclusive ? (net * 10n + 55n) / 110n : (net + 5n) / 10n;
            const tax = natural + BigInt(s.taxSkew) > 0n ? natural + BigInt(s.taxSkew) : 0n;
            return {
              id: `l${i}`,
              name: `Item ${i}`,
              quantity: String(s.quantity),
              unitPrice: centsText(unit),
              lineSubtotal: centsText(subtotal),
              discount: centsText(discount),
              taxes: [{ ratePercent: '10', amount: centsText(tax) }],
              net,
              tax,
            };
          });
          const taxTotal = lines.reduce((a, l) => a + l.tax, 0n);
          const net = lines.reduce((a, l) => a + l.net, 0n) + cents(shipping);
          const total = inclusive ? net : net + taxTotal;
          const built = await prepareInvoice({
            order: order({
              pricesIncludeTax: inclusive,
              lines: lines.map(({ net: _n, tax: _t, ...l }) => l),
              charges: [{ kind: 'shipping', description: 'Shipping', amount: shipping, taxes: [] }],
              taxTotal: centsText(taxTotal),
              total: centsText(total),
            } as never),
            mapping: defaultMapping(au),
            reference: au,
          });
          if (!built.ok) throw new Error(built.problems.join('; '));
          expect(xeroTotals(built.invoice.draft, rates(au))).toEqual({
            total: centsText(total),
            tax: centsText(taxTotal),
          });
        },
      ),
      { numRuns: 300 },
    );
  });
});
