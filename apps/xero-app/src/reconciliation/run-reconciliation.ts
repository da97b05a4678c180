import type { AccountingTarget, CommerceSource } from '@ledgerbridge/canonical';
import { SyncFailure } from '@ledgerbridge/canonical';
import type { Kysely } from 'kysely';
import type { DatabaseSchema } from '../db/schema.ts';
import type { MappingConfig } from '../mapping/mapping-config.ts';
import { planPayments } from '../sync/plan/payment-plan.ts';
import { finishReport } from './reports-repo.ts';
import { compareThreeWay, type OcOrderFacts, type XeroInvoiceFacts } from './three-way.ts';

export type ReconciliationDeps = {
  readonly db: Kysely<DatabaseSchema>;
  readonly commerceFor: (connectionId: string) => Promise<CommerceSource>;
  readonly accountingFor: (workspaceId: string) => AccountingTarget;
};

// The payment rule only needs accounts to name where money goes; here only the amounts count.
const amountsOnly = {
  payments: { byGateway: {}, byMethod: {}, defaultAccount: '' },
} as unknown as MappingConfig;

const sumCents = (amounts: readonly string[]) => {
  let total = 0n;
  for (const a of amounts) {
    const [w = '0', f = ''] = a.replace(/^-/, '').split('.');
    total += BigInt(w || '0') * 100n + BigInt(`${f}00`.slice(0, 2));
  }
  return `${total / 100n}.${(total % 100n).toString().padStart(2, '0')}`;
};

/**
 * Fills a report: the orders OrderCloud submitted in the range (with what was captured), the invoices
 * Xero holds for them (looked up by reference, 40 a call), and Ledgerbridge's own record, compared.
 */
export async function runReconciliation(
  deps: ReconciliationDeps,
  input: { reportId: string; workspaceId: string; from: string; to: string },
): Promise<void> {
  try {
    const envs = await deps.db
      .selectFrom('environments as e')
      .innerJoin('xero_connections as x', 'x.id', 'e.xero_connection_id')
      .select(['e.ordercloud_connection_id', 'x.tenant_id'])
      .where('e.workspace_id', '=', input.workspaceId)
      .where('e.ordercloud_connection_id', 'is not', null)
      .where('x.status', '=', 'active')
      .execute();
    const orders: OcOrderFacts[] = [];
    const invoices: XeroInvoiceFacts[] = [];
    const ours = [];
    const end = `${input.to}T23:59:59.999Z`;
    for (const env of envs) {
      const connectionId = env.ordercloud_connection_id ?? '';
      const source = await deps.commerceFor(connectionId);
      const ids: string[] = [];
      for (let page: number | undefined = 1; page !== undefined; ) {
        const listed = await source.listSubmittedOrdersSince({ since: `${input.from}T00:00:00.000Z`, page });
        if (!listed.ok) throw new SyncFailure(listed.error);
        let past = false;
        for (const o of listed.value.orders ??
          listed.value.orderIds.map((id) => ({ id, submittedAt: null }))) {
          if (o.submittedAt && o.submittedAt > end) past = true;
          else ids.push(o.id);
        }
        page = past ? undefined : listed.value.nextPage;
      }
      for (let i = 0; i < ids.length; i += 4) {
        const facts = await Promise.all(
          ids.slice(i, i + 4).map(async (orderId) => {
            const [order, payments] = await Promise.all([
              source.getOrder({ orderId }),
              source.getPayments({ orderId }),
            ]);
            if (!order.ok) throw new SyncFailure(order.error);
            if (!payments.ok) throw new SyncFailure(payments.error);
            const captured = planPayments({
              orderId,
              payments: payments.value,
              mapping: amountsOnly,
            }).planned;
            return {
              id: orderId,
              status: order.value.status,
              total: order.value.total,
              currency: order.value.currency,
              paid: sumCents(captured.map((p) => p.amount)),
            };
          }),
        );
        orders.push(...facts);
      }
      const accounting = deps.accountingFor(input.workspaceId);
      for (let i = 0; i < ids.length; i += 40) {
        const found = await accounting.findInvoices({
          tenantId: env.tenant_id,
          references: ids.slice(i, i + 40),
        });
        if (!found.ok) throw new SyncFailure(found.error);
        for (const inv of found.value)
          invoices.push({
            id: inv.id,
            number: inv.number,
            reference: inv.reference ?? '',
            status: inv.status,
            total: inv.total,
            amountPaid: inv.amountPaid,
          });
      }
      if (ids.length > 0) {
        const rows = await deps.db
          .selectFrom('order_syncs')
          .select(['order_id', 'status', 'invoice_id', 'amount_paid'])
          .where('ordercloud_connection_id', '=', connectionId)
          .where('order_id', 'in', ids)
          .execute();
        ours.push(
          ...rows.map((r) => ({
            orderId: r.order_id,
            status: r.status,
            invoiceId: r.invoice_id,
            amountPaid: r.amount_paid,
          })),
        );
      }
    }
    const findings = compareThreeWay({ orders, invoices, ours });
    await finishReport(deps.db, {
      id: input.reportId,
      findings,
      summary: { orders: orders.length, invoices: invoices.length, findings: findings.length },
    });
  } catch (error) {
    await finishReport(deps.db, {
      id: input.reportId,
      error: error instanceof Error ? error.message : String(error),
    });
    throw error;
  }
}
