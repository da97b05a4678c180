import type { Context } from 'hono';
import type { SandboxContext } from '../sandbox-context.ts';
import { toEnvelopeDate } from '../util/xero-dates.ts';
import type { ApiAuth } from './hono-env.ts';

export type Pagination = { page: number; pageSize: number; pageCount: number; itemCount: number };

// Every Accounting API success: {Id, Status, ProviderName, DateTimeUTC, [pagination], <Collection>}.
export function envelope(
  ctx: SandboxContext,
  auth: ApiAuth | undefined,
  collection: string,
  items: unknown[],
  pagination?: Pagination,
): Record<string, unknown> {
  return {
    Id: crypto.randomUUID(),
    Status: 'OK',
    ProviderName: auth?.app?.name ?? auth?.clientId ?? 'Xero Sandbox',
    DateTimeUTC: toEnvelopeDate(ctx.clock.now()),
    ...(pagination ? { pagination } : {}),
    [collection]: items,
  };
}

export function jsonEnvelope(
  c: Context,
  ctx: SandboxContext,
  auth: ApiAuth | undefined,
  collection: string,
  items: unknown[],
  pagination?: Pagination,
): Response {
  return c.json(envelope(ctx, auth, collection, items, pagination));
}
