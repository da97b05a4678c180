import { sql } from 'kysely';
import type { Db } from '../db/database.ts';
import { inTransaction } from '../sync/in-transaction.ts';

export type TimelineOutcome = 'ok' | 'info' | 'error' | 'pending';

type Step = {
  workspaceId: string;
  orderKey: string;
  step: string;
  outcome: TimelineOutcome;
  message: string;
  details?: Record<string, unknown>;
};

const timelineRow = (entry: Step) => ({
  workspace_id: entry.workspaceId,
  subject_type: 'order',
  subject_id: entry.orderKey,
  step: entry.step,
  outcome: entry.outcome,
  message: entry.message,
  details: JSON.stringify(entry.details ?? {}),
});

/** Every step of every order, in the merchant's words; the console shows it on the order. */
export async function recordStep(db: Db, entry: Step): Promise<void> {
  await db.insertInto('timeline').values(timelineRow(entry)).execute();
}

/**
 * Several steps of one moment in one statement, in the order given: each is stamped a microsecond after
 * the one before, so the timeline (ordered by `at`) tells them in that order.
 */
export async function recordSteps(db: Db, entries: ReadonlyArray<Step>): Promise<void> {
  if (entries.length === 0) return;
  await db
    .insertInto('timeline')
    .values(
      entries.map((entry, index) => ({
        ...timelineRow(entry),
        at: sql<Date>`clock_timestamp() + make_interval(secs => ${index / 1_000_000})`,
      })),
    )
    .execute();
}

export async function timelineFor(db: Db, input: { workspaceId: string; orderKey: string }) {
  return db
    .selectFrom('timeline')
    .select(['step', 'outcome', 'message', 'details', 'at'])
    .where('workspace_id', '=', input.workspaceId)
    .where('subject_type', '=', 'order')
    .where('subject_id', '=', input.orderKey)
    .orderBy('at')
    .execute();
}

/**
 * A step that states a fact about the order's source data (a failed capture, say): every sync sees it
 * again, the timeline says it once.
 */
export async function recordStepOnce(db: Db, entry: Parameters<typeof recordStep>[1]): Promise<void> {
  // Two syncs of one order may run at once (a capture and a payment webhook together): the look and the
  // insert happen under one lock per order, so the step is told once.
  await inTransaction(db, async (trx) => {
    await sql`select pg_advisory_xact_lock(hashtext(${`timeline:${entry.workspaceId}:${entry.orderKey}`}))`.execute(
      trx,
    );
    const seen = await trx
      .selectFrom('timeline')
      .select('id')
      .where('workspace_id', '=', entry.workspaceId)
      .where('subject_type', '=', 'order')
      .where('subject_id', '=', entry.orderKey)
      .where('step', '=', entry.step)
      .where('message', '=', entry.message)
      .executeTakeFirst();
    if (!seen) await recordStep(trx, entry);
  });
}
