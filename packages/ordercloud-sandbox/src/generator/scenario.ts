import { builtinCheckoutEventId } from '../integrations/checkout-integration.ts';
import { majorToMinor, minorToString, numberToDecimalString } from '../money.ts';
import type { Catalog } from './catalog.ts';
import { type Principal, type ScenarioCaller, ScenarioCallError } from './callers.ts';
import type { OrderPlan } from './plans.ts';
import { regions } from './regions.ts';

// Turns a catalog and order plans into OrderCloud API calls: the calls a storefront, a payment
// middleware and a back office make, so webhooks fire exactly as they would in production.
const admin: Principal = { kind: 'admin' };

type Json = Record<string, unknown>;
const asJson = (value: unknown): Json => (value && typeof value === 'object' ? (value as Json) : {});
const str = (value: unknown): string => (typeof value === 'string' ? value : '');
const num = (value: unknown): number => (typeof value === 'number' ? value : 0);

async function tolerateExisting(run: () => Promise<unknown>): Promise<void> {
  try {
    await run();
  } catch (error) {
    if (error instanceof ScenarioCallError && error.code === 'IdExists') return;
    throw error;
  }
}

export async function setupCatalog(call: ScenarioCaller, catalog: Catalog): Promise<void> {
  const currencies = new Set<string>();
  for (const key of catalog.regions) {
    const region = regions[key];
    currencies.add(region.currency);
    const localeId = `locale-${region.currency.toLowerCase()}`;
    await tolerateExisting(() =>
      call({
        as: admin,
        method: 'POST',
        path: '/v1/locales',
        body: { ID: localeId, Currency: region.currency },
      }),
    );
    for (const [buyerId, name] of [
      [region.retailBuyerId, `Retail ${key}`],
      [region.tradeBuyerId, `Trade ${key}`],
      [region.guestBuyerId, `Guests ${key}`],
    ] as const) {
      await tolerateExisting(() =>
        call({ as: admin, method: 'POST', path: '/v1/buyers', body: { ID: buyerId, Name: name } }),
      );
      await call({
        as: admin,
        method: 'POST',
        path: '/v1/locales/assignments',
        body: { LocaleID: localeId, BuyerID: buyerId },
      });
    }
    await tolerateExisting(() =>
      call({
        as: admin,
        method: 'POST',
        path: `/v1/buyers/${region.guestBuyerId}/users`,
        body: {
          ID: region.guestUsername,
          Username: region.guestUsername,
          FirstName: '',
          LastName: '',
          Email: '',
          Active: true,
        },
      }),
    );
    await tolerateExisting(() =>
      call({
        as: admin,
        method: 'POST',
        path: '/v1/apiclients',
        body: {
          ID: region.storefrontClientId,
          AppName: `Storefront ${key}`,
          IsAnonBuyer: true,
          DefaultContextUserName: region.guestUsername,
          OrderCheckoutIntegrationEventID: builtinCheckoutEventId,
        },
      }),
    );
  }
  for (const product of catalog.products) {
    for (const currency of currencies) {
      await tolerateExisting(() =>
        call({
          as: admin,
          method: 'POST',
          path: '/v1/priceschedules',
          body: {
            ID: `${product.ID}-${currency}`,
            Name: `${product.Name} (${currency})`,
            Currency: currency,
            ApplyTax: product.applyTax,
            PriceBreaks: [{ Quantity: 1, Price: Number(product.prices[currency] ?? '0') }],
          },
        }),
      );
    }
    await tolerateExisting(() =>
      call({
        as: admin,
        method: 'POST',
        path: '/v1/products',
        body: {
          ID: product.ID,
          Name: product.Name,
          xp: { ...(product.sku ? { SKU: product.sku } : {}), Category: product.category },
        },
      }),
    );
    for (const key of catalog.regions) {
      const region = regions[key];
      for (const buyerId of [region.retailBuyerId, region.tradeBuyerId, region.guestBuyerId]) {
        await call({
          as: admin,
          method: 'POST',
          path: '/v1/products/assignments',
          body: {
            ProductID: product.ID,
            BuyerID: buyerId,
            PriceScheduleID: `${product.ID}-${region.currency}`,
          },
        });
      }
    }
  }
  for (const user of catalog.users) {
    await tolerateExisting(() =>
      call({
        as: admin,
        method: 'POST',
        path: `/v1/buyers/${user.BuyerID}/users`,
        body: {
          ID: user.ID,
          Username: user.Username,
          Password: user.Password,
          FirstName: user.FirstName,
          LastName: user.LastName,
          Email: user.Email,
          Phone: user.Phone,
          Active: true,
          xp: user.company ? { CompanyName: user.company } : {},
        },
      }),
    );
    await tolerateExisting(() =>
      call({
        as: admin,
        method: 'POST',
        path: `/v1/buyers/${user.BuyerID}/addresses`,
        body: { ...user.address, Shipping: true, Billing: true },
      }),
    );
  }
  for (const promotion of catalog.promotions) {
    await tolerateExisting(() =>
      call({ as: admin, method: 'POST', path: '/v1/promotions', body: promotion }),
    );
  }
}

