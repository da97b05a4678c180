import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

// A local stand-in for Sitecore CDP's Stream API, as @sitecore/engage 1.4 calls it:
//   GET  {target}/v1.2/browser/create.json?client_key=…&message={}  → {ref: browser id}
//   POST {target}/v1.2/events                                       → the event, checked against the
// documented event data objects (Sitecore CDP / Personalize developer docs: "Event data object",
// "IDENTITY event", "ORDER_CHECKOUT event"). Anything that does not match is recorded as a violation.

export type CdpEvent = Record<string, unknown> & { type: string; browser_id: string };

const upper = (v: unknown) => typeof v === 'string' && v.length > 0 && v === v.toUpperCase();
const isoUtc = (v: unknown) =>
  typeof v === 'string' && /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$/.test(v);
const currency = (v: unknown) => typeof v === 'string' && /^[A-Z]{3}$/.test(v);

export function checkEvent(event: Record<string, unknown>, identified: ReadonlySet<string>): string[] {
  const problems: string[] = [];
  const need = (ok: boolean, what: string) => {
    if (!ok) problems.push(what);
  };
  // Required attributes of every event data object.
  need(typeof event.client_key === 'string' && event.client_key.length > 0, 'client_key is required');
  need(typeof event.browser_id === 'string' && event.browser_id.length > 0, 'browser_id is required');
  need(
    event.channel === 'WEB' || event.channel === 'MOBILE_WEB' || event.channel === 'MOBILE_APP',
    'channel',
  );
  need(upper(event.type), 'type must be uppercase');
  need(typeof event.language === 'string' && event.language.length === 2, 'language must be ISO 639-1');
  need(currency(event.currency), 'currency must be uppercase ISO 4217');
  need(typeof event.page === 'string' && event.page.length > 0, 'page is required');
  need(typeof event.pos === 'string' && event.pos.length > 0, 'pos is required');
  if (event.type === 'IDENTITY') {
    const identifiers = event.identifiers as Array<{ provider?: unknown; id?: unknown }> | undefined;
    need(Array.isArray(identifiers) && identifiers.length > 0, 'identifiers must not be empty');
    for (const [i, identifier] of (identifiers ?? []).entries()) {
      need(
        typeof identifier.provider === 'string' && identifier.provider.length > 0,
        `identifiers.${i}.provider`,
      );
      need(typeof identifier.id === 'string' && identifier.id.length > 0, `identifiers.${i}.id`);
    }
  }
  if (event.type === 'ORDER_CHECKOUT') {
    need(
      identified.has(String(event.browser_id)),
      'ORDER_CHECKOUT before the guest was identified (IDENTITY)',
    );
    const order = event.order as Record<string, unknown> | undefined;
    need(Boolean(order) && typeof order === 'object', 'order is required');
    if (order) {
      need(typeof order.referenceId === 'string' && order.referenceId.length > 0, 'order.referenceId');
      need(isoUtc(order.orderedAt), 'order.orderedAt must be ISO 8601 UTC');
      need(upper(order.status), 'order.status must be uppercase');
      need(currency(order.currencyCode), 'order.currencyCode must be uppercase ISO 4217');
      need(typeof order.price === 'number' && Number.isFinite(order.price), 'order.price must be a number');
      need(typeof order.paymentType === 'string' && order.paymentType.length > 0, 'order.paymentType');
      if (order.paymentType === 'Card')
        need(typeof order.cardType === 'string', 'order.cardType (paymentType Card)');
      const items = order.orderItems;
      need(items === undefined || Array.isArray(items), 'order.orderItems must be an array');
      for (const [i, item] of ((items as Array<Record<string, unknown>>) ?? []).entries()) {
        need(upper(item.type), `order.orderItems.${i}.type must be uppercase`);
        need(typeof item.referenceId === 'string', `order.orderItems.${i}.referenceId`);
        need(isoUtc(item.orderedAt), `order.orderItems.${i}.orderedAt`);
        need(upper(item.status), `order.orderItems.${i}.status`);
        need(currency(item.currencyCode), `order.orderItems.${i}.currencyCode`);
        need(typeof item.price === 'number', `order.orderItems.${i}.price must be a number`);
        need(typeof item.name === 'string', `order.orderItems.${i}.name`);
        need(typeof item.productId === 'string', `order.orderItems.${i}.productId`);
        need(typeof item.quantity === 'number', `order.orderItems.${i}.quantity must be a number`);
      }
    }
  }
  return problems;
}

export type CdpStandIn = {
  readonly url: string;
  readonly events: CdpEvent[];
  readonly violations: Array<{ type: string; problems: string[] }>;
  close(): Promise<void>;
};

export async function startCdpStandIn(): Promise<CdpStandIn> {
  const events: CdpEvent[] = [];
  const violations: Array<{ type: string; problems: string[] }> = [];
  const identified = new Set<string>();
  const cors = (res: ServerResponse) => {
    res.setHeader('access-control-allow-origin', '*');
    res.setHeader('access-control-allow-headers', 'content-type, x-library-version');
    res.setHeader('access-control-allow-methods', 'GET, POST, OPTIONS');
  };
  const json = (res: ServerResponse, status: number, body: unknown) => {
    cors(res);
    res.writeHead(status, { 'content-type': 'application/json' });
    res.end(JSON.stringify(body));
  };
  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const url = new URL(req.url ?? '/', 'http://cdp');
    if (req.method === 'OPTIONS') {
      cors(res);
      res.writeHead(204);
      return res.end();
    }
    if (req.method === 'GET' && url.pathname === '/v1.2/browser/create.json') {
      if (!url.searchParams.get('client_key')) return json(res, 400, { error: 'client_key' });
      return json(res, 200, { ref: randomUUID(), status: 'OK', version: '1.2' });
    }
    if (req.method === 'POST' && url.pathname === '/v1.2/events') {
      let raw = '';
      req.on('data', (d: Buffer) => {
        raw += d.toString();
      });
      req.on('end', () => {
        let event: CdpEvent;
        try {
          event = JSON.parse(raw) as CdpEvent;
        } catch {
          return json(res, 400, { error: 'malformed' });
        }
        const problems = checkEvent(event, identified);
        events.push(event);
        if (problems.length > 0) {
          violations.push({ type: String(event.type), problems });
          return json(res, 400, { status: 'ERROR', problems });
        }
        if (event.type === 'IDENTITY') identified.add(event.browser_id);
        return json(res, 201, { ref: randomUUID(), status: 'OK', version: '1.2' });
      });
      return;
    }
    json(res, 404, { error: 'not_found' });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    events,
    violations,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
