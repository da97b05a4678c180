import { fail, ok, permanent, type Result, type SyncEvent } from '@ledgerbridge/canonical';
import type { Kysely } from 'kysely';
import { recordAudit } from '../timeline/audit-log-repo.ts';
import type { DatabaseSchema } from '../db/schema.ts';
import type { XeroWebhookEvent } from '../xero-webhooks/xero-webhook-payload.ts';
import { findReport, markHealed } from './reports-repo.ts';

export type HealDeps = {
  readonly db: Kysely<DatabaseSchema>;
  readonly resync: (event: SyncEvent) => Promise<void>;
  /** As if Xero's webhook for the invoice had arrived. */
  readonly replayXero: (events: readonly XeroWebhookEvent[]) => Promise<unknown>;
  readonly now?: () => Date;
};

/** Heals findings of a report (one, or every healable one): re-sync the order, or replay Xero's change. */
export async function healFindings(
  deps: HealDeps,
  input: { workspaceId: string; actor: string; reportId: string; index?: number },
): Promise<Result<{ healed: number }>> {
  const report = await findReport(deps.db, { workspaceId: input.workspaceId, id: input.reportId });
  if (!report) return fail(permanent('not-found', 'No such report in this workspace.'));
  const at = (deps.now ?? (() => new Date()))();
  const chosen = report.findings
    .map((finding, index) => ({ finding, index }))
    .filter(
      ({ finding, index }) =>
        finding.heal && !report.healed[index] && (input.index === undefined || index === input.index),
    );
  if (chosen.length === 0) return fail(permanent('not-found', 'Nothing left to heal there.'));
  const connections = await deps.db
    .selectFrom('environments as e')
    .innerJoin('xero_connections as x', 'x.id', 'e.xero_connection_id')
    .select(['e.ordercloud_connection_id', 'x.tenant_id'])
    .where('e.workspace_id', '=', input.workspaceId)
    .where('e.ordercloud_connection_id', 'is not', null)
    .execute();
  for (const { finding, index } of chosen) {
    if (finding.heal === 'resync') {
      const known = await deps.db
        .selectFrom('order_syncs')
        .select('ordercloud_connection_id')
        .where('workspace_id', '=', input.workspaceId)
        .where('order_id', '=', finding.orderId)
        .executeTakeFirst();
      const connectionId = known?.ordercloud_connection_id ?? connections[0]?.ordercloud_connection_id;
      if (!connectionId) continue;
      await deps.resync({
        type: 'order.submitted',
        eventId: `reconcile:${report.id}:${index}`,
        connectionId,
        occurredAt: at.toISOString(),
        source: 'reconciler',
        orderId: finding.orderId,
      });
    } else if (finding.heal === 'apply-xero' && finding.invoiceId) {
      const sync = await deps.db
        .selectFrom('order_syncs')
        .select('ordercloud_connection_id')
        .where('workspace_id', '=', input.workspaceId)
        .where('order_id', '=', finding.orderId)
        .executeTakeFirst();
      const tenantId = connections.find(
        (c) => c.ordercloud_connection_id === sync?.ordercloud_connection_id,
      )?.tenant_id;
      if (tenantId)
        await deps.replayXero([
          {
            resourceUrl: `https://api.xero.com/api.xro/2.0/Invoices/${finding.invoiceId}`,
            resourceId: finding.invoiceId,
            eventDateUtc: at.toISOString(),
            eventType: 'UPDATE',
            eventCategory: 'INVOICE',
            tenantId,
            tenantType: 'ORGANISATION',
          } as XeroWebhookEvent,
        ]);
    }
    await markHealed(deps.db, { id: report.id, index, by: input.actor });
  }
  await recordAudit(deps.db, {
    workspaceId: input.workspaceId,
    actor: input.actor,
    action: 'reconciliation.healed',
    details: {
      reportId: report.id,
      findings: chosen.map((c) => ({ kind: c.finding.kind, orderId: c.finding.orderId })),
    },
  });
  return ok({ healed: chosen.length });
}
