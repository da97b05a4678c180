import type { AccountingTarget, CommerceSource } from '@ledgerbridge/canonical';
import type { Kysely } from 'kysely';
import type { DatabaseSchema } from '../db/schema.ts';
import type { JobQueue } from '../queue/job-queue.ts';
import { queueNames } from '../queue/queue-names.ts';
import { createReport } from './reports-repo.ts';
import { runReconciliation } from './run-reconciliation.ts';

type ReportJob = { reportId?: string; workspaceId?: string; from?: string; to?: string };

/**
 * The worker's reconciliation: reports asked for in the console (a report row waits for it), and every
 * night at 02:30 UTC a report of the day before for each workspace with a marketplace connected.
 */
export async function startReconciliationWorker(deps: {
  db: Kysely<DatabaseSchema>;
  queue: JobQueue;
  commerceFor: (connectionId: string) => Promise<CommerceSource>;
  accountingFor: (workspaceId: string) => AccountingTarget;
  cron?: string;
}): Promise<void> {
  await deps.queue.work<ReportJob>(queueNames.reconciliationReport, async (job) => {
    if (job.data.reportId && job.data.workspaceId && job.data.from && job.data.to) {
      await runReconciliation(deps, {
        reportId: job.data.reportId,
        workspaceId: job.data.workspaceId,
        from: job.data.from,
        to: job.data.to,
      });
      return undefined;
    }
    const yesterday = new Date(Date.now() - 86_400_000).toISOString().slice(0, 10);
    const workspaces = await deps.db
      .selectFrom('environments')
      .select('workspace_id')
      .distinct()
      .where('ordercloud_connection_id', 'is not', null)
      .where('xero_connection_id', 'is not', null)
      .execute();
    for (const { workspace_id } of workspaces) {
      const reportId = await createReport(deps.db, {
        workspaceId: workspace_id,
        from: yesterday,
        to: yesterday,
        requestedBy: 'nightly schedule',
      });
      await deps.queue.enqueue({
        queue: queueNames.reconciliationReport,
        data: { reportId, workspaceId: workspace_id, from: yesterday, to: yesterday },
      });
    }
    return undefined;
  });
  await deps.queue.schedule(queueNames.reconciliationReport, deps.cron ?? '30 2 * * *');
}
