import { invoicedToCompany, shapeCustomer } from '../../mapping/contact-shape.ts';
import type { Order } from '@ledgerbridge/canonical';
import type { Db } from '../../db/database.ts';
import { inTransaction } from '../in-transaction.ts';
import type { MappingConfig } from '../../mapping/mapping-config.ts';
import type { PreparedInvoice } from '../../mapping/prepare-invoice.ts';
import { customerKey, opKey } from '../operations/operation.ts';
import { ensureOperation } from '../operations/operations-repo.ts';
import type { SyncContext } from '../sync-context.ts';
import type { PlannedPayment } from './payment-plan.ts';

/** Whether the order is invoiced to its company: B2B customers of a mapping that says so. */
export function invoicedAsCompany(order: Order, mapping: MappingConfig): boolean {
  return invoicedToCompany(order.customer, mapping.contacts);
}

/**
 * The order's items, contact and invoice, planned in one transaction: a second delivery of the order
 * finds them by key and adds nothing. Returns the invoice operation and whether this call created it.
 */
export async function planInvoice(
  deps: { db: Db },
  ctx: SyncContext,
  input: { order: Order; mapping: MappingConfig; invoice: PreparedInvoice },
): Promise<{ id: string; created: boolean }> {
  const { order, mapping, invoice } = input;
  const asCompany = invoicedAsCompany(order, mapping);
  const contactNumber = customerKey({ asCompany, customer: order.customer });
  const base = { workspaceId: ctx.workspaceId, tenantId: ctx.tenantId, connectionId: ctx.connectionId };
  return inTransaction(deps.db, async (trx) => {
    for (const code of invoice.missingItemCodes) {
      const line = order.lines.find((l) => l.sku === code);
      await ensureOperation(trx, {
        ...base,
        orderId: null,
        kind: 'item',
        key: opKey({ kind: 'item', tenantId: ctx.tenantId, code }),
        payload: { code, name: line?.name ?? code, salesAccountCode: mapping.accounts.sales },
        dependsOn: null,
      });
    }
    const contact = await ensureOperation(trx, {
      ...base,
      orderId: order.id,
      kind: 'contact',
      key: opKey({ kind: 'contact', tenantId: ctx.tenantId, customerKey: contactNumber }),
      payload: {
        // Names and street as the mapping shapes them (split full names, street lines).
        customer: shapeCustomer(order.customer, mapping.contacts),
        asCompany,
        guestName: mapping.contacts.guestName,
        nameFormat: mapping.contacts.nameFormat,
        // A customer number read through the mapping's source paths (0046) is the contact's number in Xero.
        contactNumber:
          typeof order.attributes.customerNumber === 'string'
            ? order.attributes.customerNumber
            : contactNumber,
      },
      dependsOn: null,
    });
    const op = await ensureOperation(trx, {
      ...base,
      orderId: order.id,
      kind: 'invoice',
      key: opKey({
        kind: 'invoice',
        tenantId: ctx.tenantId,
        connectionId: ctx.connectionId,
        orderId: order.id,
      }),
      payload: {
        ...invoice.draft,
        status: invoice.status,
        total: invoice.total,
        conversion: invoice.conversion ?? null,
      },
      dependsOn: contact.id,
    });
    return { id: op.id, created: op.created };
  });
}

/** One payment operation per capture, keyed through its order (payment IDs repeat across orders). */
export async function planPaymentOperations(
  deps: { db: Db },
  ctx: SyncContext,
  input: { orderId: string; invoiceOpId: string | null; payments: readonly PlannedPayment[] },
): Promise<PlannedPayment[]> {
  const created: PlannedPayment[] = [];
  for (const payment of input.payments) {
    const op = await ensureOperation(deps.db, {
      workspaceId: ctx.workspaceId,
      tenantId: ctx.tenantId,
      connectionId: ctx.connectionId,
      orderId: input.orderId,
      kind: 'payment',
      key: opKey({
        kind: 'payment',
        tenantId: ctx.tenantId,
        connectionId: ctx.connectionId,
        orderId: input.orderId,
        paymentId: payment.paymentId,
        transactionId: payment.transactionId,
      }),
      payload: {
        amount: payment.amount,
        accountCode: payment.accountCode,
        date: payment.date,
        reference: payment.reference,
      },
      dependsOn: input.invoiceOpId,
    });
    if (op.created) created.push(payment);
  }
  return created;
}
