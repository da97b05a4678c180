import { z } from 'zod';
import { parseBody } from '../api/body.ts';
import { newId } from '../api/common.ts';
import type { CommerceContext } from '../api/context.ts';
import { badRequest, notFound } from '../errors.ts';
import type { IntegrationEventRecord, IntegrationEventType } from '../state.ts';
import { isAllowedIntegrationUrl } from './checkout-integration.ts';

// IntegrationEvent records (SDK model IntegrationEvent: ID, Name, EventType, CustomImplementationUrl,
// HashKey, ElevatedRoles, ConfigData, CustomAuthHeaderName/Value). Name, CustomImplementationUrl and
// HashKey are required by the SDK model; EventType defaults to OrderCheckout (a guess: the docs always
// create OrderCheckout events and the model marks it optional).

const eventTypes = ['OrderCheckout', 'OpenIDConnect', 'OrderReturn', 'AddToCart'] as const;

const nullableString = z
  .string()
  .nullish()
  .transform((v) => v ?? undefined);

const EventBody = z.looseObject({
  ID: nullableString,
  Name: nullableString,
  EventType: z.enum(eventTypes).nullish(),
  CustomImplementationUrl: nullableString,
  HashKey: nullableString,
  ElevatedRoles: z.array(z.string()).nullish(),
  ConfigData: z.unknown().optional(),
  CustomAuthHeaderName: nullableString,
  CustomAuthHeaderValue: nullableString,
});

function checkUrl(url: string): void {
  if (!isAllowedIntegrationUrl(url))
    throw badRequest(
      'InvalidRequest',
      'The sandbox calls integration endpoints on 127.0.0.1 / localhost URLs only.',
      { CustomImplementationUrl: url },
    );
}

export function findIntegrationEvent(ctx: CommerceContext, id: string): IntegrationEventRecord {
  const event = ctx.state.integrationEvents.get(id);
  if (!event) throw notFound('IntegrationEvent', id);
  return event;
}

/** POST (no ID → generated), or PUT to an ID that does not exist yet. */
export function createIntegrationEvent(
  ctx: CommerceContext,
  rawBody: unknown,
  idFromPath?: string,
): IntegrationEventRecord {
  const body = parseBody(EventBody, rawBody);
  const missing = (['Name', 'CustomImplementationUrl', 'HashKey'] as const).filter((k) => !body[k]);
  if (missing.length > 0)
    throw badRequest('InvalidRequest', `${missing.join(', ')} required.`, { Fields: missing });
  const url = body.CustomImplementationUrl ?? '';
  checkUrl(url);
  const event: IntegrationEventRecord = {
    ID: idFromPath ?? newId(ctx, body.ID, (id) => ctx.state.integrationEvents.has(id), 'IntegrationEvent'),
    Name: body.Name ?? '',
    EventType: (body.EventType ?? 'OrderCheckout') as IntegrationEventType,
    CustomImplementationUrl: url,
    HashKey: body.HashKey ?? '',
    ElevatedRoles: body.ElevatedRoles ?? [],
    ConfigData: body.ConfigData ?? null,
    CustomAuthHeaderName: body.CustomAuthHeaderName,
    CustomAuthHeaderValue: body.CustomAuthHeaderValue,
  };
  ctx.state.integrationEvents.set(event.ID, event);
  return event;
}

/** PATCH merges; PUT replaces every writable field (and may rename the event by a new ID in the body). */
export function updateIntegrationEvent(
  ctx: CommerceContext,
  event: IntegrationEventRecord,
  rawBody: unknown,
  replace: boolean,
): IntegrationEventRecord {
  const body = parseBody(EventBody, rawBody);
  if (replace) {
    const missing = (['Name', 'CustomImplementationUrl', 'HashKey'] as const).filter((k) => !body[k]);
    if (missing.length > 0)
      throw badRequest('InvalidRequest', `${missing.join(', ')} required.`, { Fields: missing });
  }
  if (body.CustomImplementationUrl !== undefined) checkUrl(body.CustomImplementationUrl);
  const next: IntegrationEventRecord = replace
    ? {
        ID: event.ID,
        Name: body.Name ?? '',
        EventType: (body.EventType ?? event.EventType) as IntegrationEventType,
        CustomImplementationUrl: body.CustomImplementationUrl ?? '',
        HashKey: body.HashKey ?? '',
        ElevatedRoles: body.ElevatedRoles ?? [],
        ConfigData: body.ConfigData ?? null,
        CustomAuthHeaderName: body.CustomAuthHeaderName,
        CustomAuthHeaderValue: body.CustomAuthHeaderValue,
      }
    : {
        ...event,
        ...(body.Name !== undefined ? { Name: body.Name } : {}),
        ...(body.EventType ? { EventType: body.EventType as IntegrationEventType } : {}),
        ...(body.CustomImplementationUrl !== undefined
          ? { CustomImplementationUrl: body.CustomImplementationUrl }
          : {}),
        ...(body.HashKey !== undefined ? { HashKey: body.HashKey } : {}),
        ...(body.ElevatedRoles ? { ElevatedRoles: body.ElevatedRoles } : {}),
        ...('ConfigData' in (rawBody as object) ? { ConfigData: body.ConfigData ?? null } : {}),
        ...(body.CustomAuthHeaderName !== undefined
          ? { CustomAuthHeaderName: body.CustomAuthHeaderName }
          : {}),
        ...(body.CustomAuthHeaderValue !== undefined
          ? { CustomAuthHeaderValue: body.CustomAuthHeaderValue }
          : {}),
      };
  const newIdInBody = body.ID && body.ID !== event.ID ? body.ID : undefined;
  if (newIdInBody) {
    next.ID = newId(ctx, newIdInBody, (id) => ctx.state.integrationEvents.has(id), 'IntegrationEvent');
    ctx.state.integrationEvents.delete(event.ID);
    for (const client of ctx.state.apiClients.values()) {
      if (client.OrderCheckoutIntegrationEventID === event.ID)
        client.OrderCheckoutIntegrationEventID = next.ID;
      if (client.OrderReturnIntegrationEventID === event.ID) client.OrderReturnIntegrationEventID = next.ID;
      if (client.AddToCartIntegrationEventID === event.ID) client.AddToCartIntegrationEventID = next.ID;
    }
  }
  ctx.state.integrationEvents.set(next.ID, next);
  return next;
}

export function deleteIntegrationEvent(ctx: CommerceContext, event: IntegrationEventRecord): void {
  ctx.state.integrationEvents.delete(event.ID);
  for (const client of ctx.state.apiClients.values()) {
    if (client.OrderCheckoutIntegrationEventID === event.ID)
      client.OrderCheckoutIntegrationEventID = undefined;
    if (client.OrderReturnIntegrationEventID === event.ID) client.OrderReturnIntegrationEventID = undefined;
    if (client.AddToCartIntegrationEventID === event.ID) client.AddToCartIntegrationEventID = undefined;
  }
}

export function serializeIntegrationEvent(event: IntegrationEventRecord): Record<string, unknown> {
  return {
    ElevatedRoles: event.ElevatedRoles,
    ID: event.ID,
    ConfigData: event.ConfigData,
    EventType: event.EventType,
    CustomImplementationUrl: event.CustomImplementationUrl,
    CustomAuthHeaderName: event.CustomAuthHeaderName ?? null,
    CustomAuthHeaderValue: event.CustomAuthHeaderValue ?? null,
    Name: event.Name,
    HashKey: event.HashKey,
  };
}
