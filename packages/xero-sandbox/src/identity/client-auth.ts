import type { SandboxApp } from '../sandbox-options.ts';
import type { AppRegistry } from './apps.ts';
import { secretMatches } from './apps.ts';

export type ClientAuth = { ok: true; app: SandboxApp; public: boolean } | { ok: false };

// HTTP Basic (client_secret_basic) or form fields (client_secret_post); public PKCE apps send only client_id.
export function authenticateClient(
  apps: AppRegistry,
  authorization: string | undefined,
  form: Record<string, string>,
): ClientAuth {
  let clientId = form.client_id;
  let secret = form.client_secret;
  const basic = /^Basic\s+(\S+)$/i.exec(authorization ?? '');
  if (basic?.[1]) {
    const decoded = Buffer.from(basic[1], 'base64').toString('utf8');
    const separator = decoded.indexOf(':');
    clientId = decodeURIComponent(decoded.slice(0, separator));
    secret = decodeURIComponent(decoded.slice(separator + 1));
  }
  const app = apps.get(clientId);
  if (!app) return { ok: false };
  if (app.clientSecret === undefined) return { ok: true, app, public: true };
  return secretMatches(app, secret) ? { ok: true, app, public: false } : { ok: false };
}
