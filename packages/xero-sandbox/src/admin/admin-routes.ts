import { type Context, Hono } from 'hono';
import type { z } from 'zod';
import { contactToJson } from '../accounting/contact-json.ts';
import { creditNoteToJson } from '../accounting/credit-note-json.ts';
import { invoiceToJson } from '../accounting/invoice-json.ts';
import { paymentToJson } from '../accounting/payment-json.ts';
import { organisationToJson } from '../accounting/settings-json.ts';
import type { SandboxContext } from '../sandbox-context.ts';
import { tenantIdForKey } from '../seed/org-seeds.ts';
import type { OrgState } from '../state/types.ts';
import { asRecord } from '../util/json-input.ts';
import { disconnectTenant, issueTokens, revokeTokens } from './admin-auth-actions.ts';
import {
  advanceSchema,
  appSchema,
  consentSchema,
  disconnectSchema,
  faultSchema,
  intentSchema,
  issueTokensSchema,
  orgPatchSchema,
  orgSeedSchema,
  paySchema,
  revokeSchema,
} from './admin-schemas.ts';
import {
  type ActionResult,
  createInvoiceAsUser,
  payInvoiceAsUser,
  saveContactAsUser,
  saveItemAsUser,
  voidInvoiceAsUser,
} from './admin-user-actions.ts';

async function body<T extends z.ZodType>(
  c: Context,
  schema: T,
): Promise<{ ok: true; value: z.infer<T> } | { ok: false; response: Response }> {
  const text = await c.req.text();
  let json: unknown = {};
  try {
    json = text.trim() === '' ? {} : JSON.parse(text);
  } catch {
    return { ok: false, response: c.json({ error: 'Body is not JSON' }, 400) };
  }
  const parsed = schema.safeParse(json);
  if (!parsed.success)
    return { ok: false, response: c.json({ error: 'Invalid body', issues: parsed.error.issues }, 400) };
  return { ok: true, value: parsed.data };
}

function orgSummary(ctx: SandboxContext, org: OrgState) {
  return {
    tenantId: org.tenantId,
    key: org.key,
    name: org.organisation.name,
    region: org.region,
    baseCurrency: org.organisation.baseCurrency,
    currencies: org.currencies.map((currency) => currency.code),
    class: org.organisation.class,
    dailyLimit: ctx.dailyLimitFor(org),
    periodLockDate: org.organisation.periodLockDate ?? null,
    endOfYearLockDate: org.organisation.endOfYearLockDate ?? null,
  };
}

const actionResponse = (c: Context, result: ActionResult) =>
  result.ok ? c.json(result.value) : c.json({ errors: result.errors }, result.status);

