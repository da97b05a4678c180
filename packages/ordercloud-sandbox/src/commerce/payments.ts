import { z } from 'zod';
import {
  deepMerge,
  optionalBoolean,
  optionalNumber,
  optionalString,
  parseBody,
  XpSchema,
} from '../api/body.ts';
import { newId, nowIso, touch } from '../api/common.ts';
import type { CommerceContext } from '../api/context.ts';
import { badRequest, insufficientRoles, notFound } from '../errors.ts';
import { currencyExponent, numberToDecimal, sumMinor } from '../money.ts';
import type { OrderRecord, PaymentRecord } from '../state.ts';
import { orderTotals } from './order-pricing.ts';

// Payments on an order and their transactions, as Headstart runs them: the buyer creates the payment
// (CreditCard, PurchaseOrder, SpendingAccount), the seller accepts it, the seller's systems post the
// gateway's transactions (authorisation, captures, voids, refunds — any Type string, Succeeded or not),
// and a return is refunded by a payment that carries its OrderReturnID.

const PaymentBody = z.looseObject({
  ID: optionalString,
  Type: z.enum(['PurchaseOrder', 'CreditCard', 'SpendingAccount']).optional(),
  CreditCardID: optionalString,
  SpendingAccountID: optionalString,
  Description: optionalString,
  Amount: optionalNumber,
  Accepted: optionalBoolean,
  OrderReturnID: optionalString,
  xp: XpSchema.nullish(),
});

const TransactionBody = z.looseObject({
  ID: optionalString,
  Type: z.string().min(1),
  DateExecuted: optionalString,
  Currency: optionalString,
  Amount: optionalNumber,
  Succeeded: z.boolean(),
  ResultCode: optionalString,
  ResultMessage: optionalString,
  xp: XpSchema.nullish(),
});

export function amountInCurrency(
  value: number,
  currency: string,
  field: string,
  allowNegative = false,
): bigint {
  const decimal = numberToDecimal(value);
  const exponent = currencyExponent(currency);
  if (decimal.scale > exponent) {
    throw badRequest('InvalidRequest', `${field} has more decimals than ${currency} allows`, {
      Field: field,
      Value: value,
    });
  }
  if (!allowNegative && decimal.units < 0n)
    throw badRequest('InvalidRequest', `${field} must not be negative`, { Field: field });
  return decimal.units * 10n ** BigInt(exponent - decimal.scale);
}

function capturedTowardsOrder(order: OrderRecord, except?: string): bigint {
  return sumMinor(
    [...order.payments.values()].filter((p) => !p.OrderReturnID && p.ID !== except).map((p) => p.Amount),
  );
}

export function createPayment(ctx: CommerceContext, order: OrderRecord, rawBody: unknown): PaymentRecord {
  const body = parseBody(PaymentBody, rawBody);
  if (!body.Type) throw badRequest('InvalidRequest', 'Type is required.', { Field: 'Type' });
  if (order.Status === 'Canceled')
    throw badRequest('Payment.CannotEditCancelled', 'Cannot add or edit a payment on a canceled order.');
  if (body.CreditCardID && body.Type !== 'CreditCard') {
    throw badRequest(
      'Payment.CannotSetCreditCard',
      'Cannot have CreditCardID set on Payment of of this type.',
    );
  }
  if (body.SpendingAccountID && body.Type !== 'SpendingAccount') {
    throw badRequest(
      'Payment.CannotSetSpendingAccount',
      'Cannot have SpendingAccountID set on Payment of of this type.',
    );
  }
  if (body.Type === 'SpendingAccount' && !body.SpendingAccountID) {
    throw badRequest(
      'Payment.SpendingAccountIdMissing',
      'You must include a corresponding ID when creating a payment of type SpendingAccount.',
    );
  }
  if (body.Accepted !== undefined && ctx.actor.kind !== 'admin') {
    throw badRequest(
      'Payment.CannotPatchAccepted',
      'You are not authorized to modify the Accepted property.',
    );
  }
  const total = orderTotals(ctx.state, order).total;
  let amount: bigint;
  if (body.OrderReturnID) {
    amount = refundAmount(ctx, order, body.OrderReturnID, body.Amount, total);
  } else {
    const paid = capturedTowardsOrder(order);
    if (total > 0n && paid >= total) {
      throw badRequest('Payment.AlreadyPaid', 'Cannot create Payment. Order is already fully paid.');
    }
    amount =
      body.Amount === undefined ? total - paid : amountInCurrency(body.Amount, order.Currency, 'Amount');
  }
  const id = newId(ctx, body.ID, (candidate) => order.payments.has(candidate), 'Payment');
  const payment: PaymentRecord = {
    ID: id,
    Type: body.Type,
    DateCreated: nowIso(ctx),
    CreditCardID: body.CreditCardID,
    SpendingAccountID: body.SpendingAccountID,
    Description: body.Description,
    Currency: order.Currency,
    Amount: amount,
    Accepted: body.Accepted ?? false,
    OrderReturnID: body.OrderReturnID,
    Transactions: [],
    xp: body.xp ?? {},
  };
  order.payments.set(id, payment);
  if (payment.OrderReturnID) completeReturnWhenRefunded(ctx, order, payment.OrderReturnID);
  touch(ctx, order);
  return payment;
}

/** A refund payment names the return it pays (order-returns.mdx, "New Properties"): "Payment.Amount
 * should be negative to reflect a refund" and "Refunds may not exceed the corresponding Order.Total or
 * the refund amount on the OrderReturn". A positive amount is read as the same refund (permissive);
 * without an Amount the payment refunds what is left of the return, as a negative amount. */
