import { describe, expect, it } from 'vitest';
import { classifyWebhook } from './webhook-classifier.ts';
import { type OrderCloudWebhookPayload, parseWebhookPayload } from './webhook-payload.ts';

const order = (overrides: Record<string, unknown> = {}) => ({
  ID: 'O-1',
  Status: 'Open',
  Total: 153.81,
  Currency: 'AUD',
  xp: {},
  ...overrides,
});
const payment = (overrides: Record<string, unknown> = {}) => ({
  ID: 'PAY-1',
  Type: 'CreditCard',
  Amount: 153.81,
  Accepted: true,
  Transactions: [{ ID: 'T1', Type: 'Authorization', Amount: 153.81, Succeeded: true }],
  ...overrides,
});

function payload(
  route: string,
  verb: string,
  responseBody: unknown,
  overrides: Partial<OrderCloudWebhookPayload> = {},
): OrderCloudWebhookPayload {
  const parsed = parseWebhookPayload({
    Route: route,
    RouteParams: {
      direction: 'Incoming',
      orderID: 'O-1',
      paymentID: 'PAY-1',
      buyerID: 'retail-au',
      userID: 'u-1',
      productID: 'P-1',
      returnID: 'RET-1',
      addressID: 'A-1',
      specID: 'size',
      optionID: 'XL',
    },
    QueryParams: {},
    Verb: verb,
    Date: '2026-02-03T04:05:06.1234567+00:00',
    LogID: 'log-123',
    UserToken: 'eyJ...',
    Request: { Body: null, Headers: 'Content-Type: application/json' },
    Response: { Body: responseBody, Headers: '' },
    ConfigData: { ConnectionHint: 'au' },
    ...overrides,
  });
  if (!parsed.ok) throw new Error(parsed.message);
  return parsed.payload;
}

const base = { eventId: 'log-123', occurredAt: '2026-02-03T04:05:06.123Z' };

