import { Hono } from 'hono';
import type { SandboxContext } from '../sandbox-context.ts';
import type { SandboxApp } from '../sandbox-options.ts';
import { redirectUriAllowed } from './apps.ts';
import { consentPage, errorPage } from './consent-page.ts';
import { checkRequestedScopes } from './scopes.ts';

const CODE_LIFETIME_MS = 5 * 60_000;

type Checked = { ok: true; app: SandboxApp; scopes: string[] } | { ok: false; response: Response };

function redirectWith(target: string, params: Record<string, string | undefined>): Response {
  const url = new URL(target);
  for (const [name, value] of Object.entries(params))
    if (value !== undefined) url.searchParams.set(name, value);
  return new Response(null, { status: 302, headers: { location: url.toString() } });
}

// Problems with client_id or redirect_uri are shown to the user; everything else goes back to the client.
function checkRequest(ctx: SandboxContext, params: URLSearchParams): Checked {
  const app = ctx.apps.get(params.get('client_id') ?? undefined);
  const redirectUri = params.get('redirect_uri') ?? '';
  const html = (message: string) =>
    new Response(errorPage(message), { status: 400, headers: { 'content-type': 'text/html' } });
  if (!app) return { ok: false, response: html('unauthorized_client: Invalid client_id') };
  if (!redirectUri || !redirectUriAllowed(app, redirectUri))
    return { ok: false, response: html('Invalid redirect_uri') };
  const state = params.get('state') ?? undefined;
  const fail = (error: string, description?: string) =>
    ({
      ok: false,
      response: redirectWith(redirectUri, { error, error_description: description, state }),
    }) as const;
  if (params.get('response_type') !== 'code') return fail('unsupported_response_type');
  const scopes = checkRequestedScopes(params.get('scope') ?? undefined, app.createdAt);
  if (!scopes.ok) return fail('invalid_scope', scopes.description);
  const method = params.get('code_challenge_method') ?? 'plain';
  if (!['plain', 'S256'].includes(method))
    return fail('invalid_request', 'Unsupported code_challenge_method');
  if (app.clientSecret === undefined && !params.get('code_challenge'))
    return fail('invalid_request', 'code_challenge is required');
  return { ok: true, app, scopes: scopes.scopes };
}

function grantConsent(
  ctx: SandboxContext,
  app: SandboxApp,
  scopes: string[],
  params: URLSearchParams,
  tenantIds: string[],
) {
  const now = ctx.clock.now();
  const authEventId = ctx.ids.uuid('auth-event');
  const userId = ctx.options.user.userId;
  ctx.auth.connect({ clientId: app.clientId, userId, tenantIds, authEventId, now });
  const code = ctx.ids.secret(32);
  ctx.auth.codes.set(code, {
    code,
    clientId: app.clientId,
    redirectUri: params.get('redirect_uri') ?? '',
    scopes,
    userId,
    authEventId,
    nonce: params.get('nonce') ?? undefined,
    codeChallenge: params.get('code_challenge') ?? undefined,
    codeChallengeMethod: params.get('code_challenge_method') ?? 'plain',
    expiresAt: now + CODE_LIFETIME_MS,
    used: false,
  });
  return redirectWith(params.get('redirect_uri') ?? '', {
    code,
    scope: scopes.join(' '),
    state: params.get('state') ?? undefined,
    session_state: ctx.ids.secret(16),
  });
}

// login.xero.com: the org picker, or straight back with a code when the sandbox consents on the user's behalf.
export function authorizeRoutes(ctx: SandboxContext): Hono {
  const app = new Hono();
  app.get('/identity/connect/authorize', (c) => {
    const params = new URL(c.req.url).searchParams;
    const checked = checkRequest(ctx, params);
    if (!checked.ok) return checked.response;
    const auto = ctx.options.autoConsent;
    if (auto) {
      const first = [...ctx.orgs.values()][0];
      const tenantIds = auto.tenantIds ?? (first ? [first.tenantId] : []);
      return grantConsent(ctx, checked.app, checked.scopes, params, tenantIds);
    }
    return c.html(consentPage(checked.app, [...ctx.orgs.values()], params));
  });

  app.post('/identity/connect/authorize', async (c) => {
    const form = await c.req.parseBody({ all: true });
    const params = new URLSearchParams();
    for (const [name, value] of Object.entries(form)) {
      if (typeof value === 'string' && name !== 'tenant' && name !== 'decision') params.set(name, value);
    }
    const checked = checkRequest(ctx, params);
    if (!checked.ok) return checked.response;
    const chosen = ([] as unknown[])
      .concat(form.tenant ?? [])
      .filter((value): value is string => typeof value === 'string');
    const tenantIds = chosen.filter((tenantId) => ctx.findOrg(tenantId) !== undefined);
    if (form.decision !== 'allow' || tenantIds.length === 0) {
      return redirectWith(params.get('redirect_uri') ?? '', {
        error: 'access_denied',
        state: params.get('state') ?? undefined,
      });
    }
    return grantConsent(ctx, checked.app, checked.scopes, params, tenantIds);
  });
  return app;
}
