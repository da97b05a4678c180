import type { Order } from '@ledgerbridge/canonical';

/** The placeholders number and reference templates understand, with what each stands for. */
export const templatePlaceholders = {
  '{orderId}': 'the OrderCloud order ID',
  '{date}': 'the order date, 2026-12-05',
  '{year}': 'the order year, 2026',
  '{customer}': 'the customer or company name',
} as const;

function customerName(order: Order): string {
  const c = order.customer;
  return c.companyName || [c.firstName, c.lastName].filter(Boolean).join(' ') || c.email || 'Guest';
}

/** A template filled for one order; unknown `{…}` stay as typed so a typo shows in the live example. */
export function fillTemplate(template: string, order: Order): string {
  return template
    .replaceAll('{orderId}', order.id)
    .replaceAll('{date}', order.placedAt.slice(0, 10))
    .replaceAll('{year}', order.placedAt.slice(0, 4))
    .replaceAll('{customer}', customerName(order));
}
