import { type Order, OrderSchema } from '@ledgerbridge/canonical';
import { describe, expect, it } from 'vitest';
import { fixtureReference } from '../testing/fixture-reference.ts';
import { defaultMapping } from './default-mapping.ts';
import { MappingConfigSchema, type Transform } from './mapping-config.ts';
import { prepareInvoice } from './prepare-invoice.ts';
import { applyTransforms } from './transforms.ts';

const au = fixtureReference('au', {
  trackingCategories: [
    {
      name: 'Order size',
      active: true,
      options: [
        { name: 'High Value', active: true },
        { name: 'Standard', active: true },
      ],
    },
  ],
} as never);

function order(total: '1320.00' | '110.00'): Order {
  const net = total === '1320.00' ? '1200.00' : '100.00';
  const tax = total === '1320.00' ? '120.00' : '10.00';
  return OrderSchema.parse({
    id: 'ORD-77',
    status: 'open',
    currency: 'AUD',
    placedAt: '2026-12-01T03:00:00Z',
    customer: { id: 'u1', kind: 'person', firstName: 'Ana', lastName: 'Lima', email: 'ana@example.com' },
    pricesIncludeTax: false,
    lines: [
      {
        id: 'l1',
        sku: 'TEA-1',
        name: 'Sencha tea - 500 g tin',
        quantity: '1',
        unitPrice: net,
        lineSubtotal: net,
        taxes: [{ ratePercent: '10', amount: tax }],
      },
    ],
    taxTotal: tax,
    total,
  });
}

const rules: Transform[] = [
  { target: 'tracking', when: 'total > 1000', category: 'Order size', option: 'High Value' },
  { target: 'reference', expression: "id & ' / ' & customer.firstName & ' ' & customer.lastName" },
  { target: 'line-description', expression: "$trim($split($line.name, ' - ')[0])" },
];

describe('JSONata transformation rules', () => {
  it('tracks orders over 1000 as High Value, concatenates the reference, splits the line name', async () => {
    const big = await applyTransforms(order('1320.00'), rules);
    expect(big.overrides).toEqual({
      reference: 'ORD-77 / Ana Lima',
      lineDescriptions: ['Sencha tea'],
      tracking: [{ category: 'Order size', option: 'High Value' }],
    });
    expect(big.results.map((r) => r.outcome)).toEqual([
      'Order size: High Value on every line',
      'reference “ORD-77 / Ana Lima”',
      'first line described as “Sencha tea”',
    ]);
    const small = await applyTransforms(order('110.00'), rules);
    expect(small.overrides.tracking).toEqual([]);
    expect(small.results[0]?.outcome).toBe('condition not met (total > 1000)');
  });

  it('reports a broken expression instead of guessing', async () => {
    const { results } = await applyTransforms(order('110.00'), [{ target: 'reference', expression: 'id &' }]);
    expect(results[0]).toMatchObject({ target: 'reference', outcome: 'failed' });
    expect(results[0]?.error).toBeTruthy();
  });

  it('applies the rules to the invoice a sync would post, and refuses an order when a rule fails', async () => {
    const mapping = MappingConfigSchema.parse({ ...defaultMapping(au), transforms: rules });
    const prepared = await prepareInvoice({ order: order('1320.00'), mapping, reference: au });
    if (!prepared.ok) throw new Error(prepared.problems.join('; '));
    expect(prepared.invoice.draft.reference).toBe('ORD-77 / Ana Lima');
    expect(prepared.invoice.draft.lines[0]).toMatchObject({
      description: 'Sencha tea',
      tracking: [{ category: 'Order size', option: 'High Value' }],
    });
    const small = await prepareInvoice({ order: order('110.00'), mapping, reference: au });
    expect(small.ok && small.invoice.draft.lines[0]?.tracking).toEqual([]);

    const broken = MappingConfigSchema.parse({
      ...mapping,
      transforms: [{ target: 'reference', expression: '$boom(' }],
    });
    const refused = await prepareInvoice({ order: order('110.00'), mapping: broken, reference: au });
    expect(refused.ok).toBe(false);
    expect(!refused.ok && refused.problems[0]).toMatch(/^Mapping rule 1 \(reference\) failed: /);
  });
});
