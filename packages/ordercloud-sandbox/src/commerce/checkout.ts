import { z } from 'zod';
import { parseBody } from '../api/body.ts';
import { invalidateCalculation, nowIso, requireUnsubmitted, touch } from '../api/common.ts';
import type { CommerceContext } from '../api/context.ts';
import { badRequest, notFound } from '../errors.ts';
import { numberToDecimal } from '../money.ts';
import type { IntegrationEventRecord, OrderRecord } from '../state.ts';
import { serializeWorksheet } from '../api/order-view.ts';
import { calculateOrder, estimateShipping } from './builtin-checkout.ts';
import { validateOrder } from './order-promotions.ts';
import {
  type CheckoutEndpoint,
  checkoutEventFor,
  type EndpointAnswer,
  integrationToken,
  isBuiltinCheckout,
  postToEndpoint,
} from '../integrations/checkout-integration.ts';
import {
  callRecord,
  parseCalculateResponse,
  parseShipEstimates,
  unitPriceOverrides,
} from '../integrations/checkout-responses.ts';

// The checkout steps of an order: estimate shipping, select ship methods, calculate, submit, and the
// seller's complete / cancel. The OrderCheckout integration event on the calling API client decides
// who answers (the built-in engine, a merchant's endpoint, or nobody).

async function callMerchant(
  ctx: CommerceContext,
  event: IntegrationEventRecord,
  order: OrderRecord,
  endpoint: CheckoutEndpoint,
): Promise<EndpointAnswer> {
  return postToEndpoint({
    event,
    endpoint,
    timeoutMs: ctx.core.integrationTimeoutMs,
    payload: {
      ConfigData: event.ConfigData,
      Environment: 'Sandbox',
      OrderCloudAccessToken: await integrationToken(ctx.core.tokens, ctx.actor, event),
      OrderWorksheet: serializeWorksheet(ctx.state, order),
    },
  });
}

export async function runEstimateShipping(ctx: CommerceContext, order: OrderRecord): Promise<void> {
  requireUnsubmitted(order, 'estimate shipping');
  if (order.lineItems.size === 0)
    throw badRequest(
      'Order.CannotShipWithNoLineItems',
      'Cannot estimate shipping for an order without line items.',
    );
  const event = checkoutEventFor(ctx.state, ctx.actor.clientId);
  if (!event) return;
  invalidateCalculation(order, { shipping: true });
  if (isBuiltinCheckout(event)) {
    order.shipEstimates = estimateShipping(ctx.state, order);
    order.shipEstimateResponse = { xp: {}, HttpStatusCode: 200, UnhandledErrorBody: null, Succeeded: true };
  } else {
    const answer = await callMerchant(ctx, event, order, 'shippingrates');
    const meta = callRecord(answer);
    const parsed = meta.Succeeded
      ? parseShipEstimates(answer.json, order.Currency)
      : { estimates: [], xp: {} };
    order.shipEstimates = parsed.estimates;
    order.shipEstimateResponse = { ...meta, xp: parsed.xp };
  }
  touch(ctx, order);
}

const ShipMethodsBody = z.looseObject({
  ShipMethodSelections: z.array(z.looseObject({ ShipEstimateID: z.string(), ShipMethodID: z.string() })),
});

export function runSelectShipMethods(ctx: CommerceContext, order: OrderRecord, rawBody: unknown): void {
  requireUnsubmitted(order, 'select ship methods');
  const body = parseBody(ShipMethodsBody, rawBody);
  const estimates = order.shipEstimates;
  if (!estimates)
    throw badRequest('ShipEstimate.NotEstimated', 'Call estimateshipping before selecting ship methods.');
  for (const selection of body.ShipMethodSelections) {
    const estimate = estimates.find((e) => e.ID === selection.ShipEstimateID);
    if (!estimate) throw notFound('ShipEstimate', selection.ShipEstimateID);
    if (!estimate.ShipMethods.some((m) => m.ID === selection.ShipMethodID))
      throw notFound('ShipMethod', selection.ShipMethodID);
    estimate.SelectedShipMethodID = selection.ShipMethodID;
  }
  invalidateCalculation(order, { shipping: false });
  touch(ctx, order);
}

