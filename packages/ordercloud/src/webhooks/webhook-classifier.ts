import type { SyncEvent } from '@ledgerbridge/canonical';
import type { z } from 'zod';
import {
  OcAddressAssignmentSchema,
  OcAddressSchema,
  OcBuyerAddressSchema,
  OcBuyerSchema,
  OcOrderReturnSchema,
  OcOrderSchema,
  type OcPayment,
  OcPaymentSchema,
  OcPriceScheduleSchema,
  OcProductSchema,
  OcUserGroupAssignmentSchema,
  OcUserSchema,
  OcVariantSchema,
} from '../api-types.ts';
import { mapAddress } from '../mapping/address-mapper.ts';
import { describeIssues, type FieldIssue, type OrderCloudWebhookPayload } from './webhook-payload.ts';

// Decides what an OrderCloud webhook delivery means for the ledger, from the delivery alone (no
// stored state): a payment may arrive before its order's submit, and the same LogID twice is the
// same event. Routes we do not sync are "ignored" (the intake still answers 2xx).
type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;
export type OrderCloudEventDraft = DistributiveOmit<SyncEvent, 'connectionId' | 'source'>;

export type WebhookClassification =
  | { kind: 'event'; event: OrderCloudEventDraft }
  | { kind: 'ignored'; reason: string }
  | { kind: 'invalid'; reason: string; issues: FieldIssue[] };

export type ClassifyOptions = {
  /** Which payment transactions mean money was taken; gateways name them differently. */
  isCapture?: (transaction: NonNullable<OcPayment['Transactions']>[number]) => boolean;
};

const defaultIsCapture: NonNullable<ClassifyOptions['isCapture']> = (transaction) =>
  transaction.Succeeded === true && /capture|charge|sale|settle/i.test(transaction.Type ?? '');

type Context = {
  payload: OrderCloudWebhookPayload;
  params: (name: string) => string | undefined;
  base: { eventId: string; occurredAt: string };
  options: ClassifyOptions;
};

type Rule = {
  verbs: string[];
  route: string;
  body?: z.ZodType;
  /** Classify from the request body: the call answers 204 with no body (address assignments). */
  fromRequest?: true;
  classify(ctx: Context, body: unknown): WebhookClassification;
};

const ignored = (reason: string): WebhookClassification => ({ kind: 'ignored', reason });
const event = (draft: OrderCloudEventDraft): WebhookClassification => ({ kind: 'event', event: draft });

function orderSubmitted(ctx: Context, body: unknown): WebhookClassification {
  const order = body as z.infer<typeof OcOrderSchema>;
  if (order.Status === 'AwaitingApproval')
    return ignored('order submitted for approval; it syncs once approved');
  if (order.Status === 'Unsubmitted') return ignored('order is not submitted');
  return event({ ...ctx.base, type: 'order.submitted', orderId: order.ID });
}

function paymentEvent(ctx: Context, body: unknown): WebhookClassification {
  const payment = body as OcPayment;
  const orderId = ctx.params('orderID');
  if (!orderId) return ignored('payment route without an order ID');
  // A return is refunded by a payment carrying its OrderReturnID (order-returns.mdx); paying the refund
  // may complete the return without any call to /complete, so the refund payment is the return's event.
  if (payment.OrderReturnID)
    return event({ ...ctx.base, type: 'refund.issued', orderId, refundId: payment.OrderReturnID });
  const captured =
    payment.Type === 'SpendingAccount'
      ? payment.Accepted === true
      : payment.Type === 'CreditCard' &&
        (payment.Transactions ?? []).some((t) => (ctx.options.isCapture ?? defaultIsCapture)(t));
  if (!captured) {
    return ignored(
      payment.Type === 'PurchaseOrder'
        ? 'purchase-order payments settle outside OrderCloud'
        : 'no successful capture on this payment yet',
    );
  }
  return event({ ...ctx.base, type: 'payment.captured', orderId, paymentId: payment.ID });
}

/** A resource saved by POST to its collection or PUT/PATCH of one member: one meaning both ways. */
const saved = (collection: string, body: z.ZodType, classify: Rule['classify']): Rule[] => [
  { verbs: ['POST'], route: collection, body, classify },
  { verbs: ['PUT', 'PATCH'], route: `${collection}/{}`, body, classify },
];

