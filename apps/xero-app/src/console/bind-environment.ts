import { fail, ok, permanent, type Result } from '@ledgerbridge/canonical';
import type { Kysely } from 'kysely';
import { isUuid } from '../connections/uuid.ts';
import type { DatabaseSchema } from '../db/schema.ts';

export const environmentNames = ['dev', 'qa', 'prod'] as const;
export type EnvironmentName = (typeof environmentNames)[number];

export function isEnvironmentName(value: string): value is EnvironmentName {
  return (environmentNames as readonly string[]).includes(value);
}

/**
 * Binds an environment to a Xero organisation and/or an OrderCloud marketplace of the same workspace.
 * A marketplace feeds one environment only, so binding it here unbinds it elsewhere.
 */
export async function bindEnvironment(
  db: Kysely<DatabaseSchema>,
  input: {
    workspaceId: string;
    environment: string;
    xeroConnectionId?: string | null;
    ordercloudConnectionId?: string | null;
    actor: string;
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
    await trx
      .insertInto('audit_log')
      .values({
        workspace_id: workspaceId,
        actor: input.actor,
        action: 'environment.bound',
        details: JSON.stringify({ environment: input.environment, ...set }),
      })
      .execute();
    return ok(undefined);
  });
}
