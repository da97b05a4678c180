import { openDatabase } from '@ledgerbridge/xero-app';
import type { RequestLogEntry } from '@ledgerbridge/xero-sandbox';
import { sql } from 'kysely';

// What a chaos run that did not settle was waiting for: each order's sync state, the tenant's Xero
// operations and open batches, the queue's flush jobs, the rate budget's pause and leases, and the
// sandbox's writes answered 5xx, replayed or faulted.
// Read after the processes stopped (PGlite allows one process at a time).

export type ChaosDiagnosis = {
  /** Each order's sync state: what it waits for, as the console would say. */
  orders: Array<Record<string, unknown>>;
  operations: Array<Record<string, unknown>>;
  openBatches: Array<Record<string, unknown>>;
  flushJobs: Array<Record<string, unknown>>;
  budget: Array<Record<string, unknown>>;
  leases: Array<Record<string, unknown>>;
  xeroWrites: Array<Partial<RequestLogEntry>>;
};

export async function diagnose(input: {
  where: { url: string; dataDir: string };
  tenantId: string;
  requests: RequestLogEntry[];
}): Promise<ChaosDiagnosis> {
  const handle = await openDatabase(input.where);
  try {
    const db = handle.db;
    // One question failing (a table not there yet) does not hide the others' answers.
    const rows = async (query: ReturnType<typeof sql>) =>
      ((await query.execute(db)) as { rows: Array<Record<string, unknown>> }).rows;
    const safe = (query: ReturnType<typeof sql>) =>
      rows(query).catch((error: unknown) => [{ error: String(error) }]);
    return {
      orders: await safe(sql`select order_id, status, reason, message, invoice_number, updated_at
        from order_syncs order by created_at`),
      operations: await safe(sql`select kind, status, count(*)::int as n, min(updated_at) as oldest
        from xero_operations where tenant_id = ${input.tenantId} group by kind, status order by kind, status`),
      openBatches: await safe(sql`select id, kind, idempotency_key, started_at, status,
        jsonb_array_length(operation_ids) as ops from xero_batches
        where tenant_id = ${input.tenantId} and status = 'sending' order by started_at`),
      flushJobs: await safe(sql`select state, retry_count, start_after, started_on, heartbeat_on, data, output
        from pgboss.job where name = 'flush' and state not in ('completed') order by created_on desc limit 20`),
      budget: await safe(sql`select * from rate_budgets where tenant_id = ${input.tenantId}`),
      leases: await safe(sql`select count(*)::int as n, max(expires_at) as latest from rate_leases
        where tenant_id = ${input.tenantId}`),
      xeroWrites: input.requests
        .filter((r) => r.method !== 'GET' && ((r.status ?? 0) >= 500 || r.replayed || r.fault))
        .map((r) => ({
          id: r.id,
          method: r.method,
          path: r.path,
          status: r.status,
          idempotencyKey: r.idempotencyKey,
          replayed: r.replayed,
          fault: r.fault,
          startedAt: r.startedAt,
          durationMs: r.durationMs,
        })),
    };
  } finally {
    await handle.close();
  }
}
