import { z } from 'zod';
import { deepMerge, optionalBoolean, optionalString, parseBody, XpSchema } from '../api/body.ts';
import { newId } from '../api/common.ts';
import type { CommerceContext } from '../api/context.ts';
import { badRequest, notFound } from '../errors.ts';
import type { ApiClientRecord, SandboxState } from '../state.ts';

// API clients (SDK model ApiClient) and their buyer assignments (ApiClientAssignment). A buyer user
// signs in through a client that allows any buyer or is assigned to the user's buyer. AllowAnyBuyer
// defaults to true here (a guess: the model marks it optional; true keeps clients created without it
// usable by every buyer, the permissive reading).
const ApiClientBody = z.looseObject({
  ID: optionalString,
  ClientSecret: optionalString,
  AppName: z.string().min(1).optional(),
  Active: optionalBoolean,
  AccessTokenDuration: z.number().int().positive().nullish(),
  RefreshTokenDuration: z.number().int().nonnegative().nullish(),
  DefaultContextUserName: optionalString,
  IsAnonBuyer: optionalBoolean,
  AllowSeller: optionalBoolean,
  AllowAnyBuyer: optionalBoolean,
  OrderCheckoutIntegrationEventID: optionalString,
  OrderReturnIntegrationEventID: optionalString,
  AddToCartIntegrationEventID: optionalString,
  xp: XpSchema.nullish(),
});

export const ApiClientAssignmentBody = z.looseObject({
  ApiClientID: z.string().min(1),
  BuyerID: optionalString,
  SupplierID: optionalString,
});

const integrationEventFields = [
  ['OrderCheckoutIntegrationEventID', 'OrderCheckout'],
  ['OrderReturnIntegrationEventID', 'OrderReturn'],
  ['AddToCartIntegrationEventID', 'AddToCart'],
] as const;

export function serializeApiClient(client: ApiClientRecord, state: SandboxState) {
  const { Roles: _roles, ...rest } = client;
  const eventName = (id: string | undefined) => (id ? (state.integrationEvents.get(id)?.Name ?? null) : null);
  return {
    ...rest,
    ClientSecret: client.ClientSecret ?? null,
    DefaultContextUserName: client.DefaultContextUserName ?? null,
    AnonymousTokenDuration: client.AccessTokenDuration,
    AllowAnySupplier: false,
    AssignedBuyerCount: state.apiClientAssignments.filter((a) => a.ApiClientID === client.ID).length,
    AssignedSupplierCount: 0,
    MinimumRequiredRoles: [],
    MinimumRequiredCustomRoles: [],
    MaximumGrantedRoles: [],
    MaximumGrantedCustomRoles: [],
    OrderCheckoutIntegrationEventID: client.OrderCheckoutIntegrationEventID ?? null,
    OrderCheckoutIntegrationEventName: eventName(client.OrderCheckoutIntegrationEventID),
    OrderReturnIntegrationEventID: client.OrderReturnIntegrationEventID ?? null,
    OrderReturnIntegrationEventName: eventName(client.OrderReturnIntegrationEventID),
    AddToCartIntegrationEventID: client.AddToCartIntegrationEventID ?? null,
    AddToCartIntegrationEventName: eventName(client.AddToCartIntegrationEventID),
  };
}

export function findApiClient(ctx: CommerceContext, id: string): ApiClientRecord {
  const client = ctx.state.apiClients.get(id);
  if (!client) throw notFound('ApiClient', id);
  return client;
}

export function updateApiClient(
  ctx: CommerceContext,
  client: ApiClientRecord,
  rawBody: unknown,
  replace: boolean,
): void {
  const body = parseBody(ApiClientBody, rawBody);
  const raw = (rawBody ?? {}) as Record<string, unknown>;
  if (replace && !body.AppName)
    throw badRequest('InvalidRequest', 'AppName is required.', { Field: 'AppName' });
  for (const [key, type] of integrationEventFields) {
    if (!(key in raw) && !replace) continue;
    const id = body[key];
    if (id !== undefined) {
      const event = ctx.state.integrationEvents.get(id);
      if (!event) throw notFound('IntegrationEvent', id);
      if (event.EventType !== type)
        throw badRequest('InvalidRequest', `${key} must name an integration event of type ${type}.`, {
          IntegrationEventID: id,
          EventType: event.EventType,
        });
    }
    client[key] = id; // null clears it
  }
  if (body.ClientSecret !== undefined) client.ClientSecret = body.ClientSecret;
  if (body.AppName !== undefined) client.AppName = body.AppName;
  if (body.Active !== undefined) client.Active = body.Active;
  if (body.AccessTokenDuration != null) client.AccessTokenDuration = body.AccessTokenDuration;
  if (body.RefreshTokenDuration != null) client.RefreshTokenDuration = body.RefreshTokenDuration;
  if (body.DefaultContextUserName !== undefined || replace)
    client.DefaultContextUserName = body.DefaultContextUserName;
  if (body.IsAnonBuyer !== undefined) client.IsAnonBuyer = body.IsAnonBuyer;
  if (body.AllowSeller !== undefined) client.AllowSeller = body.AllowSeller;
  if (body.AllowAnyBuyer !== undefined) client.AllowAnyBuyer = body.AllowAnyBuyer;
  if (body.xp !== undefined || replace)
    client.xp = replace ? (body.xp ?? {}) : deepMerge(client.xp, body.xp ?? {});
}

export function createApiClient(
  ctx: CommerceContext,
  rawBody: unknown,
  idFromPath?: string,
): ApiClientRecord {
  const body = parseBody(ApiClientBody, rawBody);
  if (!body.AppName) throw badRequest('InvalidRequest', 'AppName is required.', { Field: 'AppName' });
  const client: ApiClientRecord = {
    ID: newId(ctx, idFromPath ?? body.ID, (id) => ctx.state.apiClients.has(id), 'ApiClient'),
    AppName: body.AppName,
    Active: true,
    AccessTokenDuration: 600,
    RefreshTokenDuration: 0,
    IsAnonBuyer: false,
    AllowSeller: false,
    AllowAnyBuyer: true,
    Roles: [],
    xp: {},
  };
  updateApiClient(ctx, client, rawBody, false);
  ctx.state.apiClients.set(client.ID, client);
  return client;
}

export function deleteApiClient(ctx: CommerceContext, client: ApiClientRecord): void {
  ctx.state.apiClients.delete(client.ID);
  ctx.state.apiClientAssignments = ctx.state.apiClientAssignments.filter((a) => a.ApiClientID !== client.ID);
}

export function saveApiClientAssignment(ctx: CommerceContext, rawBody: unknown): void {
  const body = parseBody(ApiClientAssignmentBody, rawBody);
  findApiClient(ctx, body.ApiClientID);
  if (!body.BuyerID)
    throw badRequest('InvalidRequest', 'BuyerID is required (the sandbox has no suppliers).');
  if (!ctx.state.buyers.has(body.BuyerID)) throw notFound('Buyer', body.BuyerID);
  const exists = ctx.state.apiClientAssignments.some(
    (a) => a.ApiClientID === body.ApiClientID && a.BuyerID === body.BuyerID,
  );
  if (!exists) ctx.state.apiClientAssignments.push({ ApiClientID: body.ApiClientID, BuyerID: body.BuyerID });
}

/** Whether a buyer user may sign in through this client. */
export function clientServesBuyer(state: SandboxState, client: ApiClientRecord, buyerId: string): boolean {
  return (
    client.AllowAnyBuyer ||
    state.apiClientAssignments.some((a) => a.ApiClientID === client.ID && a.BuyerID === buyerId)
  );
}
