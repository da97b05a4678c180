import { fail, ok, permanent, type Result } from '@ledgerbridge/canonical';
import type { Kysely } from 'kysely';
import { isUuid } from '../connections/uuid.ts';
import type { DatabaseSchema } from '../db/schema.ts';
import { recordAudit } from '../timeline/audit-log-repo.ts';

export const environmentNames = ['dev', 'qa', 'prod'] as const;
export type EnvironmentName = (typeof environmentNames)[number];

export function isEnvironmentName(value: string): value is EnvironmentName {
  return (environmentNames as readonly string[]).includes(value);
}

/**
 * Binds an environment to a Xero organisation and/or an OrderCloud marketplace of the same workspace.
 * A marketplace feeds one environment only, so binding it here unbinds it elsewhere. A change that stops
 * prod's orders from reaching prod's organisation is refused with `needs-confirmation` and a message
 * saying what stops syncing, unless `confirmed`.
 */
export async function bindEnvironment(
  db: Kysely<DatabaseSchema>,
  input: {
    workspaceId: string;
    environment: string;
    xeroConnectionId?: string | null;
    ordercloudConnectionId?: string | null;
    actor: string;
    confirmed?: boolean;
  },
): Promise<Result<void>> {
  const notFound = fail(permanent('not-found', 'No such environment or connection in this workspace.'));
  if (!isEnvironmentName(input.environment)) return notFound;
  const { workspaceId } = input;
  return db.transaction().execute(async (trx) => {
    const set: {
      xero_connection_id?: string | null;
      xero_tenant_id?: string | null;
      ordercloud_connection_id?: string | null;
    } = {};
    if (input.xeroConnectionId !== undefined) {
      if (input.xeroConnectionId === null) {
        set.xero_connection_id = null;
        set.xero_tenant_id = null;
      } else {
        if (!isUuid(input.xeroConnectionId)) return notFound;
        const xero = await trx
          .selectFrom('xero_connections')
          .select(['id', 'tenant_id'])
          .where('id', '=', input.xeroConnectionId)
          .where('workspace_id', '=', workspaceId)
          .where('status', '!=', 'disconnected')
          .executeTakeFirst();
        if (!xero) return notFound;
        set.xero_connection_id = xero.id;
        set.xero_tenant_id = xero.tenant_id;
      }
    }
    const prod = await trx
      .selectFrom('environments as e')
      .leftJoin('ordercloud_connections as o', 'o.id', 'e.ordercloud_connection_id')
      .leftJoin('xero_connections as x', 'x.id', 'e.xero_connection_id')
      .select([
        'e.ordercloud_connection_id',
        'e.xero_connection_id',
        'o.name as marketplace',
        'x.tenant_name',
      ])
      .where('e.workspace_id', '=', workspaceId)
      .where('e.name', '=', 'prod')
      .executeTakeFirst();
    const stops = stopsProd(input, prod);
    if (stops && !input.confirmed) return fail(permanent('needs-confirmation', stops));
    if (input.ordercloudConnectionId !== undefined) {
      if (input.ordercloudConnectionId !== null) {
        if (!isUuid(input.ordercloudConnectionId)) return notFound;
        const oc = await trx
          .selectFrom('ordercloud_connections')
          .select('id')
          .where('id', '=', input.ordercloudConnectionId)
          .where('workspace_id', '=', workspaceId)
          .where('status', '!=', 'disconnected')
          .executeTakeFirst();
        if (!oc) return notFound;
        await trx
          .updateTable('environments')
          .set({ ordercloud_connection_id: null })
          .where('workspace_id', '=', workspaceId)
          .where('ordercloud_connection_id', '=', oc.id)
          .execute();
      }
      set.ordercloud_connection_id = input.ordercloudConnectionId;
    }
    if (Object.keys(set).length === 0) return ok(undefined);
    const updated = await trx
      .updateTable('environments')
      .set(set)
      .where('workspace_id', '=', workspaceId)
      .where('name', '=', input.environment as EnvironmentName)
      .executeTakeFirst();
    if (Number(updated.numUpdatedRows) === 0) return notFound;
    await recordAudit(trx, {
      workspaceId,
      actor: input.actor,
      action: 'environment.bound',
      details: { environment: input.environment, ...set },
    });
    return ok(undefined);
  });
}

/** What a binding change would stop syncing in prod, in the merchant's words; undefined when nothing. */
function stopsProd(
  input: { environment: string; xeroConnectionId?: string | null; ordercloudConnectionId?: string | null },
  prod:
    | {
        ordercloud_connection_id: string | null;
        xero_connection_id: string | null;
        marketplace: string | null;
        tenant_name: string | null;
      }
    | undefined,
): string | undefined {
  if (!prod?.ordercloud_connection_id) return undefined;
  const marketplace = prod.marketplace ?? 'the marketplace';
  const org = prod.tenant_name ?? 'its Xero organisation';
  if (input.environment === 'prod') {
    if (input.ordercloudConnectionId === null)
      return `Orders from ${marketplace} will stop syncing to ${org}: PROD will have no marketplace.`;
    if (
      input.ordercloudConnectionId !== undefined &&
      input.ordercloudConnectionId !== prod.ordercloud_connection_id
    )
      return `Orders from ${marketplace} will stop syncing to ${org}; PROD will take another marketplace’s orders instead.`;
    if (input.xeroConnectionId === null && prod.xero_connection_id)
      return `Orders from ${marketplace} will stop syncing: PROD will have no Xero organisation.`;
    if (
      input.xeroConnectionId &&
      prod.xero_connection_id &&
      input.xeroConnectionId !== prod.xero_connection_id
    )
      return `Orders from ${marketplace} will go to another organisation instead of ${org} from the next order.`;
    return undefined;
  }
  if (input.ordercloudConnectionId && input.ordercloudConnectionId === prod.ordercloud_connection_id)
    return `Orders from ${marketplace} will stop syncing to ${org} (PROD) and go to ${input.environment.toUpperCase()} instead.`;
  return undefined;
}
