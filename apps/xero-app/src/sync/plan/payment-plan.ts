import type { Payment } from '@ledgerbridge/canonical';
import { formatDecimal, parseDecimal, rescale } from '@ledgerbridge/canonical';
import type { MappingConfig } from '../../mapping/mapping-config.ts';

export type PlannedPayment = {
  /** The OrderCloud payment (its ID repeats across orders; keys add the order). */
  readonly paymentId: string;
  /** The capture transaction, or `accepted` for a payment accepted without transactions. */
  readonly transactionId: string;
  readonly amount: string;
  readonly accountCode: string;
  readonly date: string;
  readonly reference: string;
};

export type PaymentFindings = { readonly planned: PlannedPayment[]; readonly failedCaptures: string[] };

const captureLike = /capture|charge|sale|payment|settle/i;

/**
 * Money actually received: each successful capture transaction is a Xero payment; a payment accepted
 * with no transactions at all counts once for its amount; an authorisation that was never captured and a
 * purchase order (paid later) post nothing.
 */
/** The captures that become payments in Xero (succeeded, above zero, purchase orders left out), as amounts. */
export function postedCaptures(payments: readonly Payment[]): string[] {
  return payments
    .filter((p) => p.method !== 'purchase-order')
    .flatMap((p) => p.transactions)
    .filter((t) => captureLike.test(t.type) && t.succeeded && parseDecimal(t.amount).units > 0n)
    .map((t) => t.amount);
}

export function planPayments(input: {
  orderId: string;
  payments: readonly Payment[];
  mapping: MappingConfig;
  rate?: string;
}): PaymentFindings {
  const planned: PlannedPayment[] = [];
  const failedCaptures: string[] = [];
  const convert = (amount: string) =>
    input.rate
      ? formatDecimal(
          rescale(
            {
              units: parseDecimal(amount).units * parseDecimal(input.rate).units,
              scale: parseDecimal(amount).scale + parseDecimal(input.rate).scale,
            },
            2,
          ),
        )
      : amount;
  for (const payment of input.payments) {
    if (payment.method === 'purchase-order') continue;
    const account =
      (payment.gateway ? input.mapping.payments.byGateway[payment.gateway] : undefined) ??
      input.mapping.payments.byMethod[payment.method] ??
      input.mapping.payments.defaultAccount;
    const captures = payment.transactions.filter((t) => captureLike.test(t.type));
    for (const t of captures) {
      if (!t.succeeded) {
        failedCaptures.push(
          `Capture ${t.id} of ${t.amount} on payment ${payment.id} failed${t.message ? `: ${t.message}` : ''}.`,
        );
        continue;
      }
      if (parseDecimal(t.amount).units <= 0n) continue;
      planned.push({
        paymentId: payment.id,
        transactionId: t.id,
        amount: convert(t.amount),
        accountCode: account,
        date: t.executedAt.slice(0, 10),
        reference: `${input.orderId} / ${payment.id}`,
      });
    }
    // Accepted with no transactions at all: the gateway took the money without recording steps. An
    // authorisation alone is not money received.
    if (payment.transactions.length === 0 && payment.accepted && parseDecimal(payment.amount).units > 0n) {
      planned.push({
        paymentId: payment.id,
        transactionId: 'accepted',
        amount: convert(payment.amount),
        accountCode: account,
        date: payment.createdAt.slice(0, 10),
        reference: `${input.orderId} / ${payment.id}`,
      });
    }
  }
  return { planned, failedCaptures };
}
