import { z } from 'zod';
import { badRequest, notFound } from '../errors.ts';
import type { WebhookRecord } from '../state.ts';
import { isLoopbackUrl } from '../webhooks/loopback.ts';
import { normalizeRoute } from '../webhooks/webhook-dispatcher.ts';
import { optionalBoolean, optionalString, parseBody } from './body.ts';
import { newId, param, requireAdmin } from './common.ts';
import type { RouteContext, RouteDef } from './context.ts';
import { listItems } from './list-query.ts';

const WebhookBody = z.looseObject({
  ID: optionalString,
  Name: z.string().min(1).optional(),
  Description: optionalString,
  Url: z.string().min(1).optional(),
  HashKey: optionalString,
  ElevatedRoles: z.array(z.string()).nullish(),
  ConfigData: z.unknown().optional(),
  BeforeProcessRequest: optionalBoolean,
  ApiClientIDs: z.array(z.string()).nullish(),
  WebhookRoutes: z.array(z.looseObject({ Route: z.string().min(1), Verb: z.string().min(1) })).nullish(),
});

const writeVerbs = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

function applyWebhook(
  ctx: RouteContext,
  webhook: WebhookRecord,
  rawBody: unknown,
  replace: boolean,
  knownRoutes: ReadonlySet<string>,
): void {
  const body = parseBody(WebhookBody, rawBody);
  if (body.Name !== undefined) webhook.Name = body.Name;
  if (body.Description !== undefined || replace) webhook.Description = body.Description;
  if (body.Url !== undefined) {
    if (!isLoopbackUrl(body.Url)) {
      throw badRequest(
        'InvalidRequest',
        'The sandbox delivers webhooks to 127.0.0.1 / localhost URLs only.',
        { Url: body.Url },
      );
    }
    webhook.Url = body.Url;
  }
  if (body.HashKey !== undefined || replace) webhook.HashKey = body.HashKey || undefined;
  if (body.ElevatedRoles !== undefined || replace) webhook.ElevatedRoles = body.ElevatedRoles ?? [];
  if (body.ConfigData !== undefined || replace) webhook.ConfigData = body.ConfigData ?? null;
  if (body.BeforeProcessRequest !== undefined || replace)
    webhook.BeforeProcessRequest = body.BeforeProcessRequest ?? false;
  if (body.ApiClientIDs !== undefined || replace) {
    const ids = body.ApiClientIDs ?? [];
    for (const id of ids) if (!ctx.state.apiClients.has(id)) throw notFound('ApiClient', id);
    webhook.ApiClientIDs = ids;
  }
  if (body.WebhookRoutes !== undefined || replace) {
    const routes = body.WebhookRoutes ?? [];
    for (const route of routes) {
      const verb = route.Verb.toUpperCase();
      if (!writeVerbs.has(verb)) {
        throw badRequest(
          'InvalidRequest',
          `Webhooks fire on write verbs only (POST, PUT, PATCH, DELETE), not ${route.Verb}.`,
          { Route: route },
        );
      }
      if (!knownRoutes.has(`${verb} ${normalizeRoute(route.Route)}`)) {
        throw badRequest('InvalidRequest', `Unknown webhook route: ${route.Verb} ${route.Route}`, {
          Route: route,
        });
      }
    }
    webhook.WebhookRoutes = routes.map((r) => ({
      Route: r.Route.replace(/^\/+/, ''),
      Verb: r.Verb.toUpperCase(),
    }));
  }
  if (!webhook.Name) throw badRequest('InvalidRequest', 'Name is required.', { Field: 'Name' });
  if (!webhook.Url) throw badRequest('InvalidRequest', 'Url is required.', { Field: 'Url' });
}

function serializeWebhook(webhook: WebhookRecord) {
  return {
    ...webhook,
    Description: webhook.Description ?? null,
    HashKey: webhook.HashKey ?? null,
    DeliveryConfigID: null,
  };
}

export function webhookRoutes(knownRoutes: ReadonlySet<string>): RouteDef[] {
  const find = (ctx: RouteContext) => {
    const webhook = ctx.state.webhooks.get(param(ctx, 'webhookID'));
    if (!webhook) throw notFound('Webhook', param(ctx, 'webhookID'));
    return webhook;
  };
  const admin = (ctx: RouteContext) => requireAdmin(ctx.actor, ['WebhookAdmin']);
  // POST, or PUT to an ID no webhook has: a new webhook with the ID asked for (or a new one).
  const create = (ctx: RouteContext, requestedId: string | undefined) => {
    const webhook: WebhookRecord = {
      ID: newId(ctx, requestedId, (id) => ctx.state.webhooks.has(id), 'Webhook'),
      Name: '',
      Url: '',
      ElevatedRoles: [],
      ConfigData: null,
      BeforeProcessRequest: false,
      ApiClientIDs: [],
      WebhookRoutes: [],
    };
    applyWebhook(ctx, webhook, ctx.body, true, knownRoutes);
    ctx.state.webhooks.set(webhook.ID, webhook);
    return serializeWebhook(webhook);
  };
  return [
    {
      verb: 'GET',
      template: 'v1/webhooks',
      roles: ['WebhookReader', 'WebhookAdmin'],
      handler: (ctx) => {
        admin(ctx);
        return listItems({
          items: [...ctx.state.webhooks.values()].map(serializeWebhook),
          query: ctx.query,
          fields: [
            'ID',
            'Name',
            'Description',
            'Url',
            'BeforeProcessRequest',
            'ApiClientIDs',
            'WebhookRoutes',
          ],
        });
      },
    },
    {
      verb: 'POST',
      template: 'v1/webhooks',
      roles: ['WebhookAdmin'],
      created: true,
      handler: (ctx) => {
        admin(ctx);
        return create(ctx, parseBody(WebhookBody, ctx.body).ID);
      },
    },
    {
      verb: 'GET',
      template: 'v1/webhooks/{webhookID}',
      roles: ['WebhookReader', 'WebhookAdmin'],
      handler: (ctx) => {
        admin(ctx);
        return serializeWebhook(find(ctx));
      },
    },
    ...(['PUT', 'PATCH'] as const).map(
      (verb): RouteDef => ({
        verb,
        template: 'v1/webhooks/{webhookID}',
        roles: ['WebhookAdmin'],
        handler: (ctx) => {
          admin(ctx);
          const id = param(ctx, 'webhookID');
          if (verb === 'PUT' && !ctx.state.webhooks.has(id)) {
            // PUT to a new ID creates the webhook (stop-using-put-for-updates.mdx).
            return create(ctx, id);
          }
          const webhook = find(ctx);
          const draft = { ...webhook };
          applyWebhook(ctx, draft, ctx.body, verb === 'PUT', knownRoutes);
          Object.assign(webhook, draft);
          return serializeWebhook(webhook);
        },
      }),
    ),
    {
      verb: 'DELETE',
      template: 'v1/webhooks/{webhookID}',
      roles: ['WebhookAdmin'],
      handler: (ctx) => {
        admin(ctx);
        ctx.state.webhooks.delete(find(ctx).ID);
        return undefined;
      },
    },
  ];
}
