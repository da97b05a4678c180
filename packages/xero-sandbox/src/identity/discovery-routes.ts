import { Hono } from 'hono';
import type { SandboxContext } from '../sandbox-context.ts';
import { SUPPORTED_SCOPES } from './scopes.ts';

export function discoveryDocument(ctx: SandboxContext): Record<string, unknown> {
  const { identityUrl, loginUrl } = ctx.urls;
  return {
    issuer: identityUrl,
    authorization_endpoint: `${loginUrl}/identity/connect/authorize`,
    token_endpoint: `${identityUrl}/connect/token`,
    userinfo_endpoint: `${identityUrl}/connect/userinfo`,
    revocation_endpoint: `${identityUrl}/connect/revocation`,
    jwks_uri: `${identityUrl}/.well-known/openid-configuration/jwks`,
    scopes_supported: SUPPORTED_SCOPES,
    claims_supported: [
      'sub',
      'xero_userid',
      'global_session_id',
      'email',
      'given_name',
      'family_name',
      'name',
      'preferred_username',
    ],
    grant_types_supported: ['authorization_code', 'refresh_token'],
    response_types_supported: ['code'],
    response_modes_supported: ['query', 'form_post'],
    subject_types_supported: ['public'],
    id_token_signing_alg_values_supported: ['RS256'],
    token_endpoint_auth_methods_supported: ['client_secret_basic', 'client_secret_post'],
    code_challenge_methods_supported: ['plain', 'S256'],
    request_parameter_supported: false,
  };
}

export function discoveryRoutes(ctx: SandboxContext): Hono {
  const app = new Hono();
  app.get('/.well-known/openid-configuration', (c) => c.json(discoveryDocument(ctx)));
  app.get('/.well-known/openid-configuration/jwks', (c) => c.json(ctx.keys.jwks));
  return app;
}