function refundAmount(
  ctx: CommerceContext,
  order: OrderRecord,
  orderReturnId: string,
  requested: number | undefined,
  orderTotal: bigint,
): bigint {
  const orderReturn = ctx.state.orderReturns.get(orderReturnId);
  if (!orderReturn || orderReturn.OrderID !== order.ID) throw notFound('OrderReturn', orderReturnId);
  const refunded = refundedFor(order, orderReturnId);
  const remaining = orderReturn.RefundAmount - refunded;
  const amount =
    requested === undefined ? -remaining : amountInCurrency(requested, order.Currency, 'Amount', true);
  const magnitude = amount < 0n ? -amount : amount;
  if (magnitude > remaining || refunded + magnitude > orderTotal) {
    throw badRequest(
      'Payment.RefundExceedsReturn',
      'Refunds may not exceed the corresponding Order.Total or the refund amount on the OrderReturn.',
      {
        OrderReturnID: orderReturnId,
        RefundAmount: orderReturn.RefundAmount.toString(),
        AlreadyRefunded: refunded.toString(),
      },
    );
  }
  return amount;
}

function refundedFor(order: OrderRecord, orderReturnId: string, except?: string): bigint {
  return sumMinor(
    [...order.payments.values()]
      .filter((p) => p.OrderReturnID === orderReturnId && p.ID !== except)
      .map((p) => (p.Amount < 0n ? -p.Amount : p.Amount)),
  );
}

/** "Once a payment (or payments) has been created with an Amount equal to the OrderReturn.RefundAmount
 * the OrderReturn will be marked as complete" (order-returns.mdx). */
function completeReturnWhenRefunded(ctx: CommerceContext, order: OrderRecord, orderReturnId: string): void {
  const orderReturn = ctx.state.orderReturns.get(orderReturnId);
  if (orderReturn?.Status !== 'Open' || orderReturn.RefundAmount === 0n) return;
  if (refundedFor(order, orderReturnId) !== orderReturn.RefundAmount) return;
  const now = nowIso(ctx);
  orderReturn.Status = 'Completed';
  orderReturn.DateCompleted = now;
  orderReturn.LastUpdated = now;
}

export function findPayment(order: OrderRecord, paymentId: string): PaymentRecord {
  const payment = order.payments.get(paymentId);
  if (!payment) throw notFound('Payment', paymentId);
  return payment;
}

export function patchPayment(
  ctx: CommerceContext,
  order: OrderRecord,
  payment: PaymentRecord,
  rawBody: unknown,
): void {
  const body = parseBody(PaymentBody, rawBody);
  if (order.Status === 'Canceled')
    throw badRequest('Payment.CannotEditCancelled', 'Cannot add or edit a payment on a canceled order.');
  if (
    (body.Type && body.Type !== payment.Type) ||
    body.CreditCardID !== undefined ||
    body.SpendingAccountID !== undefined
  ) {
    throw badRequest(
      'Payment.CannotPatchProperty',
      'Payment Type, SpendingAccountID, and CreditCardID are not modifiable properties on a payment.',
    );
  }
  if (
    ctx.actor.kind !== 'admin' &&
    (payment.Accepted || payment.Type === 'CreditCard') &&
    order.Status !== 'Unsubmitted'
  ) {
    throw badRequest(
      'Payment.NotAuthorizedToPatch',
      'You are not authorized to modify Accepted payments on submitted orders, or payments with the type of CreditCard.',
    );
  }
  if (body.Accepted !== undefined) {
    if (ctx.actor.kind !== 'admin')
      throw badRequest(
        'Payment.CannotPatchAccepted',
        'You are not authorized to modify the Accepted property.',
      );
    payment.Accepted = body.Accepted;
  }
  if (body.Amount !== undefined)
    payment.Amount = amountInCurrency(
      body.Amount,
      order.Currency,
      'Amount',
      payment.OrderReturnID !== undefined,
    );
  if (body.Description !== undefined) payment.Description = body.Description;
  if (body.xp) payment.xp = deepMerge(payment.xp, body.xp);
  touch(ctx, order);
}

export function addTransaction(
  ctx: CommerceContext,
  order: OrderRecord,
  payment: PaymentRecord,
  rawBody: unknown,
): PaymentRecord {
  if (ctx.actor.kind !== 'admin') throw insufficientRoles(['OrderAdmin']);
  const body = parseBody(TransactionBody, rawBody);
  if (body.Currency && body.Currency !== payment.Currency) {
    throw badRequest(
      'InvalidRequest',
      `Transaction currency ${body.Currency} differs from the payment's ${payment.Currency}.`,
    );
  }
  const id = newId(
    ctx,
    body.ID,
    (candidate) => payment.Transactions.some((t) => t.ID === candidate),
    'PaymentTransaction',
  );
  payment.Transactions.push({
    ID: id,
    Type: body.Type,
    DateExecuted: body.DateExecuted ?? nowIso(ctx),
    Currency: payment.Currency,
    // Undocumented whether a transaction's Amount may be negative (a refund's often is): allowed.
    Amount:
      body.Amount === undefined ? undefined : amountInCurrency(body.Amount, payment.Currency, 'Amount', true),
    Succeeded: body.Succeeded,
    ResultCode: body.ResultCode,
    ResultMessage: body.ResultMessage,
    xp: body.xp ?? {},
  });
  touch(ctx, order);
  return payment;
}

export function removeTransaction(
  ctx: CommerceContext,
  order: OrderRecord,
  payment: PaymentRecord,
  transactionId: string,
): void {
  if (ctx.actor.kind !== 'admin') throw insufficientRoles(['OrderAdmin']);
  if (!payment.Transactions.some((t) => t.ID === transactionId))
    throw notFound('PaymentTransaction', transactionId);
  payment.Transactions = payment.Transactions.filter((t) => t.ID !== transactionId);
  touch(ctx, order);
}

export { capturedTowardsOrder };
