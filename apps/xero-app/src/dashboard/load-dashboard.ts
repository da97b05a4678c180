import type { Kysely } from 'kysely';
import { countAttentionByReason } from '../attention/attention-repo.ts';
import type { DatabaseSchema } from '../db/schema.ts';
import { bannersFrom } from './banners.ts';
import { readTenantBudgets } from './budget-reads.ts';
import { backlog, dailyFigures } from './dashboard-queries.ts';

/** Everything the overview's dashboard shows for one workspace, read at once. */
export function createDashboardLoader(deps: {
  db: Kysely<DatabaseSchema>;
  dailyLimit: number;
  minuteMs: number;
  /** When each of the workspace's dead letters landed (they live in the queue, not in our tables). */
  deadLetterTimes: (workspaceId: string) => Promise<readonly Date[]>;
  clock?: () => Date;
}) {
  return async (workspaceId: string) => {
    const now = (deps.clock ?? (() => new Date()))();
    const orgs = await deps.db
      .selectFrom('xero_connections')
      .select(['tenant_id', 'tenant_name', 'status'])
      .where('workspace_id', '=', workspaceId)
      .where('status', '!=', 'disconnected')
      .orderBy('tenant_name')
      .execute();
    const [figures, attention, budgets, pending, deadTimes] = await Promise.all([
      dailyFigures(deps.db, { workspaceId, now }),
      countAttentionByReason(deps.db, workspaceId),
      readTenantBudgets(deps.db, {
        tenantIds: orgs.map((o) => o.tenant_id),
        defaultDayLimit: deps.dailyLimit,
        minuteMs: deps.minuteMs,
        now,
      }),
      backlog(deps.db, workspaceId),
      deps.deadLetterTimes(workspaceId),
    ]);
    const today = now.toISOString().slice(0, 10);
    const organisations = orgs.map((o) => ({
      tenantName: o.tenant_name,
      status: o.status,
      budget: budgets.get(o.tenant_id),
    }));
    return {
      banners: bannersFrom({ now, organisations, backlog: pending }),
      figures,
      attention,
      deadLettersToday: deadTimes.filter((d) => d.toISOString().slice(0, 10) === today).length,
      budgets: organisations.map((o) => ({ tenantName: o.tenantName, budget: o.budget })),
    };
  };
}
