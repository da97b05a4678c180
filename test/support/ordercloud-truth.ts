import { createHttpCaller } from '@ledgerbridge/ordercloud-sandbox';
import type { FinalStateReading, ScenarioOrder } from './xero-final-state.ts';

type Json = Record<string, unknown>;
const asJson = (value: unknown): Json => (value && typeof value === 'object' ? (value as Json) : {});
const items = (value: unknown): Json[] =>
  Array.isArray(asJson(value).Items) ? (asJson(value).Items as Json[]) : [];

/** What OrderCloud says happened to an order: the money Xero must end up with, read from the source. */
export type OrderTruth = {
  readonly index: number;
  readonly orderId: string;
  readonly status: string;
  readonly total: string;
  /** Amounts of successful capture transactions (money actually taken), sorted. */
  readonly captured: string[];
};

/** Reads every placed order and its payments back from OrderCloud as the integration client. */
export async function readOrderCloudTruth(
  apiUrl: string,
  orders: readonly ScenarioOrder[],
): Promise<OrderTruth[]> {
  const call = createHttpCaller({ baseUrl: apiUrl });
  const truths: OrderTruth[] = [];
  for (const order of orders) {
    const path = `/v1/orders/Incoming/${order.orderId}`;
    const body = asJson(await call({ as: { kind: 'admin' }, method: 'GET', path }));
    const payments = items(await call({ as: { kind: 'admin' }, method: 'GET', path: `${path}/payments` }));
    const captured = payments
      .filter((p) => !p.OrderReturnID)
      .flatMap((p) => (Array.isArray(p.Transactions) ? (p.Transactions as Json[]) : []))
      .filter((t) => t.Succeeded === true && /capture/i.test(String(t.Type)))
      .map((t) => Number(t.Amount).toFixed(2))
      .sort();
    truths.push({
      index: order.index,
      orderId: order.orderId,
      status: String(body.Status),
      total: Number(body.Total).toFixed(2),
      captured,
    });
  }
  return truths;
}

/**
 * Compares Xero with OrderCloud, order by order: one invoice for the order's total, and exactly the
 * captured amounts as payments (none missing, none twice). Returns the differences in words.
 */
export function compareWithTruth(reading: FinalStateReading, truths: readonly OrderTruth[]): string[] {
  const differences: string[] = [];
  for (const truth of truths) {
    const facts = reading.state.orders.find((o) => o.index === truth.index);
    if (!facts) {
      differences.push(`order #${truth.index}: not in the final state`);
      continue;
    }
    const canceled = truth.status === 'Canceled';
    if (canceled !== facts.canceled) {
      differences.push(
        `order #${truth.index}: OrderCloud status ${truth.status}, read as canceled=${facts.canceled}`,
      );
      continue;
    }
    if (facts.canceled) continue;
    const invoice = facts.invoices[0];
    if (facts.invoices.length !== 1 || !invoice) {
      differences.push(`order #${truth.index}: ${facts.invoices.length} invoices`);
      continue;
    }
    if (invoice.total !== truth.total)
      differences.push(`order #${truth.index}: invoice total ${invoice.total}, order total ${truth.total}`);
    if (JSON.stringify(facts.payments) !== JSON.stringify(truth.captured))
      differences.push(
        `order #${truth.index}: Xero payments [${facts.payments.join(', ')}], OrderCloud captures [${truth.captured.join(', ')}]`,
      );
  }
  return differences;
}
