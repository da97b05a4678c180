import type { Order } from '@ledgerbridge/canonical';
import jsonata from 'jsonata';

// Which Xero organisation an order belongs to, decided by the first rule that matches. Each kind of
// match reads one thing from the canonical order; a JSONata condition covers everything else.

export const matchKinds = ['buyer-id', 'buyer-company', 'billing-country', 'currency', 'condition'] as const;
export type MatchKind = (typeof matchKinds)[number];

export type RoutingRule = {
  readonly id: string;
  readonly name: string;
  readonly kind: MatchKind;
  readonly value: string;
  readonly xeroConnectionId: string;
  readonly tenantId: string;
  readonly tenantName: string;
  readonly mappingVersionId: string | null;
};

const same = (a: string | undefined, b: string) =>
  a !== undefined && a.trim().toLowerCase() === b.trim().toLowerCase();
/** A rule's value may list alternatives: "AU, NZ". */
const anyOf = (value: string) =>
  value
    .split(',')
    .map((v) => v.trim())
    .filter(Boolean);

/** The order as rule conditions see it: amounts as numbers, for comparison only. */
export function routingView(order: Order) {
  return {
    id: order.id,
    currency: order.currency,
    total: Number(order.total),
    buyerId: order.attributes.buyerId,
    customer: order.customer,
    billingAddress: order.billingAddress,
    shippingAddress: order.shippingAddress,
    lines: order.lines.map((l) => ({
      ...l,
      quantity: Number(l.quantity),
      lineSubtotal: Number(l.lineSubtotal),
    })),
    attributes: order.attributes,
  };
}

const readers: Record<Exclude<MatchKind, 'condition'>, (order: Order) => string | undefined> = {
  'buyer-id': (order) =>
    typeof order.attributes.buyerId === 'string' ? order.attributes.buyerId : undefined,
  'buyer-company': (order) => order.customer.companyName ?? order.billingAddress?.companyName,
  'billing-country': (order) => order.billingAddress?.country,
  currency: (order) => order.currency,
};

export const matchLabels: Record<MatchKind, string> = {
  'buyer-id': 'Buyer ID',
  'buyer-company': 'Buyer company',
  'billing-country': 'Billing country',
  currency: 'Currency',
  condition: 'Condition (JSONata)',
};

export async function ruleMatches(rule: Pick<RoutingRule, 'kind' | 'value'>, order: Order): Promise<boolean> {
  if (rule.kind === 'condition') return (await jsonata(rule.value).evaluate(routingView(order))) === true;
  const actual = readers[rule.kind](order);
  return anyOf(rule.value).some((v) => same(actual, v));
}

/** A rule's value checked before it is saved. */
export function ruleProblem(kind: string, value: string): string | undefined {
  if (!(matchKinds as readonly string[]).includes(kind)) return `${kind} is not a kind of routing rule.`;
  if (!value.trim()) return 'A rule needs a value to match.';
  if (kind === 'condition') {
    try {
      jsonata(value);
    } catch (error) {
      return `The condition is not valid JSONata: ${(error as Error).message}`;
    }
  }
  if (kind === 'billing-country' && !anyOf(value).every((v) => /^[A-Za-z]{2}$/.test(v)))
    return 'Billing countries are two-letter codes such as AU, NZ, GB, US.';
  if (kind === 'currency' && !anyOf(value).every((v) => /^[A-Za-z]{3}$/.test(v)))
    return 'Currencies are three-letter codes such as AUD, NZD.';
  return undefined;
}

/** What the rules looked at, in plain words, for an order no rule matched. */
export function describeForRouting(order: Order): string {
  const parts = [
    `buyer ${readers['buyer-id'](order) ?? 'unknown'}`,
    ...(readers['buyer-company'](order) ? [`company ${readers['buyer-company'](order)}`] : []),
    `billing country ${order.billingAddress?.country ?? 'unknown'}`,
    `currency ${order.currency}`,
  ];
  return parts.join(', ');
}

/** The first matching rule, or the reason none did. */
export async function routeByRules(
  rules: readonly RoutingRule[],
  order: Order,
): Promise<{ rule: RoutingRule } | { unmatched: string }> {
  for (const rule of rules) {
    try {
      if (await ruleMatches(rule, order)) return { rule };
    } catch {
      // A condition that fails on this order's data does not match it; the console's test shows why.
    }
  }
  return {
    unmatched: `No routing rule matches this order (${describeForRouting(order)}). Add or change a rule under Routing, then retry.`,
  };
}
