import type { Order } from '@ledgerbridge/canonical';
import jsonata from 'jsonata';
import type { MappingConfig } from './mapping-config.ts';

// Rule conditions compare amounts; they never compute money, so numbers are fine here.
function view(order: Order) {
  return {
    id: order.id,
    currency: order.currency,
    total: Number(order.total),
    taxTotal: Number(order.taxTotal),
    customer: order.customer,
    lineCount: order.lines.length,
    lines: order.lines.map((l) => ({
      ...l,
      quantity: Number(l.quantity),
      lineSubtotal: Number(l.lineSubtotal),
    })),
    attributes: order.attributes,
  };
}

/** The reason the invoice must stay a draft, or null for the mapping's default status. */
export async function draftReason(order: Order, mapping: MappingConfig): Promise<string | null> {
  for (const rule of mapping.invoice.draftRules) {
    const result: unknown = await jsonata(rule.when).evaluate(view(order));
    if (result === true) return rule.reason;
  }
  return mapping.invoice.status === 'DRAFT' ? 'the mapping creates invoices as drafts' : null;
}
