import type { Order, ReferenceData } from '@ledgerbridge/canonical';
import type { Db } from '../db/database.ts';
import { defaultMapping } from '../mapping/default-mapping.ts';
import type { MappingConfig } from '../mapping/mapping-config.ts';
import { loadMapping } from '../mapping/mapping-repo.ts';
import type { SyncContext } from '../sync/sync-context.ts';
import { ensureMappingVersion, listRoutingRules } from './routing-repo.ts';
import { routeByRules } from './routing-rule.ts';

/** Where one order goes: its Xero tenant, and whose mapping version (the environment's or a rule's). */
export type RoutedContext = SyncContext & {
  readonly mappingOwner: { readonly table: 'environments' | 'routing_rules'; readonly id: string };
  readonly ruleName?: string;
  readonly tenantName?: string;
};

export function unrouted(ctx: SyncContext): RoutedContext {
  return { ...ctx, mappingOwner: { table: 'environments', id: ctx.environmentId } };
}

/**
 * An environment without rules sends every order to its own Xero organisation. With rules, the first
 * that matches decides; none matching holds the order with the reason. An order already invoiced stays
 * with the organisation that holds its invoice, whatever the rules say now.
 */
export async function routeOrder(
  db: Db,
  ctx: SyncContext,
  order: Order,
): Promise<{ ctx: RoutedContext } | { held: string }> {
  const rules = await listRoutingRules(db, ctx.environmentId);
  if (rules.length === 0) return { ctx: unrouted(ctx) };
  const invoiced = await db
    .selectFrom('xero_operations')
    .select('tenant_id')
    .where('source_connection_id', '=', ctx.connectionId)
    .where('order_id', '=', order.id)
    .where('kind', '=', 'invoice')
    .executeTakeFirst();
  if (invoiced) {
    const rule = rules.find((r) => r.tenantId === invoiced.tenant_id);
    if (rule) return { ctx: fromRule(ctx, rule) };
    return { ctx: { ...unrouted(ctx), tenantId: invoiced.tenant_id } };
  }
  const routed = await routeByRules(rules, order);
  if ('unmatched' in routed) return { held: routed.unmatched };
  return { ctx: fromRule(ctx, routed.rule) };
}

function fromRule(
  ctx: SyncContext,
  rule: Awaited<ReturnType<typeof listRoutingRules>>[number],
): RoutedContext {
  return {
    ...ctx,
    tenantId: rule.tenantId,
    mappingVersionId: rule.mappingVersionId,
    mappingOwner: { table: 'routing_rules', id: rule.id },
    ruleName: rule.name,
    tenantName: rule.tenantName,
  };
}

/** The routed mapping, generated from the organisation once if none is pinned yet. */
export async function mappingFor(
  db: Db,
  ctx: RoutedContext,
  reference: ReferenceData,
): Promise<{ mappingVersionId: string; mapping: MappingConfig }> {
  const mappingVersionId =
    ctx.mappingVersionId ??
    (await ensureMappingVersion(db, {
      workspaceId: ctx.workspaceId,
      owner: ctx.mappingOwner,
      build: () => defaultMapping(reference),
      note: `generated from ${reference.organisation.name}`,
    }));
  return { mappingVersionId, mapping: await loadMapping(db, mappingVersionId) };
}

export function hasSourcePaths(mapping: MappingConfig): boolean {
  return Object.values(mapping.sources).some((path) => typeof path === 'string' && path.length > 0);
}
