import { type CommerceSource, fail, ok, permanent, type Result } from '@ledgerbridge/canonical';
import { type Kysely, sql } from 'kysely';
import type { DatabaseSchema } from '../db/schema.ts';
import { type BackfillEstimate, estimateBackfill, type SampleShares } from './backfill-estimate.ts';
import { cents } from '../mapping/xero-arithmetic.ts';
import { postedCaptures } from '../sync/plan/payment-plan.ts';
import { insertBackfill, knownOrders } from './backfill-repo.ts';

export type PlanBackfillDeps = {
  readonly db: Kysely<DatabaseSchema>;
  readonly commerceFor: (connectionId: string) => Promise<CommerceSource>;
  /** The org's daily call limit (5,000; 1,000 on Xero's Starter tier). */
  readonly dayLimitOf: (tenantId: string) => Promise<number>;
  readonly sampleSize?: number;
};

const DAY = /^\d{4}-\d{2}-\d{2}$/;

/**
 * The dry run of a history import: every order OrderCloud has submitted in the date range that
 * Ledgerbridge never saw, the Xero calls importing them costs (a sample of orders read for their payments
 * and refunds), and the days that takes. Stored as a planned import, started by the merchant.
 */
export async function planBackfill(
  deps: PlanBackfillDeps,
  input: { workspaceId: string; from: string; to: string; actor: string; connectionId?: string },
): Promise<Result<{ id: string; estimate: BackfillEstimate }>> {
  if (!DAY.test(input.from) || !DAY.test(input.to) || input.from > input.to)
    return fail(permanent('invalid-range', 'Choose a start and an end date (YYYY-MM-DD), the start first.'));
  let envQuery = deps.db
    .selectFrom('environments as e')
    .innerJoin('xero_connections as x', 'x.id', 'e.xero_connection_id')
    .select(['e.ordercloud_connection_id', 'x.tenant_id'])
    .where('e.workspace_id', '=', input.workspaceId)
    .where('e.ordercloud_connection_id', 'is not', null)
    .where('x.status', '=', 'active');
  if (input.connectionId) envQuery = envQuery.where('e.ordercloud_connection_id', '=', input.connectionId);
  const env = await envQuery.executeTakeFirst();
  if (!env?.ordercloud_connection_id)
    return fail(
      permanent('not-found', 'Bind a Xero organisation and a marketplace to an environment first.'),
    );
  const connectionId = env.ordercloud_connection_id;
  const source = await deps.commerceFor(connectionId);

  const end = `${input.to}T23:59:59.999Z`;
  const listed: Array<{ id: string; customerId: string | null }> = [];
  for (let page: number | undefined = 1; page !== undefined; ) {
    const result = await source.listSubmittedOrdersSince({ since: `${input.from}T00:00:00.000Z`, page });
    if (!result.ok) return result;
    const orders =
      result.value.orders ?? result.value.orderIds.map((id) => ({ id, customerId: null, submittedAt: null }));
    let past = false;
    for (const o of orders) {
      if (o.submittedAt && o.submittedAt > end) {
        past = true;
        continue;
      }
      listed.push({ id: o.id, customerId: o.customerId });
    }
    page = past ? undefined : result.value.nextPage;
  }
  const known = new Set<string>();
  for (let start = 0; start < listed.length; start += 1000) {
    const ids = listed.slice(start, start + 1000).map((o) => o.id);
    for (const id of await knownOrders(deps.db, { connectionId, orderIds: ids })) known.add(id);
  }
  const orders = listed.filter((o) => !known.has(o.id));
  const shares = await sampleShares(source, orders, deps.sampleSize ?? 200);
  const contacts = await deps.db
    .selectFrom('xero_operations')
    .select(sql<string>`payload->>'contactNumber'`.as('customer'))
    .where('tenant_id', '=', env.tenant_id)
    .where('kind', '=', 'contact')
    .where('status', '=', 'done')
    .execute();
  const estimate = estimateBackfill({
    orders,
    shares,
    dayLimit: await deps.dayLimitOf(env.tenant_id),
    knownCustomers: new Set(contacts.map((c) => c.customer)),
  });
  const id = await insertBackfill(deps.db, {
    workspaceId: input.workspaceId,
    connectionId,
    tenantId: env.tenant_id,
    from: input.from,
    to: input.to,
    estimate,
    orderIds: orders.map((o) => o.id),
    actor: input.actor,
  });
  return ok({ id, estimate });
}

/**
 * Payments and refunds of orders spread evenly through the range: what share brings which documents,
 * counted as the sync plans them. Allocations (one call each) weigh most per order, and 40 orders put
 * them a third off: 200 are read, ten at a time.
 */
async function sampleShares(
  source: CommerceSource,
  orders: ReadonlyArray<{ id: string }>,
  size: number,
): Promise<SampleShares> {
  if (orders.length === 0) return { paid: 0, credited: 0, allocations: 0 };
  const step = Math.max(1, Math.floor(orders.length / size));
  const picked: string[] = [];
  for (let i = 0; i < orders.length && picked.length < size; i += step) {
    const orderId = orders[i]?.id;
    if (orderId) picked.push(orderId);
  }
  let sampled = 0;
  let paid = 0;
  let credited = 0;
  let allocations = 0;
  for (let start = 0; start < picked.length; start += 10) {
    const reads = await Promise.all(
      picked
        .slice(start, start + 10)
        .map((orderId) =>
          Promise.all([
            source.getOrder({ orderId }),
            source.getPayments({ orderId }),
            source.getRefunds({ orderId }),
          ]),
        ),
    );
    for (const [order, payments, refunds] of reads) {
      if (!order.ok || !payments.ok || !refunds.ok) continue;
      sampled += 1;
      // As the sync plans them: a payment per capture, and a credit note allocated while the invoice
      // still owes something after the captures (one call each).
      const captures = postedCaptures(payments.value);
      paid += captures.length;
      credited += refunds.value.length;
      const captured = captures.reduce((sum, amount) => sum + cents(amount), 0n);
      if (cents(order.value.total) > captured) allocations += refunds.value.length;
    }
  }
  if (sampled === 0) return { paid: 1, credited: 0, allocations: 0 };
  return { paid: paid / sampled, credited: credited / sampled, allocations: allocations / sampled };
}
