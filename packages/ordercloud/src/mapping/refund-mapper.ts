import { allocate, type Refund, RefundSchema, type Result, toDecimalString } from '@ledgerbridge/canonical';
import type { OcLineItem, OcOrderReturn, OcPayment } from '../api-types.ts';
import { decimalFromNumber, isoDate, toMoney } from './amounts.ts';
import { MappingProblem, mapSafely } from './mapping-problem.ts';

/**
 * A completed OrderCloud order return as a refund. Items without their own RefundAmount share what
 * is left of the return's RefundAmount in proportion to the line's LineTotal per unit (exactly, by
 * largest remainder). Money went back to the customer when a refund payment exists for the return
 * (Payment.OrderReturnID, or the return's PaymentIDs) with a successful transaction or none needed.
 */
export function mapOrderReturn(input: {
  orderReturn: OcOrderReturn;
  currency: string;
  lineItems?: readonly OcLineItem[];
  payments?: readonly OcPayment[];
}): Result<Refund> {
  const { orderReturn, currency } = input;
  return mapSafely(`order return ${orderReturn.ID}`, () => {
    if (orderReturn.Status !== 'Completed')
      throw new MappingProblem('OrderReturn.Status', `is ${orderReturn.Status ?? 'missing'}, not Completed`);
    const refundAmount = toMoney(orderReturn.RefundAmount, currency, 'OrderReturn.RefundAmount', {
      required: true,
    });
    const items = orderReturn.ItemsToReturn ?? [];
    const explicit = items.map((item, i) =>
      item.RefundAmount === null || item.RefundAmount === undefined
        ? undefined
        : toMoney(item.RefundAmount, currency, `OrderReturn.ItemsToReturn[${i}].RefundAmount`),
    );
    const leftover = refundAmount.minor - explicit.reduce((s, a) => s + (a?.minor ?? 0n), 0n);
    const open = items.map((item, i) => ({ item, i })).filter(({ i }) => explicit[i] === undefined);
    if (open.length === 0 && items.length > 0 && leftover !== 0n) {
      throw new MappingProblem(
        'OrderReturn.RefundAmount',
        'does not equal the sum of ItemsToReturn RefundAmount',
      );
    }
    if (leftover < 0n)
      throw new MappingProblem(
        'OrderReturn.RefundAmount',
        'is less than the sum of ItemsToReturn RefundAmount',
      );
    const lines = new Map((input.lineItems ?? []).map((line) => [line.ID, line]));
    const weights = open.map(({ item }) => {
      const line = lines.get(item.LineItemID);
      const lineTotal = line?.LineTotal ? toMoney(line.LineTotal, currency, 'LineItem.LineTotal').minor : 0n;
      const lineQuantity = BigInt(Math.max(1, Math.round(line?.Quantity ?? 1)));
      return (lineTotal * BigInt(Math.round(item.Quantity))) / lineQuantity;
    });
    const shares = open.length ? allocate({ currency, minor: leftover }, weights) : [];
    const amounts = [...explicit];
    open.forEach(({ i }, k) => {
      amounts[i] = shares[k];
    });
    const returnPayments = (input.payments ?? []).filter(
      (p) => p.OrderReturnID === orderReturn.ID || (orderReturn.PaymentIDs ?? []).includes(p.ID),
    );
    const moneyReturned = returnPayments.some((p) =>
      (p.Transactions ?? []).length === 0
        ? p.Accepted === true
        : (p.Transactions ?? []).some((t) => t.Succeeded === true),
    );
    const draft: Refund = {
      id: orderReturn.ID,
      orderId: orderReturn.OrderID,
      currency,
      amount: toDecimalString(refundAmount),
      reason: orderReturn.Comments ?? undefined,
      issuedAt: isoDate(orderReturn.DateCompleted ?? orderReturn.LastUpdated, 'OrderReturn.DateCompleted'),
      lines: items.map((item, i) => ({
        lineId: item.LineItemID,
        quantity: decimalFromNumber(item.Quantity),
        amount: toDecimalString(amounts[i] ?? { currency, minor: 0n }),
      })),
      moneyReturned,
    };
    const parsed = RefundSchema.safeParse(draft);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      throw new MappingProblem(
        `canonical.${issue?.path.join('.') ?? ''}`,
        issue?.message ?? 'invalid refund',
      );
    }
    return parsed.data;
  });
}
