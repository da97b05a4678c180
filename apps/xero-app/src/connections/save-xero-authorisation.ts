import {
  fail,
  ok,
  permanent,
  type Result,
  type XeroTenantConnection,
  type XeroTokenSet,
} from '@ledgerbridge/canonical';
import type { Kysely } from 'kysely';
import type { Keyring } from '../crypto/keyring.ts';
import type { DatabaseSchema } from '../db/schema.ts';
import type { JobQueue } from '../queue/job-queue.ts';
import { resumeParkedJobs } from './parked-jobs.ts';
import { REFRESH_TOKEN_LIFETIME_MS, sealTokens } from './token-sets-repo.ts';
import { recordAudit } from '../timeline/audit-log-repo.ts';

export type SavedAuthorisation = {
  readonly tokenSetId: string;
  readonly connections: readonly { id: string; tenantId: string; tenantName: string; reconnected: boolean }[];
  readonly resumedJobs: number;
};

/**
 * Stores a new Xero authorisation for a workspace: one token set, and one connection per organisation
 * the user granted. An organisation already known (a reconnect) moves to the new tokens and is active
 * again; its alerts are resolved and the jobs parked while it was down are queued again.
 */
export async function saveXeroAuthorisation(
  deps: {
    db: Kysely<DatabaseSchema>;
    keyring: Keyring;
    queue: Pick<JobQueue, 'enqueue'>;
    clock?: () => Date;
  },
  input: {
    workspaceId: string;
    xeroUserId: string | null;
    tokens: XeroTokenSet;
    tenants: readonly XeroTenantConnection[];
    actor: string;
  },
): Promise<Result<SavedAuthorisation>> {
  const { tokens } = input;
  if (!tokens.refreshToken) {
    return fail(
      permanent('xero-no-offline-access', 'Xero granted no offline access, so syncing could not continue.'),
    );
  }
  const organisations = input.tenants.filter((t) => t.tenantType === 'ORGANISATION');
  if (organisations.length === 0) {
    return fail(
      permanent('xero-no-organisation', 'No Xero organisation was chosen; connect again and pick one.'),
    );
  }
  const now = (deps.clock ?? (() => new Date()))();
  const refreshToken = tokens.refreshToken;
  return deps.db.transaction().execute(async (trx) => {
    const tokenSet = await trx
      .insertInto('xero_token_sets')
      .values({
        workspace_id: input.workspaceId,
        xero_user_id: input.xeroUserId,
        ...sealTokens(deps.keyring, input.workspaceId, { accessToken: tokens.accessToken, refreshToken }),
        access_expires_at: tokens.expiresAt,
        refresh_expires_at: new Date(now.getTime() + REFRESH_TOKEN_LIFETIME_MS),
        scopes: tokens.scopes.join(' '),
        status: 'active',
        refreshed_at: now,
      })
      .returning('id')
      .executeTakeFirstOrThrow();

    const saved: { id: string; tenantId: string; tenantName: string; reconnected: boolean }[] = [];
    for (const tenant of organisations) {
      const before = await trx
        .selectFrom('xero_connections')
        .select(['id', 'status'])
        .where('workspace_id', '=', input.workspaceId)
        .where('tenant_id', '=', tenant.tenantId)
        .executeTakeFirst();
      const row = await trx
        .insertInto('xero_connections')
        .values({
          workspace_id: input.workspaceId,
          token_set_id: tokenSet.id,
          xero_connection_id: tenant.id,
          tenant_id: tenant.tenantId,
          tenant_name: tenant.tenantName,
          status: 'active',
        })
        .onConflict((oc) =>
          oc.columns(['workspace_id', 'tenant_id']).doUpdateSet({
            token_set_id: tokenSet.id,
            xero_connection_id: tenant.id,
            tenant_name: tenant.tenantName,
            status: 'active',
          }),
        )
        .returning('id')
        .executeTakeFirstOrThrow();
      saved.push({
        id: row.id,
        tenantId: tenant.tenantId,
        tenantName: tenant.tenantName,
        reconnected: Boolean(before),
      });
    }

    await trx
      .updateTable('alerts')
      .set({ resolved_at: now })
      .where('workspace_id', '=', input.workspaceId)
      .where('kind', '=', 'xero-needs-reconnect')
      .where(
        'subject_id',
        'in',
        saved.map((s) => s.id),
      )
      .where('resolved_at', 'is', null)
      .execute();
    // Token sets no organisation uses any more hold nothing worth keeping.
    await trx
      .deleteFrom('xero_token_sets')
      .where('workspace_id', '=', input.workspaceId)
      .where('id', '!=', tokenSet.id)
      .where(({ not, exists, selectFrom }) =>
        not(
          exists(
            selectFrom('xero_connections')
              .select('xero_connections.id')
              .whereRef('xero_connections.token_set_id', '=', 'xero_token_sets.id'),
          ),
        ),
      )
      .execute();
    const resumedJobs = await resumeParkedJobs(trx, { workspaceId: input.workspaceId, queue: deps.queue });
    await recordAudit(trx, {
      workspaceId: input.workspaceId,
      actor: input.actor,
      action: 'xero.connected',
      details: {
        tenants: saved.map((s) => ({ tenantId: s.tenantId, name: s.tenantName })),
        resumedJobs,
      },
    });
    return ok({ tokenSetId: tokenSet.id, connections: saved, resumedJobs });
  });
}