export type PlacedOrder = {
  planIndex: number;
  orderId: string;
  region: string;
  currency: string;
  status: string;
  customerKind: 'user' | 'guest';
  returnIds: string[];
};

export async function placeOrder(call: ScenarioCaller, plan: OrderPlan): Promise<PlacedOrder> {
  const region = regions[plan.region];
  const guest = plan.customer.kind === 'guest';
  const as: Principal =
    plan.customer.kind === 'user'
      ? {
          kind: 'user',
          clientId: region.storefrontClientId,
          username: plan.customer.user.Username,
          password: plan.customer.user.Password,
        }
      : { kind: 'guest', clientId: region.storefrontClientId, key: `guest-${plan.index}-${region.key}` };
  const xp = {
    PricesIncludeTax: plan.pricesIncludeTax,
    Channel: 'web',
    ...(plan.giftWrap ? { GiftWrap: true } : {}),
    ...(plan.customer.kind === 'user' && plan.customer.user.company
      ? { PONumber: `PO-${10000 + plan.index}` }
      : {}),
  };
  const gratuity = plan.gratuity ? { Gratuity: Number(plan.gratuity) } : {};

  let order: Json;
  if (plan.customer.kind === 'user') {
    const user = plan.customer.user;
    order = asJson(
      await call({
        as,
        method: 'POST',
        path: '/v1/orders/Outgoing',
        body: { BillingAddressID: user.address.ID, xp, ...gratuity },
      }),
    );
  } else {
    const info = plan.customer.guest;
    order = asJson(await call({ as, method: 'GET', path: '/v1/cart' }));
    await call({ as, method: 'PATCH', path: '/v1/cart', body: { xp, ...gratuity } });
    await call({
      as,
      method: 'PATCH',
      path: '/v1/cart/fromuser',
      body: { FirstName: info.firstName ?? '', LastName: info.lastName ?? '', Email: info.email ?? '' },
    });
    await call({
      as,
      method: 'PUT',
      path: `/v1/orders/Outgoing/${str(order.ID)}/billto`,
      body: { ...info.address, FirstName: info.firstName, LastName: info.lastName },
    });
  }
  const id = str(order.ID);
  const base = `/v1/orders/Outgoing/${id}`;
  const incoming = `/v1/orders/Incoming/${id}`;
  for (const line of plan.lines) {
    if (plan.customer.kind === 'user') {
      await call({
        as,
        method: 'POST',
        path: `${base}/lineitems`,
        body: {
          ProductID: line.productId,
          Quantity: line.quantity,
          ShippingAddressID: plan.customer.user.address.ID,
        },
      });
    } else {
      const created = asJson(
        await call({
          as,
          method: 'POST',
          path: '/v1/cart/lineitems',
          body: { ProductID: line.productId, Quantity: line.quantity },
        }),
      );
      const info = plan.customer.guest;
      await call({
        as,
        method: 'PUT',
        path: `${base}/lineitems/${str(created.ID)}/shipto`,
        body: { ...info.address, FirstName: info.firstName, LastName: info.lastName },
      });
    }
  }
  for (const code of plan.promoCodes) {
    try {
      await call({ as, method: 'POST', path: `${base}/promotions/${code}` });
    } catch (error) {
      if (!(error instanceof ScenarioCallError && error.code.startsWith('Promotion.'))) throw error;
    }
  }
  const estimated = asJson(await call({ as, method: 'POST', path: `${base}/estimateshipping` }));
  const estimates = (asJson(estimated.ShipEstimateResponse).ShipEstimates as Json[] | undefined) ?? [];
  const selections = estimates.map((estimate) => {
    const methods = ((estimate.ShipMethods as Json[] | undefined) ?? []).map((m) => str(m.ID));
    return {
      ShipEstimateID: str(estimate.ID),
      ShipMethodID: methods.includes(plan.shipMethod) ? plan.shipMethod : 'STANDARD',
    };
  });
  await call({ as, method: 'POST', path: `${base}/shipmethods`, body: { ShipMethodSelections: selections } });
  const calculated = asJson(await call({ as, method: 'POST', path: `${base}/calculate` }));
  const calculatedOrder = asJson(calculated.Order);
  const currency = str(calculatedOrder.Currency);
  const totalMinor = majorToMinor(numberToDecimalString(num(calculatedOrder.Total)), currency);
  const amount = (minor: bigint) => Number(minorToString(minor, currency));

  let paymentId: string | undefined;
  if (plan.payment && totalMinor > 0n) {
    const created = asJson(
      await call({
        as,
        method: 'POST',
        path: guest ? '/v1/cart/payments' : `${base}/payments`,
        body: {
          Type: plan.payment.type,
          Description: plan.payment.type === 'PurchaseOrder' ? 'On account' : 'Card',
          xp: { Gateway: 'sandbox-pay' },
        },
      }),
    );
    paymentId = str(created.ID);
    await call({
      as: admin,
      method: 'PATCH',
      path: `${incoming}/payments/${paymentId}`,
      body: { Accepted: true },
    });
    if (plan.payment.type === 'CreditCard') {
      await call({
        as: admin,
        method: 'POST',
        path: `${incoming}/payments/${paymentId}/transactions`,
        body: {
          Type: 'Authorization',
          Amount: amount(totalMinor),
          Succeeded: true,
          ResultCode: '00',
          ResultMessage: 'Approved',
        },
      });
    }
  }
  let submitted = asJson(
    await call({ as, method: 'POST', path: guest ? '/v1/cart/submit' : `${base}/submit` }),
  );

  const transaction = (body: Json) =>
    call({ as: admin, method: 'POST', path: `${incoming}/payments/${paymentId}/transactions`, body });
  if (paymentId && plan.payment?.type === 'CreditCard' && plan.after !== 'cancel') {
    if (plan.payment.capture === 'full') {
      await transaction({ Type: 'Capture', Amount: amount(totalMinor), Succeeded: true, ResultCode: '00' });
    } else if (plan.payment.capture === 'partial') {
      const first = (totalMinor * BigInt(30 + (plan.index % 60))) / 100n;
      await transaction({
        Type: 'Capture',
        Amount: amount(first),
        Succeeded: true,
        ResultCode: '00',
        ResultMessage: 'Partial capture',
      });
      await transaction({
        Type: 'Capture',
        Amount: amount(totalMinor - first),
        Succeeded: true,
        ResultCode: '00',
        ResultMessage: 'Final capture',
      });
    } else if (plan.payment.capture === 'failed') {
      await transaction({
        Type: 'Capture',
        Amount: amount(totalMinor),
        Succeeded: false,
        ResultCode: '05',
        ResultMessage: 'Do not honour',
      });
    }
  }

  const returnIds: string[] = [];
  if (plan.after === 'cancel') {
    submitted = asJson(await call({ as: admin, method: 'POST', path: `${incoming}/cancel` }));
    if (paymentId && plan.payment?.type === 'CreditCard')
      await transaction({ Type: 'Void', Amount: amount(totalMinor), Succeeded: true, ResultCode: '00' });
  } else if (plan.after === 'complete') {
    submitted = asJson(await call({ as: admin, method: 'POST', path: `${incoming}/complete` }));
  } else if (plan.after === 'return') {
    const lines = asJson(
      await call({ as: admin, method: 'GET', path: `${incoming}/lineitems`, query: { pageSize: '100' } }),
    );
    const returnable = ((lines.Items as Json[] | undefined) ?? []).find((l) => num(l.LineTotal) > 0);
    if (returnable) {
      const created = asJson(
        await call({
          as: admin,
          method: 'POST',
          path: '/v1/orderreturns',
          body: {
            OrderID: id,
            ItemsToReturn: [{ LineItemID: str(returnable.ID), Quantity: 1, Comments: 'Changed mind' }],
            Comments: 'Customer return',
          },
        }),
      );
      const returnId = str(created.ID);
      returnIds.push(returnId);
      await call({ as: admin, method: 'POST', path: `/v1/orderreturns/${returnId}/submit` });
      const completed = asJson(
        await call({ as: admin, method: 'POST', path: `/v1/orderreturns/${returnId}/complete` }),
      );
      const refund = num(completed.RefundAmount);
      if (refund > 0 && plan.payment) {
        const refundPayment = asJson(
          await call({
            as: admin,
            method: 'POST',
            path: `${incoming}/payments`,
            body: {
              Type: plan.payment.type,
              OrderReturnID: returnId,
              Amount: refund,
              Accepted: true,
              Description: 'Refund',
            },
          }),
        );
        if (plan.payment.type === 'CreditCard') {
          await call({
            as: admin,
            method: 'POST',
            path: `${incoming}/payments/${str(refundPayment.ID)}/transactions`,
            body: { Type: 'Refund', Amount: refund, Succeeded: true, ResultCode: '00' },
          });
        }
      }
    }
  }
  return {
    planIndex: plan.index,
    orderId: id,
    region: plan.region,
    currency,
    status: str(submitted.Status),
    customerKind: plan.customer.kind,
    returnIds,
  };
}
