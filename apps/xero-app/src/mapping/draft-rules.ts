import type { Order } from '@ledgerbridge/canonical';
import jsonata from 'jsonata';
import type { MappingConfig } from './mapping-config.ts';
import { orderView } from './order-view.ts';

/** The reason the invoice must stay a draft, or null for the mapping's default status. */
export async function draftReason(order: Order, mapping: MappingConfig): Promise<string | null> {
  for (const rule of mapping.invoice.draftRules) {
    const result: unknown = await jsonata(rule.when).evaluate(orderView(order));
    if (result === true) return rule.reason;
  }
  return mapping.invoice.status === 'DRAFT' ? 'the mapping creates invoices as drafts' : null;
}
