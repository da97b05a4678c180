import type { Actor } from './auth/actor.ts';
import { hasAnyRole } from './auth/actor.ts';
import { createTokenService } from './auth/token-service.ts';
import { apiClientRoutes } from './api/api-clients-routes.ts';
import { directoryRoutes } from './api/directory-routes.ts';
import { cartRoutesFrom } from './api/cart-routes.ts';
import { integrationEventRoutes } from './api/integration-events-routes.ts';
import { catalogRoutes } from './api/catalog-routes.ts';
import type { ApiFault, RouteDef, SandboxCore, SandboxStats } from './api/context.ts';
import type { Query } from './api/list-query.ts';
import { orderReturnRoutes } from './api/order-returns-routes.ts';
import { orderRoutes } from './api/orders-routes.ts';
import { paymentRoutes } from './api/payments-routes.ts';
import { createRouter } from './api/router.ts';
import { meRoutes } from './api/me-routes.ts';
import { moreRoutes } from './api/more-routes.ts';
import { specRoutes } from './api/spec-routes.ts';
import { userGroupRoutes } from './api/user-group-routes.ts';
import { notModeledRoutes } from './api/not-modeled-routes.ts';
import { securityProfileRoutes } from './api/security-profiles-routes.ts';
import { shipmentRoutes } from './api/shipments-routes.ts';
import { webhookRoutes } from './api/webhooks-routes.ts';
import { createClock } from './clock.ts';
import { ApiError, insufficientRoles, unauthorized } from './errors.ts';
import { createIdGenerator } from './ids.ts';
import { applySeed, defaultMarketplaceSeed, type MarketplaceSeed, sandboxDefaults } from './seed.ts';
import { createEmptyState } from './state.ts';
import { createWebhookDispatcher, normalizeRoute, type RequestFacts } from './webhooks/webhook-dispatcher.ts';

export type SandboxCoreOptions = {
  seed?: MarketplaceSeed; // replaces the default marketplace
  extraSeed?: MarketplaceSeed; // added to the default marketplace
  idSeed?: number;
  clock?: { now: string; frozen?: boolean };
  baseUrl?: () => string;
  preHookTimeoutMs?: number;
  integrationTimeoutMs?: number;
};

export type DispatchRequest = {
  method: string;
  path: string; // e.g. /v1/orders/Incoming/abc
  query?: Query;
  body?: unknown;
  headers?: Record<string, string>;
  bearer?: string;
  actor?: Actor; // in-process callers may skip the token
};

export type DispatchResponse = { status: number; body: unknown; headers?: Record<string, string> };

export type Sandbox = SandboxCore & {
  dispatch(request: DispatchRequest): Promise<DispatchResponse>;
  reset(): void;
  seed(seed: MarketplaceSeed): void;
  actorFor(input: { clientId: string; username: string }): Actor;
  routes: readonly RouteDef[];
};

const writeVerbs = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