const rules: Rule[] = [
  { verbs: ['POST'], route: 'v1/orders/{}/{}/submit', body: OcOrderSchema, classify: orderSubmitted },
  { verbs: ['POST'], route: 'v1/cart/submit', body: OcOrderSchema, classify: orderSubmitted },
  { verbs: ['POST'], route: 'v1/orders/{}/{}/approve', body: OcOrderSchema, classify: orderSubmitted },
  {
    verbs: ['POST'],
    route: 'v1/orders/{}/{}/complete',
    body: OcOrderSchema,
    classify: () => ignored('order completion has no accounting effect'),
  },
  {
    verbs: ['POST'],
    route: 'v1/orders/{}/{}/cancel',
    body: OcOrderSchema,
    classify: (ctx, body) =>
      event({ ...ctx.base, type: 'order.canceled', orderId: (body as z.infer<typeof OcOrderSchema>).ID }),
  },
  { verbs: ['POST'], route: 'v1/orders/{}/{}/payments', body: OcPaymentSchema, classify: paymentEvent },
  {
    verbs: ['PATCH', 'PUT'],
    route: 'v1/orders/{}/{}/payments/{}',
    body: OcPaymentSchema,
    classify: paymentEvent,
  },
  {
    verbs: ['POST'],
    route: 'v1/orders/{}/{}/payments/{}/transactions',
    body: OcPaymentSchema,
    classify: paymentEvent,
  },
  ...saved('v1/buyers/{}/users', OcUserSchema, (ctx, body) => {
    const id = (body as z.infer<typeof OcUserSchema>).ID ?? ctx.params('userID');
    return id
      ? event({ ...ctx.base, type: 'customer.updated', customerId: id })
      : ignored('user without an ID');
  }),
  ...saved('v1/buyers', OcBuyerSchema, (ctx, body) => {
    const id = (body as z.infer<typeof OcBuyerSchema>).ID ?? ctx.params('buyerID');
    return id
      ? event({ ...ctx.base, type: 'company.updated', companyId: id })
      : ignored('buyer without an ID');
  }),
  ...saved('v1/buyers/{}/addresses', OcAddressSchema, (ctx, body) => {
    const addressId = (body as z.infer<typeof OcAddressSchema>).ID ?? ctx.params('addressID');
    const companyId = ctx.params('buyerID');
    return addressId && companyId
      ? event({ ...ctx.base, type: 'address.updated', companyId, addressId })
      : ignored('address without an ID or buyer');
  }),
  {
    verbs: ['POST'],
    route: 'v1/buyers/{}/addresses/assignments',
    body: OcAddressAssignmentSchema,
    fromRequest: true,
    classify: (ctx, body) => {
      const assignment = body as z.infer<typeof OcAddressAssignmentSchema>;
      const companyId = ctx.params('buyerID');
      if (!companyId) return ignored('address assignment without a buyer');
      if (!assignment.IsBilling) return ignored('shipping addresses do not reach Xero contacts');
      if (assignment.UserID)
        return event({ ...ctx.base, type: 'customer.updated', customerId: assignment.UserID });
      if (assignment.UserGroupID)
        return event({ ...ctx.base, type: 'group.updated', companyId, groupId: assignment.UserGroupID });
      return event({ ...ctx.base, type: 'company.updated', companyId });
    },
  },
  // A user joins a group (204, the UserGroupAssignment in the request) or leaves it: the group's billing
  // address may now be (or no longer be) the user's (decision 0125).
  {
    verbs: ['POST'],
    route: 'v1/buyers/{}/usergroups/assignments',
    body: OcUserGroupAssignmentSchema,
    fromRequest: true,
    classify: (ctx, body) => {
      const userId = (body as z.infer<typeof OcUserGroupAssignmentSchema>).UserID;
      return userId
        ? event({ ...ctx.base, type: 'customer.updated', customerId: userId })
        : ignored('a group membership without its user');
    },
  },
  {
    verbs: ['DELETE'],
    route: 'v1/buyers/{}/usergroups/{}/assignments/{}',
    fromRequest: true,
    classify: (ctx) => {
      const userId = ctx.params('userID');
      return userId
        ? event({ ...ctx.base, type: 'customer.updated', customerId: userId })
        : ignored('a group membership without its user');
    },
  },
  ...saved('v1/me/addresses', OcBuyerAddressSchema, (ctx, body) => {
    const address = body as z.infer<typeof OcBuyerAddressSchema>;
    if (address.Billing === false) return ignored('shipping addresses do not reach Xero contacts');
    const username = usernameOf(ctx.payload.UserToken);
    const mapped = mapAddress(address);
    if (!username || !mapped) return ignored('a saved address without its shopper or its fields');
    return event({ ...ctx.base, type: 'customer.address-saved', username, address: mapped });
  }),
  ...saved('v1/products', OcProductSchema, (ctx, body) =>
    event({ ...ctx.base, type: 'product.updated', productId: (body as z.infer<typeof OcProductSchema>).ID }),
  ),
  // A variant's edit (its SKU in xp, its name) or a new generation: the product's items are planned again.
  {
    verbs: ['PUT', 'PATCH'],
    route: 'v1/products/{}/variants/{}',
    body: OcVariantSchema,
    classify: (ctx) => {
      const productId = ctx.params('productID');
      return productId
        ? event({ ...ctx.base, type: 'product.updated', productId })
        : ignored('variant without its product');
    },
  },
  {
    verbs: ['POST'],
    route: 'v1/products/{}/variants/generate',
    body: OcProductSchema,
    classify: (ctx, body) =>
      event({
        ...ctx.base,
        type: 'product.updated',
        productId: (body as z.infer<typeof OcProductSchema>).ID,
      }),
  },
  {
    verbs: ['PUT', 'PATCH'],
    route: 'v1/specs/{}/options/{}',
    classify: (ctx) => {
      const specId = ctx.params('specID');
      return specId
        ? event({ ...ctx.base, type: 'spec.updated', specId })
        : ignored('spec option without its spec');
    },
  },
  {
    verbs: ['POST', 'PUT', 'PATCH'],
    route: 'v1/priceschedules/{}',
    body: OcPriceScheduleSchema,
    classify: () => ignored('a price schedule does not name its products; prices are read with each product'),
  },
  {
    verbs: ['POST'],
    route: 'v1/priceschedules',
    body: OcPriceScheduleSchema,
    classify: () => ignored('a price schedule does not name its products'),
  },
  ...[
    'v1/orderreturns',
    'v1/orderreturns/{}',
    'v1/orderreturns/{}/complete',
    'v1/orderreturns/{}/submit',
    'v1/orderreturns/{}/approve',
  ].map(
    (route): Rule => ({
      verbs: route === 'v1/orderreturns/{}' ? ['PUT', 'PATCH'] : ['POST'],
      route,
      body: OcOrderReturnSchema,
      classify: (ctx, body) => {
        const orderReturn = body as z.infer<typeof OcOrderReturnSchema>;
        if (orderReturn.Status !== 'Completed')
          return ignored(
            `order return is ${orderReturn.Status ?? 'not completed'}; refunds sync once completed`,
          );
        return event({
          ...ctx.base,
          type: 'refund.issued',
          orderId: orderReturn.OrderID,
          refundId: orderReturn.ID,
        });
      },
    }),
  ),
];

