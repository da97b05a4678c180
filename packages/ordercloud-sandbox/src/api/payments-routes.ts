import { orderRoute, param } from './common.ts';
import type { RouteDef } from './context.ts';
import { listItems } from './list-query.ts';
import { serializePayment } from './order-view.ts';
import {
  addTransaction,
  createPayment,
  findPayment,
  patchPayment,
  removeTransaction,
} from '../commerce/payments.ts';
import { badRequest } from '../errors.ts';

// HTTP only: v1/orders/{direction}/{orderID}/payments…; the rules live in src/commerce/payments.ts.
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
  {
    verb: 'DELETE',
    template: `${base}/{paymentID}/transactions/{transactionID}`,
    roles: ['OrderAdmin'],
    handler: orderRoute((ctx, o) => {
      removeTransaction(ctx, o, findPayment(o, param(ctx, 'paymentID')), param(ctx, 'transactionID'));
      return undefined;
    }),
  },
];
