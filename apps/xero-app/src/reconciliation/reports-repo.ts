import type { Kysely } from 'kysely';
import type { DatabaseSchema } from '../db/schema.ts';
import type { Finding } from './three-way.ts';

type Db = Kysely<DatabaseSchema>;

export type ReportRow = {
  readonly id: string;
  readonly workspaceId: string;
  readonly from: string;
  readonly to: string;
  readonly status: 'running' | 'done' | 'failed';
  readonly summary: { orders?: number; invoices?: number; findings?: number };
  readonly findings: readonly Finding[];
  readonly healed: Readonly<Record<string, { at: string; by: string }>>;
  readonly requestedBy: string;
  readonly error: string | null;
  readonly createdAt: Date;
  readonly finishedAt: Date | null;
};

export async function createReport(
  db: Db,
  input: { workspaceId: string; from: string; to: string; requestedBy: string },
): Promise<string> {
  const row = await db
    .insertInto('reconciliation_reports')
    .values({
      workspace_id: input.workspaceId,
      from_date: input.from,
      to_date: input.to,
      status: 'running',
      requested_by: input.requestedBy,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

export async function finishReport(
  db: Db,
  input: { id: string; findings?: readonly Finding[]; summary?: object; error?: string },
): Promise<void> {
  await db
    .updateTable('reconciliation_reports')
    .set({
      status: input.error ? 'failed' : 'done',
      findings: JSON.stringify(input.findings ?? []),
      summary: JSON.stringify(input.summary ?? {}),
      error: input.error ?? null,
      finished_at: new Date(),
    })
    .where('id', '=', input.id)
    .execute();
}

export async function markHealed(db: Db, input: { id: string; index: number; by: string }): Promise<void> {
  const row = await db
    .selectFrom('reconciliation_reports')
    .select('healed')
    .where('id', '=', input.id)
    .executeTakeFirstOrThrow();
  const healed = {
    ...(row.healed as Record<string, unknown>),
    [input.index]: { at: new Date().toISOString(), by: input.by },
  };
  await db
    .updateTable('reconciliation_reports')
    .set({ healed: JSON.stringify(healed) })
    .where('id', '=', input.id)
    .execute();
}

const toRow = (r: {
  id: string;
  workspace_id: string;
  from_date: string;
  to_date: string;
  status: ReportRow['status'];
  summary: unknown;
  findings: unknown;
  healed: unknown;
  requested_by: string;
  error: string | null;
  created_at: Date | string;
  finished_at: Date | string | null;
}): ReportRow => ({
  id: r.id,
  workspaceId: r.workspace_id,
  from: r.from_date,
  to: r.to_date,
  status: r.status,
  summary: r.summary as ReportRow['summary'],
  findings: r.findings as Finding[],
  healed: r.healed as ReportRow['healed'],
  requestedBy: r.requested_by,
  error: r.error,
  createdAt: new Date(r.created_at),
  finishedAt: r.finished_at ? new Date(r.finished_at) : null,
});

export async function findReport(
  db: Db,
  input: { workspaceId: string; id: string },
): Promise<ReportRow | undefined> {
  const row = await db
    .selectFrom('reconciliation_reports')
    .selectAll()
    .where('workspace_id', '=', input.workspaceId)
    .where('id', '=', input.id)
    .executeTakeFirst();
  return row ? toRow(row) : undefined;
}

export async function listReports(db: Db, workspaceId: string): Promise<ReportRow[]> {
  const rows = await db
    .selectFrom('reconciliation_reports')
    .selectAll()
    .where('workspace_id', '=', workspaceId)
    .orderBy('created_at', 'desc')
    .limit(30)
    .execute();
  return rows.map(toRow);
}