export function createSandboxCore(options: SandboxCoreOptions = {}): Sandbox {
  const clock = createClock(options.clock);
  const baseUrl = options.baseUrl ?? (() => 'http://127.0.0.1');
  const initialState = () => {
    const state = createEmptyState(sandboxDefaults.sellerId);
    applySeed(state, options.seed ?? defaultMarketplaceSeed(), clock.nowIso());
    if (options.extraSeed) applySeed(state, options.extraSeed, clock.nowIso());
    return state;
  };
  let state = initialState();
  let ids = createIdGenerator(options.idSeed ?? 1);
  const tokens = createTokenService({ issuer: 'https://sandbox.ordercloud.local' });
  const webhooks = createWebhookDispatcher({
    state: () => state,
    now: () => clock.nowIso(),
    preHookTimeoutMs: options.preHookTimeoutMs,
  });
  const stats: SandboxStats = { tokenRequests: 0, apiRequests: 0, apiRequestsByRoute: {} };

  const baseRoutes: RouteDef[] = [
    ...directoryRoutes,
    ...userGroupRoutes,
    ...apiClientRoutes,
    ...catalogRoutes,
    ...orderRoutes,
    ...paymentRoutes,
    ...orderReturnRoutes,
    ...cartRoutesFrom([...orderRoutes, ...paymentRoutes]),
    ...integrationEventRoutes,
    ...securityProfileRoutes,
    ...shipmentRoutes,
    ...meRoutes,
    ...specRoutes,
    ...moreRoutes,
    ...notModeledRoutes,
  ];
  const knownWriteRoutes = new Set(
    [
      ...baseRoutes,
      { verb: 'POST', template: 'v1/webhooks' },
      { verb: 'PUT', template: 'v1/webhooks/{webhookID}' },
      { verb: 'PATCH', template: 'v1/webhooks/{webhookID}' },
      { verb: 'DELETE', template: 'v1/webhooks/{webhookID}' },
    ]
      .filter((r) => writeVerbs.has(r.verb))
      .map((r) => `${r.verb} ${normalizeRoute(r.template)}`),
  );
  const routes = [...baseRoutes, ...webhookRoutes(knownWriteRoutes)];
  const router = createRouter(routes);

  const core: Sandbox = {
    get state() {
      return state;
    },
    clock,
    get ids() {
      return ids;
    },
    tokens,
    webhooks,
    baseUrl,
    apiFaults: [],
    stats,
    integrationTimeoutMs: options.integrationTimeoutMs ?? 10_000,
    routes,
    newId: (taken) => ids.next(taken),
    replaceState(next) {
      state = next;
    },
    reset() {
      state = initialState();
      ids = createIdGenerator(options.idSeed ?? 1);
      core.apiFaults = [];
      webhooks.clearLog();
      webhooks.setFaults({ drop: 0, duplicate: 0, delayMs: 0, reorder: 0 });
      clock.reset();
      stats.tokenRequests = 0;
      stats.apiRequests = 0;
      stats.apiRequestsByRoute = {};
    },
    seed(seed) {
      applySeed(state, seed, clock.nowIso());
    },
    actorFor({ clientId, username }) {
      const admin = [...state.adminUsers.values()].find((u) => u.Username === username);
      if (admin) return { kind: 'admin', clientId, userId: admin.ID, username, roles: admin.Roles };
      const user = [...state.users.values()].find((u) => u.Username === username);
      if (!user) throw new Error(`no user ${username}`);
      return { kind: 'buyer', clientId, userId: user.ID, username, buyerId: user.BuyerID, roles: user.Roles };
    },
    async dispatch(request) {
      try {
        return await dispatchInner(request);
      } catch (error) {
        if (error instanceof ApiError)
          return { status: error.status, body: error.body(), headers: error.headers };
        const message = error instanceof Error ? error.message : String(error);
        return {
          status: 500,
          body: { Errors: [{ ErrorCode: 'InternalServerError', Message: message, Data: null }] },
        };
      }
    },
  };

  async function authenticate(request: DispatchRequest): Promise<Actor> {
    if (request.actor) return request.actor;
    if (!request.bearer) throw unauthorized('Access token is missing.');
    const claims = await tokens.verify(request.bearer);
    if (!claims) throw unauthorized();
    const client = state.apiClients.get(claims.cid);
    if (!client?.Active) throw unauthorized('The API client of this token no longer exists.');
    if (claims.usrtype === 'admin') {
      if (!state.adminUsers.has(claims.u)) throw unauthorized('User not found.');
      return {
        kind: 'admin',
        clientId: claims.cid,
        userId: claims.u,
        username: claims.usr,
        roles: claims.role,
        token: request.bearer,
      };
    }
    const user = state.users.get(claims.u);
    if (!user?.Active) throw unauthorized('User not found or inactive.');
    return {
      kind: 'buyer',
      clientId: claims.cid,
      userId: claims.u,
      username: claims.usr,
      buyerId: user.BuyerID,
      roles: claims.role,
      ...(claims.orderid ? { anonymousOrderId: claims.orderid } : {}),
      token: request.bearer,
    };
  }

  function takeFault(verb: string, path: string): ApiFault | undefined {
    const fault = core.apiFaults.find(
      (f) =>
        f.times > 0 &&
        (!f.verb || f.verb.toUpperCase() === verb) &&
        (!f.path || path.toLowerCase().includes(f.path.toLowerCase())),
    );
    if (fault) fault.times -= 1;
    core.apiFaults = core.apiFaults.filter((f) => f.times > 0);
    return fault;
  }

  async function dispatchInner(request: DispatchRequest): Promise<DispatchResponse> {
    const verb = request.method.toUpperCase();
    const path = request.path.replace(/^\/+/, '');
    const match = router.match(verb, path);
    if (!match) {
      const status = router.pathExists(path) ? 405 : 404;
      throw new ApiError(
        status,
        status === 405 ? 'MethodNotAllowed' : 'NotFound',
        `No route for ${verb} /${path}`,
        {
          ObjectType: 'Route',
          ObjectID: `/${path}`,
        },
      );
    }
    const actor = await authenticate(request);
    if (!hasAnyRole(actor, match.def.roles)) throw insufficientRoles(match.def.roles);
    stats.apiRequests += 1;
    const routeKey = `${verb} ${match.def.template}`;
    stats.apiRequestsByRoute[routeKey] = (stats.apiRequestsByRoute[routeKey] ?? 0) + 1;
    const fault = takeFault(verb, path);
    if (fault) {
      const headers: Record<string, string> =
        fault.retryAfterSeconds !== undefined ? { 'retry-after': String(fault.retryAfterSeconds) } : {};
      throw new ApiError(
        fault.status,
        fault.status === 429 ? 'TooManyRequests' : 'InternalServerError',
        `Injected fault ${fault.status}`,
        null,
        headers,
      );
    }
    const query = request.query ?? {};
    const ctx = { core, state, actor, params: match.params, query, body: request.body };
    if (!writeVerbs.has(verb)) return { status: 200, body: await match.def.handler(ctx) };

    const hooks = webhooks.matching({ template: match.def.template, verb, clientId: actor.clientId });
    const logId = webhooks.newLogId();
    const facts: RequestFacts = {
      template: match.def.template,
      verb,
      params: match.params,
      query: Object.fromEntries(Object.entries(query).map(([k, v]) => [k, v[0] ?? ''])),
      requestBody: request.body ?? null,
      requestHeaders: Object.entries(request.headers ?? {})
        .filter(([name]) => name.toLowerCase() !== 'authorization')
        .map(([name, value]) => `${name}: ${value}`)
        .join('\r\n'),
      clientId: actor.clientId,
      userToken: async (webhook) => {
        if (webhook.ElevatedRoles.length === 0) return actor.token ?? null;
        return tokens.issue({
          clientId: actor.clientId,
          username: actor.username,
          userId: actor.userId,
          userType: actor.kind,
          roles: [...new Set([...actor.roles, ...webhook.ElevatedRoles])],
          lifetimeSeconds: 600,
        });
      },
    };
    if (hooks.length > 0) await webhooks.runPreHooks({ webhooks: hooks, facts, logId });
    const body = await match.def.handler(ctx);
    if (hooks.length > 0)
      webhooks.queuePostHooks({ webhooks: hooks, facts, logId, responseBody: body ?? null });
    const status = body === undefined ? 204 : match.def.created ? 201 : 200;
    return { status, body: body ?? null };
  }

  return core;
}
