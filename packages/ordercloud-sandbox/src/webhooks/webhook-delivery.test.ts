import { createHmac } from 'node:crypto';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  Auth,
  Buyers,
  Configuration,
  IntegrationEvents,
  LineItems,
  type OrderCloudError,
  Orders,
  PriceSchedules,
  Products,
  Users,
  Webhooks,
} from 'ordercloud-javascript-sdk';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { sandboxDefaults } from '../seed.ts';
import { type RunningOrderCloudSandbox, startOrderCloudSandbox } from '../server.ts';
import type { WebhookPayload } from './webhook-dispatcher.ts';

type Received = { headers: IncomingHttpHeaders; raw: Buffer; payload: WebhookPayload };
type Receiver = {
  url: string;
  received: Received[];
  respond: (payload: WebhookPayload) => unknown;
  close(): Promise<void>;
};

async function startReceiver(): Promise<Receiver> {
  const receiver: Receiver = {
    url: '',
    received: [],
    respond: () => ({ ok: true }),
    close: async () => undefined,
  };
  const server: Server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const raw = Buffer.concat(chunks);
      const payload = JSON.parse(raw.toString('utf8')) as WebhookPayload;
      receiver.received.push({ headers: request.headers, raw, payload });
      response
        .writeHead(200, { 'content-type': 'application/json' })
        .end(JSON.stringify(receiver.respond(payload)));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  receiver.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hooks/ordercloud`;
  receiver.close = () => new Promise<void>((resolve) => server.close(() => resolve()));
  return receiver;
}

let running: RunningOrderCloudSandbox;
let receiver: Receiver;
let admin: { accessToken: string };
let shopper: { accessToken: string };
const hashKey = 'hash-key-ü-123';
const submitRoute = { Route: 'v1/orders/{direction}/{orderID}/submit', Verb: 'POST' };

async function readyOrder(as: { accessToken: string }, direction: 'Incoming' | 'Outgoing'): Promise<string> {
  const body = direction === 'Incoming' ? { FromUserID: 'mei', FromCompanyID: 'retail-au' } : {};
  const order = await Orders.Create(direction, body, as);
  await LineItems.Create(direction, order.ID ?? '', { ProductID: 'candle', Quantity: 2 }, as);
  await IntegrationEvents.Calculate(direction, order.ID ?? '', as);
  return order.ID ?? '';
}

async function rejects(promise: Promise<unknown>): Promise<OrderCloudError> {
  try {
    await promise;
  } catch (error) {
    return error as OrderCloudError;
  }
  throw new Error('expected the call to fail');
}

beforeAll(async () => {
  running = await startOrderCloudSandbox({ idSeed: 9 });
  receiver = await startReceiver();
  Configuration.Set({ baseApiUrl: running.url });
  admin = {
    accessToken:
      (
        await Auth.ClientCredentials(
          sandboxDefaults.integrationClientSecret,
          sandboxDefaults.integrationClientId,
        )
      ).access_token ?? '',
  };
  await running.admin.seed({ buyers: [{ ID: 'retail-au', Name: 'Retail AU', currency: 'AUD' }] });
  await Users.Create(
    'retail-au',
    {
      ID: 'mei',
      Username: 'mei',
      Password: 'Passw0rd!',
      FirstName: 'Mei',
      LastName: 'Nguyễn',
      Email: 'mei@example.com',
      Active: true,
    },
    admin,
  );
  await PriceSchedules.Create(
    { ID: 'candle-aud', Name: 'Candle', Currency: 'AUD', PriceBreaks: [{ Quantity: 1, Price: 24.95 }] },
    admin,
  );
  await Products.Create(
    { ID: 'candle', Name: 'Pohutukawa Candle', DefaultPriceScheduleID: 'candle-aud' },
    admin,
  );
  shopper = {
    accessToken:
      (await Auth.Login('mei', 'Passw0rd!', sandboxDefaults.storefrontClientId)).access_token ?? '',
  };
  expect(await Buyers.Get('retail-au', admin)).toMatchObject({ ID: 'retail-au' });
});

afterAll(async () => {
  await running.close();
  await receiver.close();
});

beforeEach(async () => {
  for (const webhook of (await Webhooks.List({}, admin)).Items ?? [])
    await Webhooks.Delete(webhook.ID ?? '', admin);
  await running.admin.clearFaults();
  await running.admin.clearDeliveries();
  receiver.received.length = 0;
  receiver.respond = () => ({ ok: true });
});

describe('webhooks', () => {
  it('creates a webhook by POST or by PUT to a new ID, and PUT to an existing ID replaces it', async () => {
    const fields = {
      Name: 'ledgerbridge',
      Url: receiver.url,
      ApiClientIDs: [sandboxDefaults.storefrontClientId],
      WebhookRoutes: [submitRoute],
    };
    const posted = await Webhooks.Create({ ...fields, ID: 'posted' }, admin);
    const put = await Webhooks.Save('put-new', fields, admin);
    const expected = {
      ...fields,
      ElevatedRoles: [],
      ConfigData: null,
      BeforeProcessRequest: false,
      Description: null,
      HashKey: null,
    };
    expect(posted).toMatchObject({ ...expected, ID: 'posted' });
    expect(put).toMatchObject({ ...expected, ID: 'put-new' });
    expect(await Webhooks.Get('put-new', admin)).toEqual(put);
    const replaced = await Webhooks.Save('put-new', { ...fields, Name: 'renamed' }, admin);
    expect(replaced).toMatchObject({ ID: 'put-new', Name: 'renamed' });
    expect(((await Webhooks.List({}, admin)).Items ?? []).map((w) => w.ID).sort()).toEqual([
      'posted',
      'put-new',
    ]);
  });

  it('delivers a signed post-hook with the exact OrderCloud payload when an order is submitted', async () => {
    await Webhooks.Create(
      {
        Name: 'ledgerbridge',
        Url: receiver.url,
        HashKey: hashKey,
        ApiClientIDs: [sandboxDefaults.storefrontClientId],
        WebhookRoutes: [submitRoute],
        ConfigData: { connectionId: 'conn-1' },
      },
      admin,
    );
    const orderId = await readyOrder(shopper, 'Outgoing');
    await Orders.Submit('Outgoing', orderId, shopper);
    await running.admin.waitForDeliveries({ count: 1 });
    expect(receiver.received).toHaveLength(1);
    const [delivery] = receiver.received;
    if (!delivery) throw new Error('no delivery');
    const expected = createHmac('sha256', Buffer.from(hashKey, 'utf8')).update(delivery.raw).digest('base64');
    expect(delivery.headers['x-oc-hash']).toBe(expected);
    expect(Object.keys(delivery.payload).sort()).toEqual([
      'ConfigData',
      'Date',
      'LogID',
      'QueryParams',
      'Request',
      'Response',
      'Route',
      'RouteParams',
      'UserToken',
      'Verb',
    ]);
    expect(delivery.payload).toMatchObject({
      Route: 'v1/orders/{direction}/{orderID}/submit',
      RouteParams: { direction: 'Outgoing', orderID: orderId },
      Verb: 'POST',
      UserToken: shopper.accessToken,
      ConfigData: { connectionId: 'conn-1' },
      Response: { Body: { ID: orderId, Status: 'Open', Total: 49.9, Currency: 'AUD' } },
    });
    expect(delivery.payload.LogID).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('sends no X-oc-hash when the webhook has no HashKey', async () => {
    await Webhooks.Create(
      {
        Name: 'unsigned',
        Url: receiver.url,
        ApiClientIDs: [sandboxDefaults.storefrontClientId],
        WebhookRoutes: [submitRoute],
      },
      admin,
    );
    await Orders.Submit('Outgoing', await readyOrder(shopper, 'Outgoing'), shopper);
    await running.admin.waitForDeliveries({ count: 1 });
    expect(receiver.received[0]?.headers['x-oc-hash']).toBeUndefined();
  });

  it('fires only for calls made by the listed API clients', async () => {
    await Webhooks.Create(
      {
        Name: 'storefront only',
        Url: receiver.url,
        ApiClientIDs: [sandboxDefaults.storefrontClientId],
        WebhookRoutes: [submitRoute],
      },
      admin,
    );
    await Orders.Submit('Incoming', await readyOrder(admin, 'Incoming'), admin);
    await running.admin.flushDeliveries();
    expect(receiver.received).toHaveLength(0);
    await Webhooks.Patch(
      (await Webhooks.List({}, admin)).Items?.[0]?.ID ?? '',
      { ApiClientIDs: [sandboxDefaults.storefrontClientId, sandboxDefaults.integrationClientId] },
      admin,
    );
    const orderId = await readyOrder(admin, 'Incoming');
    await Orders.Submit('Incoming', orderId, admin);
    await running.admin.waitForDeliveries({ count: 1 });
    expect(receiver.received.map((r) => r.payload.RouteParams.orderID)).toEqual([orderId]);
  });

  it('a pre-hook answering proceed:false blocks the submit; proceed:true lets it through', async () => {
    await Webhooks.Create(
      {
        Name: 'validate',
        Url: receiver.url,
        HashKey: hashKey,
        BeforeProcessRequest: true,
        ApiClientIDs: [sandboxDefaults.storefrontClientId],
        WebhookRoutes: [submitRoute],
      },
      admin,
    );
    receiver.respond = () => ({ proceed: false, body: { message: 'credit limit exceeded' } });
    const orderId = await readyOrder(shopper, 'Outgoing');
    const blocked = await rejects(Orders.Submit('Outgoing', orderId, shopper));
    expect(blocked.status).toBe(400);
    expect(blocked.errorCode).toBe('Webhook.Blocked');
    expect((await Orders.Get('Incoming', orderId, admin)).Status).toBe('Unsubmitted');
    expect(receiver.received[0]?.payload).toMatchObject({
      Response: null,
      RouteParams: { orderID: orderId },
    });
    receiver.respond = () => ({ proceed: true, body: null });
    expect((await Orders.Submit('Outgoing', orderId, shopper)).Status).toBe('Open');
  });

  it('faults: a duplicate delivery repeats the LogID, a dropped one never arrives, reorder reverses', async () => {
    await Webhooks.Create(
      {
        Name: 'faulty',
        Url: receiver.url,
        HashKey: hashKey,
        ApiClientIDs: [sandboxDefaults.storefrontClientId],
        WebhookRoutes: [submitRoute],
      },
      admin,
    );
    await running.admin.setFaults({ webhooks: { duplicate: 1 } });
    await Orders.Submit('Outgoing', await readyOrder(shopper, 'Outgoing'), shopper);
    await running.admin.waitForDeliveries({ count: 2 });
    expect(receiver.received).toHaveLength(2);
    expect(receiver.received[0]?.payload.LogID).toBe(receiver.received[1]?.payload.LogID);
    expect(receiver.received[0]?.raw.equals(receiver.received[1]?.raw ?? Buffer.alloc(0))).toBe(true);

    receiver.received.length = 0;
    await running.admin.setFaults({ webhooks: { drop: 1 } });
    await Orders.Submit('Outgoing', await readyOrder(shopper, 'Outgoing'), shopper);
    await running.admin.flushDeliveries();
    expect(receiver.received).toHaveLength(0);
    expect((await running.admin.deliveries()).filter((d) => d.status === 'dropped')).toHaveLength(1);

    await running.admin.setFaults({ webhooks: { reorder: 3 } });
    const ids = [];
    for (let i = 0; i < 3; i += 1) {
      const id = await readyOrder(shopper, 'Outgoing');
      ids.push(id);
      await Orders.Submit('Outgoing', id, shopper);
    }
    await running.admin.flushDeliveries();
    expect(receiver.received.map((r) => r.payload.RouteParams.orderID)).toEqual([...ids].reverse());

    receiver.received.length = 0;
    await running.admin.setFaults({ webhooks: { delayMs: 40 } });
    const started = Date.now();
    await Orders.Submit('Outgoing', await readyOrder(shopper, 'Outgoing'), shopper);
    expect(receiver.received).toHaveLength(0);
    await running.admin.waitForDeliveries({ count: 1, where: (d) => d.fault === 'delay' });
    expect(receiver.received).toHaveLength(1);
    expect(Date.now() - started).toBeGreaterThanOrEqual(40);
  });

  it('registration refuses URLs off this machine, unknown routes and read verbs', async () => {
    const base = { Name: 'x', ApiClientIDs: [sandboxDefaults.storefrontClientId] };
    expect(
      (
        await rejects(
          Webhooks.Create({ ...base, Url: 'https://example.com/hook', WebhookRoutes: [submitRoute] }, admin),
        )
      ).status,
    ).toBe(400);
    expect(
      (
        await rejects(
          Webhooks.Create(
            { ...base, Url: receiver.url, WebhookRoutes: [{ Route: 'v1/nothing/here', Verb: 'POST' }] },
            admin,
          ),
        )
      ).status,
    ).toBe(400);
    expect(
      (
        await rejects(
          Webhooks.Create(
            {
              ...base,
              Url: receiver.url,
              WebhookRoutes: [{ Route: 'v1/orders/{direction}/{orderID}', Verb: 'GET' }],
            },
            admin,
          ),
        )
      ).status,
    ).toBe(400);
    expect(
      (
        await rejects(
          Webhooks.Create(
            { ...base, Url: receiver.url, ApiClientIDs: ['ghost'], WebhookRoutes: [submitRoute] },
            admin,
          ),
        )
      ).status,
    ).toBe(404);
  });
});
