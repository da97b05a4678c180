import { type AccountingTarget, type CommerceSource, permanent, SyncFailure } from '@ledgerbridge/canonical';
import type { Db } from '../../db/database.ts';
import { mappingFor, orThrow } from '../catalog/catalog-mapping.ts';
import { customerKey, opKey } from '../operations/operation.ts';
import { planLatest } from '../operations/operations-repo.ts';
import { findSyncContext } from '../sync-context.ts';

export type SyncCustomerDeps = {
  readonly db: Db;
  readonly commerceFor: (connectionId: string) => Promise<CommerceSource>;
  readonly accountingFor: (workspaceId: string) => AccountingTarget;
  readonly requestFlush: (tenantId: string) => Promise<void>;
};

/**
 * A user created or changed in OrderCloud reaches Xero as a contact without waiting for an order: the
 * contact an order would get (a B2B customer's company, else the user), with the user's latest details.
 * The same details twice (a webhook for the app's own write-back of a phone) plan nothing.
 */
export async function syncCustomer(
  deps: SyncCustomerDeps,
  input: { connectionId: string; customerId: string },
): Promise<{ planned: boolean }> {
  const ctx = await findSyncContext(deps.db, input.connectionId);
  if (!ctx)
    throw new SyncFailure(
      permanent(
        'no-environment',
        `OrderCloud connection ${input.connectionId} is not bound to an environment.`,
      ),
    );
  const source = await deps.commerceFor(ctx.connectionId);
  const customer = orThrow(await source.getCustomer({ customerId: input.customerId }));
  // Guests have no contact of their own until they order (their contact is the order's).
  if (customer.kind === 'guest') return { planned: false };
  const mapping = await mappingFor(deps, ctx);
  const asCompany =
    mapping.contacts.companyContactsForB2B && customer.kind === 'company' && Boolean(customer.companyId);
  const contactNumber = customerKey({ asCompany, customer });
  const outcome = await planLatest(deps.db, {
    workspaceId: ctx.workspaceId,
    tenantId: ctx.tenantId,
    connectionId: ctx.connectionId,
    orderId: null,
    kind: 'contact-upsert',
    key: opKey({ kind: 'contact-upsert', tenantId: ctx.tenantId, customerKey: contactNumber }),
    payload: { customer, asCompany, guestName: mapping.contacts.guestName, contactNumber },
    dependsOn: null,
  });
  if (outcome.planned) await deps.requestFlush(ctx.tenantId);
  return outcome;
}
