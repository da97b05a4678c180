import { type CommerceSource, permanent, SyncFailure } from '@ledgerbridge/canonical';
import type { Db } from '../db/database.ts';
import { MappingConfigSchema } from '../mapping/mapping-config.ts';
import { loadMapping } from '../mapping/mapping-repo.ts';
import { customerKey, opKey } from '../sync/operations/operation.ts';
import { ensureOperation } from '../sync/operations/operations-repo.ts';
import { findSyncContext } from '../sync/sync-context.ts';
import { recordStep } from '../timeline/timeline-repo.ts';

/**
 * A customer signed up or changed their profile on a Sitecore site: the Xero contact is planned exactly as
 * an order plans it (same operation key, so the flush matches an existing contact by number, email or
 * name before creating one). Once a contact exists, Xero owns its phone and address (decision 0008), so a
 * later profile change does not overwrite them.
 */
export async function syncSiteCustomer(
  deps: {
    db: Db;
    commerceFor: (connectionId: string) => Promise<CommerceSource>;
    requestFlush: (tenantId: string) => Promise<void>;
  },
  input: { connectionId: string; customerId: string },
): Promise<void> {
  const ctx = await findSyncContext(deps.db, input.connectionId);
  if (!ctx)
    throw new SyncFailure(
      permanent('no-environment', `Sitecore site ${input.connectionId} is not bound to an environment.`),
    );
  const source = await deps.commerceFor(ctx.connectionId);
  const fetched = await source.getCustomer({ customerId: input.customerId });
  if (!fetched.ok) throw new SyncFailure(fetched.error);
  const customer = fetched.value;
  const contacts = ctx.mappingVersionId
    ? (await loadMapping(deps.db, ctx.mappingVersionId)).contacts
    : MappingConfigSchema.shape.contacts.parse({});
  const asCompany =
    contacts.companyContactsForB2B && customer.kind === 'company' && Boolean(customer.companyId);
  const contactNumber = customerKey({ asCompany, customer });
  const op = await ensureOperation(deps.db, {
    workspaceId: ctx.workspaceId,
    tenantId: ctx.tenantId,
    connectionId: ctx.connectionId,
    orderId: null,
    kind: 'contact',
    // The same key an order of this customer plans, so the two meet in one contact.
    key: opKey({ kind: 'contact', tenantId: ctx.tenantId, customerKey: contactNumber }),
    payload: { customer, asCompany, guestName: contacts.guestName, contactNumber },
    dependsOn: null,
  });
  await recordStep(deps.db, {
    workspaceId: ctx.workspaceId,
    orderKey: `${ctx.connectionId}:customer:${customer.id}`,
    step: 'contact',
    outcome: op.created ? 'pending' : 'info',
    message: op.created
      ? 'Customer received from the Sitecore site; the Xero contact is being saved.'
      : 'Customer update received; the Xero contact already exists and Xero keeps its details.',
  });
  if (op.created) await deps.requestFlush(ctx.tenantId);
}
