import { Hono } from 'hono';
import { findItem, itemToJson, saveItem, upsertItem } from '../../accounting/item-service.ts';
import type { SandboxContext } from '../../sandbox-context.ts';
import type { ItemRecord } from '../../state/types.ts';
import type { BatchSpec } from '../batch-response.ts';
import { jsonEnvelope } from '../envelope.ts';
import type { SandboxEnv } from '../hono-env.ts';
import { applyListQuery, unitdpOf } from '../list-query.ts';
import { notFound } from '../xero-responses.ts';
import { batchWrite } from './route-helpers.ts';

const spec = (unitdp: 2 | 4): BatchSpec<ItemRecord> => ({
  collection: 'Items',
  errorFlag: undefined,
  render: (item) => itemToJson(item, unitdp),
});

export function itemsRoutes(ctx: SandboxContext): Hono<SandboxEnv> {
  const app = new Hono<SandboxEnv>();

  app.get('/', (c) => {
    const auth = c.get('auth');
    const unitdp = unitdpOf(c);
    const list = applyListQuery(c, {
      records: [...auth.org.items.values()],
      view: (item) => itemToJson(item, unitdp),
      updatedAt: (item) => item.updatedAt,
    });
    return jsonEnvelope(
      c,
      ctx,
      auth,
      'Items',
      list.records.map((item) => itemToJson(item, unitdp)),
    );
  });

  app.get('/:id', (c) => {
    const auth = c.get('auth');
    const item = findItem(auth.org, c.req.param('id'));
    return item ? jsonEnvelope(c, ctx, auth, 'Items', [itemToJson(item, unitdpOf(c))]) : notFound(c);
  });

  app.put('/', (c) => {
    const unitdp = unitdpOf(c);
    return batchWrite(c, ctx, 'Items', spec(unitdp), (org, deps, raw) =>
      saveItem(org, deps, raw, undefined, unitdp),
    );
  });

  app.post('/', (c) => {
    const unitdp = unitdpOf(c);
    return batchWrite(c, ctx, 'Items', spec(unitdp), (org, deps, raw) => upsertItem(org, deps, raw, unitdp));
  });

  app.post('/:id', (c) => {
    const item = findItem(c.get('auth').org, c.req.param('id'));
    if (!item) return notFound(c);
    const unitdp = unitdpOf(c);
    return batchWrite(c, ctx, 'Items', spec(unitdp), (org, deps, raw) =>
      saveItem(org, deps, raw, item, unitdp),
    );
  });

  return app;
}
