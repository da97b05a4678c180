import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { timingSafeEqual } from 'node:crypto';
import { signWebhookBody } from '../webhooks/sign.ts';

// A merchant's Order Checkout endpoint for tests: listens on 127.0.0.1, checks X-oc-hash the way
// ordercloud-javascript-catalyst's withOcWebhookAuth does (Base64 HMAC-SHA256 of the raw body with the
// event's HashKey), records every call, and answers with the handler for /shippingrates,
// /ordercalculate or /ordersubmit (case-insensitive, as Express routes are).

export type CheckoutCallName = 'shippingrates' | 'ordercalculate' | 'ordersubmit';

export type RecordedCheckoutCall = {
  name: CheckoutCallName | string;
  path: string;
  headers: Record<string, string | string[] | undefined>;
  rawBody: string;
  payload: unknown;
  signatureValid: boolean;
};

/** Receives the parsed payload ({ConfigData, Environment, OrderCloudAccessToken, OrderWorksheet}). */
export type CheckoutHandler = (payload: unknown) => unknown | Promise<unknown>;

export type CheckoutEndpoint = {
  url: string; // use as IntegrationEvent.CustomImplementationUrl
  calls: RecordedCheckoutCall[];
  close(): Promise<void>;
};

export async function startCheckoutEndpoint(options: {
  hashKey: string;
  handlers: Partial<Record<CheckoutCallName, CheckoutHandler>>;
  basePath?: string;
}): Promise<CheckoutEndpoint> {
  const calls: RecordedCheckoutCall[] = [];
  const basePath = (options.basePath ?? '/api/checkout').replace(/\/+$/, '');
  const answer = (res: ServerResponse, status: number, body: unknown) => {
    res.writeHead(status, { 'content-type': 'application/json' });
    res.end(JSON.stringify(body));
  };
  const handle = async (req: IncomingMessage, res: ServerResponse) => {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const rawBody = Buffer.concat(chunks).toString('utf8');
    const path = (req.url ?? '').split('?')[0] ?? '';
    const name = path.slice(basePath.length + 1).toLowerCase();
    const expected = Buffer.from(signWebhookBody(rawBody, options.hashKey));
    const given = Buffer.from(String(req.headers['x-oc-hash'] ?? ''));
    const signatureValid = expected.length === given.length && timingSafeEqual(expected, given);
    let payload: unknown;
    try {
      payload = JSON.parse(rawBody);
    } catch {
      payload = undefined;
    }
    calls.push({ name, path, headers: req.headers, rawBody, payload, signatureValid });
    if (!signatureValid)
      return answer(res, 401, { Errors: [{ ErrorCode: 'Unauthorized', Message: 'bad x-oc-hash' }] });
    const handler = options.handlers[name as CheckoutCallName];
    if (!path.toLowerCase().startsWith(`${basePath.toLowerCase()}/`) || !handler)
      return answer(res, 404, { Errors: [{ ErrorCode: 'NotFound', Message: `no handler for ${path}` }] });
    try {
      return answer(res, 200, (await handler(payload)) ?? {});
    } catch (error) {
      return answer(res, 500, { Errors: [{ ErrorCode: 'HandlerFailed', Message: String(error) }] });
    }
  };
  const server = createServer((req, res) => {
    void handle(req, res);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}${basePath}`,
    calls,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
