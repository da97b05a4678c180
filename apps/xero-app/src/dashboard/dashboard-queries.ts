import { type Kysely, sql } from 'kysely';
import { classifyAttention } from '../attention/attention-reasons.ts';
import type { DatabaseSchema } from '../db/schema.ts';

type Db = Kysely<DatabaseSchema>;
const DAY_MS = 86_400_000;

export type DayBucket = 'synced' | 'pending' | 'attention' | 'canceled';
export type DailyFigures = {
  /** UTC days, oldest first, the last one today. */
  readonly days: readonly string[];
  readonly orders: Record<DayBucket, number[]>;
  /** Webhook-to-invoice seconds, p50 and p95, per day (null: no invoice that day). */
  readonly latencyP50: Array<number | null>;
  readonly latencyP95: Array<number | null>;
  /** Orders that met a failure per day, by reason code (an order failing twice the same way counts once). */
  readonly failures: Map<string, number[]>;
};

export const statusBucket = (status: string, message: string | null): DayBucket =>
  status === 'needs-attention' || (status === 'voided' && message !== null)
    ? 'attention'
    : status === 'received' || status === 'queued'
      ? 'pending'
      : status === 'canceled'
        ? 'canceled'
        : 'synced';

export function utcDays(now: Date, count: number): string[] {
  const today = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate());
  return Array.from({ length: count }, (_, i) =>
    new Date(today - (count - 1 - i) * DAY_MS).toISOString().slice(0, 10),
  );
}

/** The dashboard's figures for one workspace over the last `days` UTC days. */
export async function dailyFigures(
  db: Db,
  input: { workspaceId: string; now: Date; days?: number },
): Promise<DailyFigures> {
  const days = utcDays(input.now, input.days ?? 7);
  const since = new Date(`${days[0]}T00:00:00Z`);
  const index = new Map(days.map((d, i) => [d, i]));
  const zeros = () => days.map(() => 0);
  const orders: Record<DayBucket, number[]> = {
    synced: zeros(),
    pending: zeros(),
    attention: zeros(),
    canceled: zeros(),
  };
  const counted = await db
    .selectFrom('order_syncs')
    .select([
      sql<string>`to_char(created_at at time zone 'UTC', 'YYYY-MM-DD')`.as('day'),
      'status',
      sql<boolean>`message is not null`.as('has_message'),
      sql<number>`count(*)::int`.as('n'),
    ])
    .where('workspace_id', '=', input.workspaceId)
    .where('created_at', '>=', since)
    .groupBy([sql`1`, 'status', sql`3`])
    .execute();
  for (const row of counted) {
    const i = index.get(row.day);
    if (i === undefined) continue;
    const bucket = statusBucket(row.status, row.has_message ? 'x' : null);
    orders[bucket][i] = (orders[bucket][i] ?? 0) + Number(row.n);
  }

  const latency = await sql<{ day: string; p50: number | null; p95: number | null }>`
    select to_char(s.created_at at time zone 'UTC', 'YYYY-MM-DD') as day,
      percentile_cont(0.5) within group (order by extract(epoch from (t.first_at - s.created_at))) as p50,
      percentile_cont(0.95) within group (order by extract(epoch from (t.first_at - s.created_at))) as p95
    from order_syncs s
    join lateral (
      select min(at) as first_at from timeline
      where workspace_id = s.workspace_id and subject_type = 'order'
        and subject_id = s.ordercloud_connection_id::text || ':' || s.order_id
        and step = 'invoice' and outcome = 'ok'
    ) t on t.first_at is not null
    where s.workspace_id = ${input.workspaceId} and s.created_at >= ${since}
    group by 1`.execute(db);
  const latencyP50: Array<number | null> = days.map(() => null);
  const latencyP95: Array<number | null> = days.map(() => null);
  for (const row of latency.rows) {
    const i = index.get(row.day);
    if (i === undefined) continue;
    latencyP50[i] = row.p50 === null ? null : round(Number(row.p50));
    latencyP95[i] = row.p95 === null ? null : round(Number(row.p95));
  }

  const errors = await db
    .selectFrom('timeline')
    .select([sql<string>`to_char(at at time zone 'UTC', 'YYYY-MM-DD')`.as('day'), 'subject_id', 'message'])
    .where('workspace_id', '=', input.workspaceId)
    .where('outcome', '=', 'error')
    .where('at', '>=', since)
    .limit(20_000)
    .execute();
  const failures = new Map<string, number[]>();
  const seen = new Set<string>();
  for (const row of errors) {
    const i = index.get(row.day);
    if (i === undefined) continue;
    const code = classifyAttention(row.message).code;
    const once = `${row.day}|${row.subject_id}|${code}`;
    if (seen.has(once)) continue;
    seen.add(once);
    const series = failures.get(code) ?? zeros();
    series[i] = (series[i] ?? 0) + 1;
    failures.set(code, series);
  }
  return { days, orders, latencyP50, latencyP95, failures };
}

/** Xero documents planned but not yet sent, and since when the oldest waits. */
export async function backlog(
  db: Db,
  workspaceId: string,
): Promise<{ pending: number; oldestAt: Date | null }> {
  const row = await db
    .selectFrom('xero_operations')
    .select([sql<number>`count(*)::int`.as('n'), sql<Date | string | null>`min(created_at)`.as('oldest')])
    .where('workspace_id', '=', workspaceId)
    .where('status', 'in', ['ready', 'waiting', 'sending'])
    .executeTakeFirst();
  return { pending: Number(row?.n ?? 0), oldestAt: row?.oldest ? new Date(row.oldest) : null };
}

const round = (v: number) => Math.round(v * 100) / 100;
