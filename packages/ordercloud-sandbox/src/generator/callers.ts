import type { Actor } from '../auth/actor.ts';
import { buyerDefaultRoles } from '../auth/actor.ts';
import type { Sandbox } from '../core.ts';
import { sandboxDefaults } from '../seed.ts';

// How a scenario talks to a sandbox: over HTTP with real OAuth tokens, or in-process through the
// same router, handlers and totals engine (fast enough for thousands of orders in a test).
export type Principal =
  | { kind: 'admin' }
  | { kind: 'user'; clientId: string; username: string; password: string }
  | { kind: 'guest'; clientId: string; key: string };

export type ScenarioCall = {
  as: Principal;
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  path: string; // /v1/...
  body?: unknown;
  query?: Record<string, string>;
};

export type ScenarioCaller = (call: ScenarioCall) => Promise<unknown>;

export class ScenarioCallError extends Error {
  readonly status: number;
  readonly code: string;
  constructor(status: number, code: string, message: string) {
    super(message);
    this.name = 'ScenarioCallError';
    this.status = status;
    this.code = code;
  }
}

function failure(method: string, path: string, status: number, body: unknown): ScenarioCallError {
  const first = (body as { Errors?: { ErrorCode?: string; Message?: string }[] } | null)?.Errors?.[0];
  const code = first?.ErrorCode ?? (body as { error?: string } | null)?.error ?? `HTTP${status}`;
  return new ScenarioCallError(
    status,
    code,
    `${method} ${path} → ${status} ${code}: ${first?.Message ?? JSON.stringify(body)}`,
  );
}

export function createMemoryCaller(sandbox: Sandbox): ScenarioCaller {
  const guests = new Map<string, Actor>();
  const users = new Map<string, Actor>();
  const admin = sandbox.actorFor({
    clientId: sandboxDefaults.integrationClientId,
    username: sandboxDefaults.integrationUsername,
  });
  const actorFor = (principal: Principal): Actor => {
    if (principal.kind === 'admin') return admin;
    if (principal.kind === 'user') {
      const key = `${principal.clientId}/${principal.username}`;
      const cached =
        users.get(key) ?? sandbox.actorFor({ clientId: principal.clientId, username: principal.username });
      users.set(key, cached);
      return cached;
    }
    const existing = guests.get(principal.key);
    if (existing) return existing;
    const client = sandbox.state.apiClients.get(principal.clientId);
    const template = [...sandbox.state.users.values()].find(
      (u) => u.Username === client?.DefaultContextUserName,
    );
    if (!client || !template) throw new Error(`no anonymous storefront client ${principal.clientId}`);
    const actor: Actor = {
      kind: 'buyer',
      clientId: client.ID,
      userId: template.ID,
      username: template.Username,
      buyerId: template.BuyerID,
      roles: [...buyerDefaultRoles],
      anonymousOrderId: sandbox.newId((id) => sandbox.state.orders.has(id)),
    };
    guests.set(principal.key, actor);
    return actor;
  };
  return async (call) => {
    const response = await sandbox.dispatch({
      method: call.method,
      path: call.path,
      query: Object.fromEntries(Object.entries(call.query ?? {}).map(([k, v]) => [k, [v]])),
      body: call.body === undefined ? undefined : JSON.parse(JSON.stringify(call.body)),
      actor: actorFor(call.as),
    });
    const body = response.body === undefined ? undefined : JSON.parse(JSON.stringify(response.body));
    if (response.status >= 400) throw failure(call.method, call.path, response.status, body);
    return body;
  };
}

export function createHttpCaller(input: {
  baseUrl: string;
  clientId?: string;
  clientSecret?: string;
}): ScenarioCaller {
  const tokens = new Map<string, string>();
  const tokenFor = async (principal: Principal): Promise<string> => {
    const key =
      principal.kind === 'admin'
        ? 'admin'
        : principal.kind === 'user'
          ? `user/${principal.username}`
          : `guest/${principal.key}`;
    const cached = tokens.get(key);
    if (cached) return cached;
    const form = new URLSearchParams();
    if (principal.kind === 'admin') {
      form.set('grant_type', 'client_credentials');
      form.set('client_id', input.clientId ?? sandboxDefaults.integrationClientId);
      form.set('client_secret', input.clientSecret ?? sandboxDefaults.integrationClientSecret);
    } else if (principal.kind === 'user') {
      form.set('grant_type', 'password');
      form.set('client_id', principal.clientId);
      form.set('username', principal.username);
      form.set('password', principal.password);
    } else {
      form.set('grant_type', 'client_credentials');
      form.set('client_id', principal.clientId);
    }
    const response = await fetch(`${input.baseUrl}/oauth/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: form.toString(),
    });
    const body = (await response.json()) as { access_token?: string };
    if (!response.ok || !body.access_token) throw failure('POST', '/oauth/token', response.status, body);
    tokens.set(key, body.access_token);
    return body.access_token;
  };
  return async (call) => {
    const token = await tokenFor(call.as);
    const url = new URL(`${input.baseUrl}${call.path}`);
    for (const [name, value] of Object.entries(call.query ?? {})) url.searchParams.set(name, value);
    const response = await fetch(url, {
      method: call.method,
      headers: {
        authorization: `Bearer ${token}`,
        ...(call.body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      body: call.body === undefined ? undefined : JSON.stringify(call.body),
    });
    const text = await response.text();
    const body = text ? JSON.parse(text) : undefined;
    if (!response.ok) throw failure(call.method, call.path, response.status, body);
    return body;
  };
}