/**
 * The username in the shopper's access token (`usr`, SDK model DecodedToken). Read without verifying:
 * the delivery's signature already vouches for the payload, and the token is only a claim of who.
 */
function usernameOf(token: string | null | undefined): string | undefined {
  const part = token?.split('.')[1];
  if (!part) return undefined;
  try {
    const claims = JSON.parse(Buffer.from(part, 'base64url').toString('utf8')) as { usr?: unknown };
    return typeof claims.usr === 'string' && claims.usr !== '' ? claims.usr : undefined;
  } catch {
    return undefined;
  }
}

function segments(route: string): string[] {
  return route
    .trim()
    .replace(/^\/+|\/+$/g, '')
    .split('/')
    .map((s) => (/^\{.*\}$/.test(s) ? '{}' : s.toLowerCase()));
}

function routeMatches(ruleRoute: string, actual: string): boolean {
  const rule = segments(ruleRoute);
  const seen = segments(actual);
  return (
    rule.length === seen.length &&
    rule.every((segment, i) => segment === '{}' || segment === seen[i] || seen[i] === '{}')
  );
}

export function classifyWebhook(
  payload: OrderCloudWebhookPayload,
  options: ClassifyOptions = {},
): WebhookClassification {
  const verb = payload.Verb.toUpperCase();
  const rule = rules.find((r) => r.verbs.includes(verb) && routeMatches(r.route, payload.Route));
  if (!rule) return ignored(`route not synced: ${verb} ${payload.Route}`);
  if (
    !rule.fromRequest &&
    (payload.Response === null ||
      payload.Response === undefined ||
      payload.Response.Body === null ||
      payload.Response.Body === undefined)
  ) {
    return ignored('no response body (a pre-hook, or the write failed)');
  }
  // A 204 has no body to say the write happened; a post-hook carries a Response either way.
  if (rule.fromRequest && (payload.Response === null || payload.Response === undefined))
    return ignored('no response (a pre-hook, or the write failed)');
  const params = Object.entries(payload.RouteParams ?? {});
  const context: Context = {
    payload,
    params: (name) => {
      const entry = params.find(([key]) => key.toLowerCase() === name.toLowerCase());
      return typeof entry?.[1] === 'string' && entry[1] !== '' ? entry[1] : undefined;
    },
    base: { eventId: payload.LogID, occurredAt: new Date(payload.Date).toISOString() },
    options,
  };
  let body: unknown = rule.fromRequest ? payload.Request?.Body : payload.Response?.Body;
  if (rule.body) {
    const parsed = rule.body.safeParse(body);
    if (!parsed.success) {
      const issues = describeIssues(parsed.error, 'Response.Body');
      return { kind: 'invalid', reason: issues.map((i) => `${i.path}: ${i.message}`).join('; '), issues };
    }
    body = parsed.data;
  }
  return rule.classify(context, body);
}
