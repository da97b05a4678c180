import { Hono } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { z } from 'zod';
import type { Sandbox } from '../core.ts';

// /__admin: the simulator's own control surface (not OrderCloud's API): reset, seed, faults,
// the webhook delivery log, the clock, stats, and direct token minting for tests.
const FaultsBody = z.object({
  webhooks: z
    .object({
      drop: z.number().int().nonnegative().optional(),
      duplicate: z.number().int().nonnegative().optional(),
      delayMs: z.number().int().nonnegative().optional(),
      reorder: z.number().int().nonnegative().optional(),
    })
    .optional(),
  api: z
    .array(
      z.object({
        status: z.number().int().min(400).max(599),
        times: z.number().int().positive().default(1),
        retryAfterSeconds: z.number().nonnegative().optional(),
        path: z.string().optional(),
        verb: z.string().optional(),
      }),
    )
    .optional(),
});

const SeedBody = z.object({
  apiClients: z.array(z.looseObject({ ID: z.string() })).optional(),
  adminUsers: z.array(z.looseObject({ ID: z.string(), Username: z.string() })).optional(),
  buyers: z
    .array(
      z.object({
        ID: z.string(),
        Name: z.string(),
        currency: z.string().optional(),
        xp: z.record(z.string(), z.unknown()).optional(),
      }),
    )
    .optional(),
  users: z.array(z.looseObject({ ID: z.string(), BuyerID: z.string(), Username: z.string() })).optional(),
});

const ClockBody = z.union([
  z.object({ now: z.string(), frozen: z.boolean().optional() }),
  z.object({ advanceMs: z.number() }),
]);

export function createAdminRoutes(sandbox: Sandbox): Hono {
  const admin = new Hono();
  const invalid = (message: string) => ({ error: 'invalid_request', message });
  const readJson = async (request: Request): Promise<unknown> => {
    const text = await request.text();
    return text ? JSON.parse(text) : {};
  };

  admin.post('/reset', (c) => {
    sandbox.reset();
    return c.json({ ok: true });
  });
  admin.post('/seed', async (c) => {
    const parsed = SeedBody.safeParse(await readJson(c.req.raw));
    if (!parsed.success) return c.json(invalid(parsed.error.message), 400);
    sandbox.seed(parsed.data as Parameters<Sandbox['seed']>[0]);
    return c.json({ ok: true });
  });
  admin.get('/faults', (c) => c.json({ webhooks: sandbox.webhooks.faults(), api: sandbox.apiFaults }));
  admin.post('/faults', async (c) => {
    const parsed = FaultsBody.safeParse(await readJson(c.req.raw));
    if (!parsed.success) return c.json(invalid(parsed.error.message), 400);
    if (parsed.data.webhooks) sandbox.webhooks.setFaults(parsed.data.webhooks);
    if (parsed.data.api) sandbox.apiFaults.push(...parsed.data.api);
    return c.json({ webhooks: sandbox.webhooks.faults(), api: sandbox.apiFaults });
  });
  admin.delete('/faults', (c) => {
    sandbox.webhooks.setFaults({ drop: 0, duplicate: 0, delayMs: 0, reorder: 0 });
    sandbox.apiFaults = [];
    return c.json({ ok: true });
  });
  admin.get('/deliveries', (c) => {
    const after = Number(c.req.query('after') ?? '0');
    return c.json({ Items: sandbox.webhooks.deliveries().filter((d) => d.id > after) });
  });
  admin.delete('/deliveries', (c) => {
    sandbox.webhooks.clearLog();
    return c.json({ ok: true });
  });
  admin.post('/deliveries/flush', async (c) => {
    await sandbox.webhooks.flush();
    return c.json({ ok: true });
  });
  admin.post('/clock', async (c) => {
    const parsed = ClockBody.safeParse(await readJson(c.req.raw));
    if (!parsed.success) return c.json(invalid(parsed.error.message), 400);
    if ('advanceMs' in parsed.data) sandbox.clock.advance(parsed.data.advanceMs);
    else sandbox.clock.set(parsed.data);
    return c.json({ now: sandbox.clock.nowIso() });
  });
  admin.get('/clock', (c) => c.json({ now: sandbox.clock.nowIso() }));
  admin.get('/stats', (c) => c.json(sandbox.stats));
  admin.post('/tokens', async (c) => {
    const parsed = z
      .object({ clientId: z.string(), username: z.string(), lifetimeSeconds: z.number().int().optional() })
      .safeParse(await readJson(c.req.raw));
    if (!parsed.success) return c.json(invalid(parsed.error.message), 400);
    try {
      const actor = sandbox.actorFor(parsed.data);
      const token = await sandbox.tokens.issue({
        clientId: parsed.data.clientId,
        username: actor.username,
        userId: actor.userId,
        userType: actor.kind,
        roles: actor.roles,
        lifetimeSeconds: parsed.data.lifetimeSeconds ?? 600,
      });
      return c.json({ access_token: token });
    } catch (error) {
      return c.json(
        invalid(error instanceof Error ? error.message : String(error)),
        400 as ContentfulStatusCode,
      );
    }
  });
  admin.post('/tokens/revoke', (c) => {
    sandbox.tokens.revokeAll();
    sandbox.state.refreshTokens.clear();
    return c.json({ ok: true });
  });
  admin.get('/summary', (c) => {
    const s = sandbox.state;
    return c.json({
      apiClients: s.apiClients.size,
      buyers: s.buyers.size,
      users: s.users.size,
      products: s.products.size,
      orders: s.orders.size,
      submittedOrders: [...s.orders.values()].filter((o) => o.Status !== 'Unsubmitted').length,
      orderReturns: s.orderReturns.size,
      webhooks: s.webhooks.size,
    });
  });
  return admin;
}