describe('classifyWebhook', () => {
  it.each([
    [
      'order submit',
      'v1/orders/{direction}/{orderID}/submit',
      'POST',
      order(),
      { type: 'order.submitted', orderId: 'O-1' },
    ],
    [
      'cart submit (route carries no order ID)',
      'v1/cart/submit',
      'POST',
      order({ ID: 'CART-9' }),
      { type: 'order.submitted', orderId: 'CART-9' },
    ],
    [
      'approval',
      'v1/orders/{direction}/{orderID}/approve',
      'POST',
      order(),
      { type: 'order.submitted', orderId: 'O-1' },
    ],
    [
      'cancel',
      'v1/orders/{direction}/{orderID}/cancel',
      'POST',
      order({ Status: 'Canceled' }),
      { type: 'order.canceled', orderId: 'O-1' },
    ],
    [
      'a capture transaction',
      'v1/orders/{direction}/{orderID}/payments/{paymentID}/transactions',
      'POST',
      payment({ Transactions: [{ ID: 'T2', Type: 'Capture', Amount: 100, Succeeded: true }] }),
      { type: 'payment.captured', orderId: 'O-1', paymentId: 'PAY-1' },
    ],
    [
      'spending account accepted',
      'v1/orders/{direction}/{orderID}/payments/{paymentID}',
      'PATCH',
      payment({ Type: 'SpendingAccount', Transactions: [] }),
      { type: 'payment.captured', orderId: 'O-1', paymentId: 'PAY-1' },
    ],
    [
      'buyer user created',
      'v1/buyers/{buyerID}/users',
      'POST',
      { ID: 'u-1', Username: 'u-1' },
      { type: 'customer.updated', customerId: 'u-1' },
    ],
    [
      'buyer user patched',
      'v1/buyers/{buyerID}/users/{userID}',
      'PATCH',
      { ID: 'u-1', Email: '' },
      { type: 'customer.updated', customerId: 'u-1' },
    ],
    [
      'product saved',
      'v1/products/{productID}',
      'PUT',
      { ID: 'P-1', Name: 'Jumper' },
      { type: 'product.updated', productId: 'P-1' },
    ],
    ['product created', 'v1/products', 'POST', { ID: 'P-2' }, { type: 'product.updated', productId: 'P-2' }],
    [
      'variant edited',
      'v1/products/{productID}/variants/{variantID}',
      'PATCH',
      { ID: 'P-1-red', xp: { SKU: 'TEE-RED' } },
      { type: 'product.updated', productId: 'P-1' },
    ],
    [
      'variants generated',
      'v1/products/{productID}/variants/generate',
      'POST',
      { ID: 'P-1', VariantCount: 4 },
      { type: 'product.updated', productId: 'P-1' },
    ],
    [
      'a spec option’s markup changed',
      'v1/specs/{specID}/options/{optionID}',
      'PATCH',
      { ID: 'XL', PriceMarkupType: 'AmountPerQuantity', PriceMarkup: 3 },
      { type: 'spec.updated', specId: 'size' },
    ],
    ['buyer created', 'v1/buyers', 'POST', { ID: 'acme' }, { type: 'company.updated', companyId: 'acme' }],
    [
      'buyer patched',
      'v1/buyers/{buyerID}',
      'PATCH',
      { ID: 'retail-au', Name: 'Retail' },
      { type: 'company.updated', companyId: 'retail-au' },
    ],
    [
      'buyer address created',
      'v1/buyers/{buyerID}/addresses',
      'POST',
      { ID: 'A-1', Street1: 'x' },
      { type: 'address.updated', companyId: 'retail-au', addressId: 'A-1' },
    ],
    [
      'buyer address edited',
      'v1/buyers/{buyerID}/addresses/{addressID}',
      'PATCH',
      { ID: 'A-1', City: 'Perth' },
      { type: 'address.updated', companyId: 'retail-au', addressId: 'A-1' },
    ],
    [
      'order return completed',
      'v1/orderreturns/{returnID}/complete',
      'POST',
      { ID: 'RET-1', OrderID: 'O-1', Status: 'Completed', RefundAmount: 30 },
      { type: 'refund.issued', orderId: 'O-1', refundId: 'RET-1' },
    ],
  ])('%s → event', (_name, route, verb, body, expected) => {
    expect(classifyWebhook(payload(route, verb, body))).toEqual({
      kind: 'event',
      event: { ...base, ...expected },
    });
  });

  it.each([
    ['an unknown route', 'v1/catalogs', 'POST', { ID: 'c' }, 'route not synced'],
    ['a read', 'v1/orders/{direction}/{orderID}/submit', 'GET', order(), 'route not synced'],
    [
      'order completion',
      'v1/orders/{direction}/{orderID}/complete',
      'POST',
      order({ Status: 'Completed' }),
      'no accounting effect',
    ],
    [
      'submit for approval',
      'v1/orders/{direction}/{orderID}/submit',
      'POST',
      order({ Status: 'AwaitingApproval' }),
      'approval',
    ],
    [
      'an authorization only',
      'v1/orders/{direction}/{orderID}/payments',
      'POST',
      payment(),
      'no successful capture',
    ],
    [
      'a failed capture',
      'v1/orders/{direction}/{orderID}/payments/{paymentID}/transactions',
      'POST',
      payment({ Transactions: [{ ID: 'T', Type: 'Capture', Succeeded: false }] }),
      'no successful capture',
    ],
    [
      'a purchase-order payment',
      'v1/orders/{direction}/{orderID}/payments',
      'POST',
      payment({ Type: 'PurchaseOrder', Transactions: [] }),
      'purchase-order',
    ],
    [
      'a private shipping address',
      'v1/me/addresses',
      'POST',
      { ID: 'a', Street1: 'x', Billing: false, Shipping: true },
      'shipping addresses',
    ],
    ['a price schedule', 'v1/priceschedules/{priceScheduleID}', 'PATCH', { ID: 'ps' }, 'price schedule'],
    [
      'an order return still open',
      'v1/orderreturns',
      'POST',
      { ID: 'RET-1', OrderID: 'O-1', Status: 'Unsubmitted' },
      'refunds sync once completed',
    ],
  ])('%s → ignored', (_name, route, verb, body, reason) => {
    const result = classifyWebhook(payload(route, verb, body));
    expect(result.kind).toBe('ignored');
    expect(result.kind === 'ignored' && result.reason).toContain(reason);
  });

  // SaveAssignment answers 204: the assignment is in the request (.NET SDK WebhookPayloads.SaveAssignment).
  it.each([
    [
      'to a user, for billing',
      { AddressID: 'A-1', UserID: 'u-9', IsBilling: true },
      { kind: 'event', event: { ...base, type: 'customer.updated', customerId: 'u-9' } },
    ],
    [
      'to the whole buyer, for billing',
      { AddressID: 'A-1', IsBilling: true, IsShipping: true },
      { kind: 'event', event: { ...base, type: 'company.updated', companyId: 'retail-au' } },
    ],
    [
      'to a user group, for billing',
      { AddressID: 'A-1', UserGroupID: 'g', IsBilling: true },
      { kind: 'event', event: { ...base, type: 'group.updated', companyId: 'retail-au', groupId: 'g' } },
    ],
    [
      'for shipping only',
      { AddressID: 'A-1', UserID: 'u-9', IsShipping: true, IsBilling: false },
      { kind: 'ignored', reason: expect.stringContaining('shipping') },
    ],
  ])('an address assigned %s', (_name, assignment, expected) => {
    const delivery = payload('v1/buyers/{buyerID}/addresses/assignments', 'POST', null, {
      Request: { Body: assignment, Headers: '' },
    });
    expect(classifyWebhook(delivery)).toEqual(expected);
  });

  // A user joining a group (204: the UserGroupAssignment in the request) or leaving it is synced again.
  it('a user group membership saved or deleted syncs that user', () => {
    const joined = payload('v1/buyers/{buyerID}/usergroups/assignments', 'POST', null, {
      Request: { Body: { UserGroupID: 'g', UserID: 'u-7' }, Headers: '' },
    });
    expect(classifyWebhook(joined)).toEqual({
      kind: 'event',
      event: { ...base, type: 'customer.updated', customerId: 'u-7' },
    });
    const left = payload(
      'v1/buyers/{buyerID}/usergroups/{userGroupID}/assignments/{userID}',
      'DELETE',
      null,
      {
        Request: { Body: null, Headers: '' },
      },
    );
    expect(classifyWebhook(left)).toEqual({
      kind: 'event',
      event: { ...base, type: 'customer.updated', customerId: 'u-1' },
    });
  });

  it('a shopper’s own billing address carries the address and the username from the token', () => {
    const claims = Buffer.from(JSON.stringify({ usr: 'mere.parata', cid: 'c', usrtype: 'buyer' })).toString(
      'base64url',
    );
    const delivery = payload(
      'v1/me/addresses/{addressID}',
      'PATCH',
      { ID: 'A-1', Street1: '1 Queen St', City: 'Auckland', Zip: '1010', Country: 'nz', Billing: true },
      { UserToken: `e30.${claims}.sig` },
    );
    expect(classifyWebhook(delivery)).toEqual({
      kind: 'event',
      event: {
        ...base,
        type: 'customer.address-saved',
        username: 'mere.parata',
        address: { line1: '1 Queen St', city: 'Auckland', postalCode: '1010', country: 'NZ' },
      },
    });
    expect(classifyWebhook({ ...delivery, UserToken: 'not-a-jwt' }).kind).toBe('ignored');
  });

  it('a pre-hook payload (no Response yet) is ignored, never mistaken for a submitted order', () => {
    expect(
      classifyWebhook(payload('v1/orders/{direction}/{orderID}/submit', 'POST', null, { Response: null }))
        .kind,
    ).toBe('ignored');
  });

  it('the same delivery twice classifies to the same event ID (its LogID)', () => {
    const first = payload('v1/orders/{direction}/{orderID}/submit', 'POST', order());
    const again = JSON.parse(JSON.stringify(first));
    expect(classifyWebhook(again)).toEqual(classifyWebhook(first));
  });

  it('a payment event does not need the order to have been seen (it may arrive before the submit)', () => {
    const result = classifyWebhook(
      payload(
        'v1/orders/{direction}/{orderID}/payments/{paymentID}/transactions',
        'POST',
        payment({ Transactions: [{ ID: 'T', Type: 'sale', Succeeded: true }] }),
        {
          RouteParams: { Direction: 'Outgoing', OrderID: 'never-seen', PaymentID: 'PAY-1' },
        },
      ),
    );
    expect(result).toMatchObject({
      kind: 'event',
      event: { type: 'payment.captured', orderId: 'never-seen' },
    });
  });

  it('gateways with their own transaction names can say what a capture is', () => {
    const body = payment({ Transactions: [{ ID: 'T', Type: 'AUTH_CAPTURE_OK', Succeeded: true }] });
    const p = payload('v1/orders/{direction}/{orderID}/payments', 'POST', body);
    expect(classifyWebhook(p, { isCapture: (t) => t.Type === 'AUTH_CAPTURE_OK' }).kind).toBe('event');
  });

  it('a malformed response body is invalid, and the issue names the field', () => {
    const result = classifyWebhook(
      payload('v1/orders/{direction}/{orderID}/submit', 'POST', { ID: 42, Total: 'lots' }),
    );
    expect(result.kind).toBe('invalid');
    expect(result.kind === 'invalid' && result.issues.map((i) => i.path)).toEqual(
      expect.arrayContaining(['Response.Body.ID', 'Response.Body.Total']),
    );
  });
});

describe('parseWebhookPayload', () => {
  it.each([
    [{ Route: 'v1/x', Verb: 'POST', Date: '2026-01-01T00:00:00Z' }, 'LogID'],
    [{ Route: 'v1/x', Verb: 'POST', Date: 'yesterday', LogID: 'l' }, 'Date'],
    [{ Route: '', Verb: 'POST', Date: '2026-01-01T00:00:00Z', LogID: 'l' }, 'Route'],
    [[], '(root)'],
  ])('names the bad field (%#)', (value, field) => {
    const result = parseWebhookPayload(value);
    expect(result.ok).toBe(false);
    expect(!result.ok && result.issues.map((i) => i.path)).toContain(field);
  });

  it('a refund payment (OrderReturnID) is its return’s refund event: paying may complete the return', () => {
    const result = classifyWebhook(
      payload(
        'v1/orders/{direction}/{orderID}/payments',
        'POST',
        payment({ OrderReturnID: 'RET-1', Amount: -10 }),
      ),
    );
    expect(result).toMatchObject({
      kind: 'event',
      event: { type: 'refund.issued', orderId: 'O-1', refundId: 'RET-1' },
    });
  });
});