export async function runCalculate(ctx: CommerceContext, order: OrderRecord): Promise<void> {
  requireUnsubmitted(order, 'calculate');
  const event = checkoutEventFor(ctx.state, ctx.actor.clientId);
  if (!event) return;
  invalidateCalculation(order, { shipping: false });
  const calculation = isBuiltinCheckout(event)
    ? calculateOrder(ctx.state, order)
    : parseCalculateResponse({
        answer: await callMerchant(ctx, event, order, 'ordercalculate'),
        currency: order.Currency,
        estimates: order.shipEstimates,
      });
  if (calculation.Succeeded) {
    for (const [lineItemId, price] of unitPriceOverrides(calculation)) {
      const line = order.lineItems.get(lineItemId);
      if (!line) continue;
      line.UnitPrice = numberToDecimal(price);
      line.PriceOverridden = true;
      line.IsOnSale = false;
    }
    order.ShippingCost = calculation.ShippingTotal;
    order.TaxCost = calculation.TaxTotal;
  }
  order.calculation = calculation;
  touch(ctx, order);
}

export async function runSubmit(ctx: CommerceContext, order: OrderRecord): Promise<OrderRecord> {
  if (order.Status !== 'Unsubmitted') {
    throw badRequest(
      'Order.CannotSubmitBadStatus',
      'Cannot submit order with this status. Order status must be Unsubmitted.',
      { Status: order.Status },
    );
  }
  if (order.lineItems.size === 0) {
    throw badRequest('Order.CannotSubmitWithNoLineItems', 'Cannot submit an order without any line items.');
  }
  const event = checkoutEventFor(ctx.state, ctx.actor.clientId);
  if (event && !order.calculation) {
    throw badRequest(
      'Order.CalculateRequired',
      'The checkout integration requires POST …/calculate after the last change before the order can be submitted.',
    );
  }
  validateOrder(ctx, order);
  if ([...order.payments.values()].some((p) => !p.Accepted && !p.OrderReturnID)) {
    throw badRequest(
      'Order.CannotSubmitWithUnaccceptedPayments',
      'Cannot submit an order with payments that have not been Accepted.',
    );
  }
  const now = nowIso(ctx);
  order.Status = 'Open';
  order.DateSubmitted = now;
  order.LastUpdated = now;
  for (const applied of order.promotions) {
    const promotion = ctx.state.promotions.get(applied.PromotionID);
    if (promotion) promotion.RedemptionCount += 1;
  }
  if (event && !isBuiltinCheckout(event)) {
    const answer = await callMerchant(ctx, event, order, 'ordersubmit');
    const meta = callRecord(answer);
    order.submitResponse = {
      ...meta,
      xp:
        meta.Succeeded && answer.json && typeof answer.json === 'object'
          ? ((answer.json as { xp?: unknown }).xp ?? {})
          : {},
    };
  } else if (event) {
    order.submitResponse = { HttpStatusCode: 200, UnhandledErrorBody: null, Succeeded: true, xp: {} };
  }
  return order;
}

export function runComplete(ctx: CommerceContext, order: OrderRecord): OrderRecord {
  if (order.Status !== 'Open') {
    throw badRequest(
      'Order.CannotCompleteBadStatus',
      'Cannot complete order with this status. Order status must be Open.',
      { Status: order.Status },
    );
  }
  const now = nowIso(ctx);
  order.Status = 'Completed';
  order.DateCompleted = now;
  order.LastUpdated = now;
  return order;
}

export function runCancel(ctx: CommerceContext, order: OrderRecord): OrderRecord {
  if (order.Status !== 'Open' && order.Status !== 'AwaitingApproval') {
    throw badRequest(
      'Order.CannotCancelInCurrentStatus',
      `Cannot cancel an order with the status of ${order.Status}.`,
      { Status: order.Status },
    );
  }
  const now = nowIso(ctx);
  order.Status = 'Canceled';
  order.DateCanceled = now;
  order.LastUpdated = now;
  return order;
}
