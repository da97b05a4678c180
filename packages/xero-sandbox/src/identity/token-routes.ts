import { createHash } from 'node:crypto';
import { type Context, Hono } from 'hono';
import { bearerToken } from '../api/middleware/bearer-auth.ts';
import { unauthorized } from '../api/xero-responses.ts';
import type { SandboxContext } from '../sandbox-context.ts';
import type { AuthCode, RefreshTokenRecord } from './auth-store.ts';
import { authenticateClient } from './client-auth.ts';
import { REFRESH_GRACE_MS } from './token-issuer.ts';

const oauthError = (c: Context, error: string, description?: string) =>
  c.json(description ? { error, error_description: description } : { error }, 400);

async function readForm(c: Context): Promise<Record<string, string>> {
  const body = await c.req.parseBody();
  return Object.fromEntries(
    Object.entries(body).filter((entry): entry is [string, string] => typeof entry[1] === 'string'),
  );
}

function pkceMatches(code: AuthCode, verifier: string | undefined): boolean {
  if (code.codeChallenge === undefined) return true;
  if (verifier === undefined) return false;
  const derived =
    code.codeChallengeMethod === 'S256'
      ? createHash('sha256').update(verifier).digest('base64url')
      : verifier;
  return derived === code.codeChallenge;
}

// The newest refresh token in a rotation chain.
function chainHead(ctx: SandboxContext, record: RefreshTokenRecord): RefreshTokenRecord | undefined {
  let current: RefreshTokenRecord | undefined = record;
  while (current?.replacedBy !== undefined) current = ctx.auth.refreshTokens.get(current.replacedBy);
  return current;
}

export function tokenRoutes(ctx: SandboxContext): Hono {
  const app = new Hono();

  app.post('/connect/token', async (c) => {
    const form = await readForm(c);
    const client = authenticateClient(ctx.apps, c.req.header('authorization'), form);
    if (!client.ok) return oauthError(c, 'invalid_client');
    const now = ctx.clock.now();

    if (form.grant_type === 'authorization_code') {
      const code = ctx.auth.codes.get(form.code ?? '');
      if (!code || code.used || now >= code.expiresAt || code.clientId !== client.app.clientId) {
        return oauthError(c, 'invalid_grant');
      }
      if (code.redirectUri !== form.redirect_uri)
        return oauthError(c, 'invalid_grant', 'redirect_uri does not match');
      if (!pkceMatches(code, form.code_verifier))
        return oauthError(c, 'invalid_grant', 'code_verifier is invalid');
      code.used = true;
      const grant = {
        grantId: ctx.ids.uuid('grant'),
        clientId: code.clientId,
        userId: code.userId,
        scopes: code.scopes,
        authEventId: code.authEventId,
        authTime: now,
        revoked: false,
      };
      ctx.auth.grants.set(grant.grantId, grant);
      const refreshToken = grant.scopes.includes('offline_access')
        ? ctx.tokens.newRefreshToken(grant)
        : undefined;
      return c.json(await ctx.tokens.issue(grant, { nonce: code.nonce, refreshToken }));
    }

    if (form.grant_type === 'refresh_token') {
      const record = ctx.auth.refreshTokens.get(form.refresh_token ?? '');
      const grant = record ? ctx.auth.grants.get(record.grantId) : undefined;
      if (
        !record ||
        !grant ||
        grant.revoked ||
        grant.clientId !== client.app.clientId ||
        now >= record.expiresAt
      ) {
        return oauthError(c, 'invalid_grant');
      }
      if (record.rotatedAt === undefined) {
        const next = ctx.tokens.newRefreshToken(grant);
        record.rotatedAt = now;
        record.replacedBy = next;
        return c.json(await ctx.tokens.issue(grant, { refreshToken: next }));
      }
      // Within the grace period a rotated token still works and hands back the chain's current token.
      const head = chainHead(ctx, record);
      if (now >= record.rotatedAt + REFRESH_GRACE_MS || !head) return oauthError(c, 'invalid_grant');
      return c.json(await ctx.tokens.issue(grant, { refreshToken: head.token }));
    }
    return oauthError(c, 'unsupported_grant_type');
  });

  app.post('/connect/revocation', async (c) => {
    const form = await readForm(c);
    const client = authenticateClient(ctx.apps, c.req.header('authorization'), form);
    if (!client.ok) return oauthError(c, 'invalid_client');
    const record = ctx.auth.refreshTokens.get(form.token ?? '');
    const grant = record ? ctx.auth.grants.get(record.grantId) : undefined;
    if (grant && grant.clientId === client.app.clientId) ctx.auth.revokeGrant(grant.grantId);
    return c.body(null, 200);
  });

  app.get('/connect/userinfo', async (c) => {
    const token = bearerToken(c.req.header('authorization'));
    const claims = token ? await ctx.tokens.verifyAccessToken(token) : undefined;
    if (!claims) return unauthorized(c);
    const { user } = ctx.options;
    return c.json({
      sub: user.userId.replace(/-/g, ''),
      xero_userid: user.userId,
      email: user.email,
      given_name: user.givenName,
      family_name: user.familyName,
      name: `${user.givenName} ${user.familyName}`,
      preferred_username: user.email,
    });
  });

  return app;
}
