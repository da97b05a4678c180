import { type Payment, PaymentSchema, type Result, toDecimalString } from '@ledgerbridge/canonical';
import type { OcPayment } from '../api-types.ts';
import { clean } from './address-mapper.ts';
import { isoDate, toMoney } from './amounts.ts';
import { MappingProblem, mapSafely } from './mapping-problem.ts';

const methods: Record<string, Payment['method']> = {
  CreditCard: 'credit-card',
  PurchaseOrder: 'purchase-order',
  SpendingAccount: 'spending-account',
};

/** An OrderCloud payment with its gateway transactions. Refund payments (OrderReturnID set) keep
 * their amount's magnitude and are marked, so they are never mistaken for captures. */
export function mapPayment(input: {
  payment: OcPayment;
  orderId: string;
  orderCurrency: string;
}): Result<Payment> {
  const { payment, orderId } = input;
  return mapSafely(`payment ${payment.ID}`, () => {
    const currency = clean(payment.Currency) ?? input.orderCurrency;
    const amount = toMoney(payment.Amount, currency, 'Payment.Amount', { required: true });
    const createdAt = isoDate(payment.DateCreated, 'Payment.DateCreated');
    const gateway = payment.xp?.Gateway;
    const draft: Payment = {
      id: payment.ID,
      orderId,
      method: methods[payment.Type] ?? 'other',
      gateway: typeof gateway === 'string' ? gateway : undefined,
      currency,
      amount: toDecimalString({ currency, minor: amount.minor < 0n ? -amount.minor : amount.minor }),
      accepted: payment.Accepted === true,
      createdAt,
      transactions: (payment.Transactions ?? []).map((t, i) => {
        const txCurrency = clean(t.Currency) ?? currency;
        if (txCurrency !== currency)
          throw new MappingProblem(
            `Payment.Transactions[${i}].Currency`,
            `${txCurrency} differs from the payment's ${currency}`,
          );
        return {
          id: t.ID,
          type: clean(t.Type) ?? 'unknown',
          amount: toDecimalString(
            t.Amount === null || t.Amount === undefined
              ? amount
              : toMoney(t.Amount, currency, `Payment.Transactions[${i}].Amount`),
          ),
          succeeded: t.Succeeded === true,
          resultCode: clean(t.ResultCode),
          message: clean(t.ResultMessage),
          executedAt: t.DateExecuted
            ? isoDate(t.DateExecuted, `Payment.Transactions[${i}].DateExecuted`)
            : createdAt,
        };
      }),
      attributes: {
        ...(payment.OrderReturnID ? { orderReturnId: payment.OrderReturnID, refund: true } : {}),
        ...(payment.Description ? { description: payment.Description } : {}),
        ...(payment.CreditCardID ? { creditCardId: payment.CreditCardID } : {}),
        ...(payment.SpendingAccountID ? { spendingAccountId: payment.SpendingAccountID } : {}),
      },
    };
    const parsed = PaymentSchema.safeParse(draft);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      throw new MappingProblem(
        `canonical.${issue?.path.join('.') ?? ''}`,
        issue?.message ?? 'invalid payment',
      );
    }
    return parsed.data;
  });
}
