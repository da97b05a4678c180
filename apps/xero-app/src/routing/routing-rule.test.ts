import { type Order, OrderSchema } from '@ledgerbridge/canonical';
import { describe, expect, it } from 'vitest';
import { type RoutingRule, routeByRules, ruleProblem } from './routing-rule.ts';

function order(country: string, currency: string, buyerId = 'retail', company?: string): Order {
  return OrderSchema.parse({
    id: `O-${country}`,
    status: 'open',
    currency,
    placedAt: '2026-12-01T00:00:00Z',
    customer: {
      id: 'u1',
      kind: company ? 'company' : 'person',
      firstName: 'A',
      ...(company ? { companyName: company } : {}),
    },
    billingAddress: { country },
    pricesIncludeTax: false,
    lines: [],
    taxTotal: '0',
    total: '0',
    attributes: { buyerId },
  });
}

const rule = (name: string, kind: RoutingRule['kind'], value: string): RoutingRule => ({
  id: name,
  name,
  kind,
  value,
  xeroConnectionId: `x-${name}`,
  tenantId: `t-${name}`,
  tenantName: name,
  mappingVersionId: null,
});

describe('routing rules', () => {
  const rules = [
    rule('wholesale', 'buyer-id', 'wholesale-au'),
    rule('acme', 'buyer-company', 'Acme Ltd'),
    rule('big', 'condition', 'total > 1000'),
    rule('nz', 'billing-country', 'NZ'),
    rule('anz', 'billing-country', 'AU, nz'),
    rule('usd', 'currency', 'usd'),
  ];

  it.each([
    ['first matching rule wins', order('NZ', 'NZD'), 'nz'],
    ['buyer ID before country', order('AU', 'AUD', 'wholesale-au'), 'wholesale'],
    ['buyer company, any case', order('GB', 'GBP', 'retail', 'ACME LTD'), 'acme'],
    ['a list of countries', order('AU', 'AUD'), 'anz'],
    ['currency', order('CA', 'USD'), 'usd'],
  ])('%s', async (_name, o, expected) => {
    const routed = await routeByRules(rules, o);
    expect('rule' in routed && routed.rule.name).toBe(expected);
  });

  it('holds an order no rule matches, saying what the rules looked at', async () => {
    const routed = await routeByRules(rules, order('GB', 'GBP'));
    expect(routed).toEqual({
      unmatched:
        'No routing rule matches this order (buyer retail, billing country GB, currency GBP). Add or change a rule under Routing, then retry.',
    });
  });

  it('checks values before they are saved', () => {
    expect(ruleProblem('billing-country', 'Australia')).toMatch(/two-letter/);
    expect(ruleProblem('condition', 'total >')).toMatch(/not valid JSONata/);
    expect(ruleProblem('currency', 'AUD, NZD')).toBeUndefined();
    expect(ruleProblem('postcode', '2000')).toMatch(/not a kind/);
  });
});