export function adminRoutes(ctx: SandboxContext): Hono {
  const app = new Hono();
  const withOrg = (c: Context) => ctx.findOrg(c.req.param('tenantId'));

  app.get('/state', (c) =>
    c.json({
      now: ctx.clock.now(),
      urls: ctx.urls,
      orgs: [...ctx.orgs.values()].map((org) => orgSummary(ctx, org)),
      apps: ctx.apps.list().map(({ clientSecret: _secret, ...app }) => app),
      connections: [...ctx.auth.connections.values()],
    }),
  );
  app.get('/orgs', (c) => c.json([...ctx.orgs.values()].map((org) => orgSummary(ctx, org))));
  app.post('/orgs', async (c) => {
    const input = await body(c, orgSeedSchema);
    if (!input.ok) return input.response;
    if (ctx.findOrg(tenantIdForKey(input.value.key)))
      return c.json({ error: 'An org with this key exists' }, 409);
    return c.json(orgSummary(ctx, ctx.addOrg(input.value)), 201);
  });
  app.post('/reset', async (c) => {
    const input = asRecord(await c.req.json().catch(() => ({})));
    ctx.reseed();
    if (input.auth === true) ctx.auth.clear();
    return c.json({ ok: true });
  });

  app.get('/clock', (c) => c.json({ now: ctx.clock.now() }));
  app.post('/clock/advance', async (c) => {
    const input = await body(c, advanceSchema);
    return input.ok ? c.json({ now: ctx.clock.advance(input.value.ms) }) : input.response;
  });

  app.patch('/orgs/:tenantId', async (c) => {
    const org = withOrg(c);
    if (!org) return c.json({ error: 'Unknown tenant' }, 404);
    const input = await body(c, orgPatchSchema);
    if (!input.ok) return input.response;
    const patch = input.value;
    if (patch.name !== undefined) org.organisation.name = patch.name;
    if (patch.class !== undefined) org.organisation.class = patch.class;
    if (patch.periodLockDate !== undefined)
      org.organisation.periodLockDate = patch.periodLockDate ?? undefined;
    if (patch.endOfYearLockDate !== undefined)
      org.organisation.endOfYearLockDate = patch.endOfYearLockDate ?? undefined;
    if (patch.dailyLimit !== undefined) org.dailyLimit = patch.dailyLimit ?? undefined;
    if (patch.multiCurrency !== undefined) org.multiCurrency = patch.multiCurrency;
    return c.json({ ...orgSummary(ctx, org), organisation: organisationToJson(org) });
  });

  app.get('/orgs/:tenantId/documents', (c) => {
    const org = withOrg(c);
    if (!org) return c.json({ error: 'Unknown tenant' }, 404);
    const options = { unitdp: 4 as const, includeLines: true };
    return c.json({
      invoices: [...org.invoices.values()].map((invoice) => invoiceToJson(org, invoice, options)),
      contacts: [...org.contacts.values()].map(contactToJson),
      payments: [...org.payments.values()].map((payment) => paymentToJson(org, payment)),
      creditNotes: [...org.creditNotes.values()].map((note) => creditNoteToJson(org, note, options)),
    });
  });

  app.post('/orgs/:tenantId/invoices', async (c) => {
    const org = withOrg(c);
    if (!org) return c.json({ error: 'Unknown tenant' }, 404);
    return actionResponse(c, createInvoiceAsUser(ctx, org, asRecord(await c.req.json().catch(() => ({})))));
  });
  app.post('/orgs/:tenantId/invoices/:invoiceId/pay', async (c) => {
    const org = withOrg(c);
    if (!org) return c.json({ error: 'Unknown tenant' }, 404);
    const input = await body(c, paySchema);
    return input.ok
      ? actionResponse(c, payInvoiceAsUser(ctx, org, c.req.param('invoiceId'), input.value))
      : input.response;
  });
  app.post('/orgs/:tenantId/invoices/:invoiceId/void', (c) => {
    const org = withOrg(c);
    return org
      ? actionResponse(c, voidInvoiceAsUser(ctx, org, c.req.param('invoiceId')))
      : c.json({ error: 'Unknown tenant' }, 404);
  });
  app.post('/orgs/:tenantId/contacts', async (c) => {
    const org = withOrg(c);
    if (!org) return c.json({ error: 'Unknown tenant' }, 404);
    return actionResponse(
      c,
      saveContactAsUser(ctx, org, undefined, asRecord(await c.req.json().catch(() => ({})))),
    );
  });
  app.patch('/orgs/:tenantId/items/:code', async (c) => {
    const org = withOrg(c);
    if (!org) return c.json({ error: 'Unknown tenant' }, 404);
    const raw = asRecord(await c.req.json().catch(() => ({})));
    return actionResponse(c, saveItemAsUser(ctx, org, c.req.param('code'), raw));
  });
  app.patch('/orgs/:tenantId/contacts/:contactId', async (c) => {
    const org = withOrg(c);
    if (!org) return c.json({ error: 'Unknown tenant' }, 404);
    const raw = asRecord(await c.req.json().catch(() => ({})));
    return actionResponse(c, saveContactAsUser(ctx, org, c.req.param('contactId'), raw));
  });

  app.get('/faults', (c) => c.json(ctx.faults.list()));
  app.post('/faults', async (c) => {
    const input = await body(c, faultSchema);
    return input.ok ? c.json(ctx.faults.add(input.value)) : input.response;
  });
  app.delete('/faults', (c) => {
    ctx.faults.clear(c.req.query('tenantId'));
    return c.json({ ok: true });
  });

  app.post('/tokens/issue', async (c) => {
    const input = await body(c, issueTokensSchema);
    if (!input.ok) return input.response;
    const result = await issueTokens(ctx, input.value);
    return result.ok ? c.json(result.tokens) : c.json({ error: result.error }, 400);
  });
  app.post('/tokens/revoke', async (c) => {
    const input = await body(c, revokeSchema);
    return input.ok ? c.json({ revokedGrants: revokeTokens(ctx, input.value) }) : input.response;
  });
  app.post('/disconnect', async (c) => {
    const input = await body(c, disconnectSchema);
    return input.ok ? c.json({ removedConnections: disconnectTenant(ctx, input.value) }) : input.response;
  });

  app.get('/requests', (c) => {
    const status = c.req.query('status');
    const since = c.req.query('since');
    return c.json(
      ctx.log.query({
        tenantId: c.req.query('tenantId'),
        method: c.req.query('method'),
        path: c.req.query('path'),
        kind: c.req.query('kind'),
        status: status === undefined ? undefined : Number(status),
        since: since === undefined ? undefined : Number(since),
      }),
    );
  });
  app.delete('/requests', (c) => {
    ctx.log.clear();
    return c.json({ ok: true });
  });
  app.get('/stats', (c) => c.json(ctx.limiter.stats()));
  app.get('/contract-violations', (c) => c.json(ctx.contract?.violations() ?? []));
  app.delete('/contract-violations', (c) => {
    ctx.contract?.clear();
    return c.json({ ok: true });
  });

  app.get('/webhooks/deliveries', (c) => c.json(ctx.webhooks.attempts()));
  app.post('/webhooks/flush', async (c) => {
    await ctx.webhooks.idle();
    return c.json({ ok: true });
  });
  app.post('/webhooks/intent-to-receive', async (c) => {
    const input = await body(c, intentSchema);
    if (!input.ok) return input.response;
    const target = ctx.apps.get(input.value.clientId ?? ctx.apps.list()[0]?.clientId);
    return target
      ? c.json(await ctx.webhooks.intentToReceive(target))
      : c.json({ error: 'Unknown clientId' }, 404);
  });

  app.get('/apps', (c) => c.json(ctx.apps.list()));
  app.put('/apps', async (c) => {
    const input = await body(c, appSchema);
    if (!input.ok) return input.response;
    const existing = ctx.apps.get(input.value.clientId);
    return c.json(
      ctx.apps.upsert({ redirectUris: [], createdAt: '2026-03-02', ...existing, ...input.value }),
    );
  });
  app.put('/consent', async (c) => {
    const input = await body(c, consentSchema);
    if (!input.ok) return input.response;
    const auto = input.value.autoConsent;
    ctx.options.autoConsent =
      auto === true ? { tenantIds: undefined } : auto === false ? false : { tenantIds: auto.tenantIds };
    return c.json({ autoConsent: ctx.options.autoConsent });
  });
  return app;
}
