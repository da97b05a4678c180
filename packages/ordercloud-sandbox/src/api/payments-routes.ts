import { z } from 'zod';
import { badRequest, insufficientRoles, notFound } from '../errors.ts';
import { currencyExponent, numberToDecimal, sumMinor } from '../money.ts';
import type { OrderRecord, PaymentRecord } from '../state.ts';
import { deepMerge, optionalBoolean, optionalNumber, optionalString, parseBody, XpSchema } from './body.ts';
import { findOrder, newId, nowIso, param, touch } from './common.ts';
import type { RouteContext, RouteDef } from './context.ts';
import { listItems } from './list-query.ts';
import { orderTotals } from '../commerce/order-pricing.ts';
import { serializePayment } from './order-view.ts';

const paymentFields = [
  'ID',
  'Type',
  'DateCreated',
  'CreditCardID',
  'SpendingAccountID',
  'Description',
  'Currency',
  'Amount',
  'Accepted',
  'OrderReturnID',
  'xp',
  'Transactions',
];

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

export function createPayment(ctx: RouteContext, order: OrderRecord, rawBody: unknown): PaymentRecord {
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
  if (body.OrderReturnID) {
    const orderReturn = ctx.state.orderReturns.get(body.OrderReturnID);
    if (!orderReturn || orderReturn.OrderID !== order.ID) throw notFound('OrderReturn', body.OrderReturnID);
  }
  const total = orderTotals(ctx.state, order).total;
  const paid = capturedTowardsOrder(order);
  if (!body.OrderReturnID && total > 0n && paid >= total) {
    throw badRequest('Payment.AlreadyPaid', 'Cannot create Payment. Order is already fully paid.');
  }
  const amount =
    body.Amount === undefined
      ? body.OrderReturnID
        ? 0n
        : total - paid
      : amountInCurrency(body.Amount, order.Currency, 'Amount');
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
  touch(ctx, order);
  return payment;
}

function findPayment(order: OrderRecord, paymentId: string): PaymentRecord {
  const payment = order.payments.get(paymentId);
  if (!payment) throw notFound('Payment', paymentId);
  return payment;
}

function patchPayment(ctx: RouteContext, order: OrderRecord, payment: PaymentRecord, rawBody: unknown): void {
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
  if (body.Amount !== undefined) payment.Amount = amountInCurrency(body.Amount, order.Currency, 'Amount');
  if (body.Description !== undefined) payment.Description = body.Description;
  if (body.xp) payment.xp = deepMerge(payment.xp, body.xp);
  touch(ctx, order);
}

export function addTransaction(
  ctx: RouteContext,
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
    Amount: body.Amount === undefined ? undefined : amountInCurrency(body.Amount, payment.Currency, 'Amount'),
    Succeeded: body.Succeeded,
    ResultCode: body.ResultCode,
    ResultMessage: body.ResultMessage,
    xp: body.xp ?? {},
  });
  touch(ctx, order);
  return payment;
}

function orderRoute(handler: (ctx: RouteContext, order: OrderRecord) => unknown) {
  return (ctx: RouteContext) => handler(ctx, findOrder(ctx, param(ctx, 'direction'), param(ctx, 'orderID')));
}

const base = 'v1/orders/{direction}/{orderID}/payments';
const writers = ['Shopper', 'OrderAdmin'];
const readers = ['Shopper', 'OrderAdmin', 'OrderReader'];

export const paymentRoutes: RouteDef[] = [
  {
    verb: 'GET',
    template: base,
    roles: readers,
    handler: orderRoute((ctx, o) =>
      listItems({
        items: [...o.payments.values()].map(serializePayment),
        query: ctx.query,
        fields: paymentFields,
      }),
    ),
  },
  {
    verb: 'POST',
    template: base,
    roles: writers,
    created: true,
    handler: orderRoute((ctx, o) => serializePayment(createPayment(ctx, o, ctx.body))),
  },
  {
    verb: 'GET',
    template: `${base}/{paymentID}`,
    roles: readers,
    handler: orderRoute((ctx, o) => serializePayment(findPayment(o, param(ctx, 'paymentID')))),
  },
  {
    verb: 'PATCH',
    template: `${base}/{paymentID}`,
    roles: writers,
    handler: orderRoute((ctx, o) => {
      const payment = findPayment(o, param(ctx, 'paymentID'));
      patchPayment(ctx, o, payment, ctx.body);
      return serializePayment(payment);
    }),
  },
  {
    verb: 'DELETE',
    template: `${base}/{paymentID}`,
    roles: writers,
    handler: orderRoute((ctx, o) => {
      const payment = findPayment(o, param(ctx, 'paymentID'));
      if (payment.Transactions.length > 0) {
        throw badRequest(
          'Payment.CannotDeleteWithTransactions',
          'Cannot delete a payment that has transactions.',
        );
      }
      o.payments.delete(payment.ID);
      return undefined;
    }),
  },
  {
    verb: 'POST',
    template: `${base}/{paymentID}/transactions`,
    roles: ['OrderAdmin'],
    created: true,
    handler: orderRoute((ctx, o) =>
      serializePayment(addTransaction(ctx, o, findPayment(o, param(ctx, 'paymentID')), ctx.body)),
    ),
  },
];

export { capturedTowardsOrder };
